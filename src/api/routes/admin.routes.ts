import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ListQuery } from '../../catalog/index.js';
import { NewWebhook } from '../../events/index.js';
import { LockPeriodBody, PeriodLock } from '../../ledger/index.js';
import { AuditFilter, NewToken } from '../../security/index.js';
import type { TokenInfo } from '../../security/index.js';
import { toPage } from '../../store/index.js';
import type { Page } from '../../store/index.js';
import { caller } from '../auth.js';
import { AuditEntry, IdParams, page, Token, Webhook, WebhookDelivery } from '../schemas.js';
import type { Services } from '../services.js';

/**
 * A page of the tokens a caller may see, by id (ids are UUIDv7: the order they were made in). The
 * tokens are few and a scope is checked token by token, so the page is cut here, not in SQL.
 */
function tokenPage(tokens: TokenInfo[], query: { after?: string | undefined; limit: number }): Page<TokenInfo> {
  const after = query.after;
  const rest = tokens.filter((t) => after === undefined || t.id > after).sort((a, b) => (a.id < b.id ? -1 : 1));
  return toPage(rest.slice(0, query.limit + 1), query.limit, (t) => t.id);
}

/**
 * Tokens, the audit log, webhooks and the lock date: an admin's business. All but tokens act on the
 * whole network, so a token limited to locations may not use them; an admin limited to locations
 * manages the tokens within its scope (see `Tokens`).
 */
export async function adminRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { tokens, audit, webhooks, ledger } = services;
  const admin = { access: 'admin' as const };
  const scopedAdmin = { access: 'admin' as const, network: false };

  routes.post(
    '/tokens',
    {
      config: scopedAdmin,
      schema: {
        tags: ['tokens'],
        summary: 'Create an API token; the answer is the only place its secret appears',
        body: NewToken,
        response: { 201: Token.extend({ token: z.string() }) },
      },
    },
    async (request, reply) => {
      const principal = caller(request);
      return reply.code(201).send(await tokens.create(request.body, principal.name, principal));
    },
  );
  routes.get(
    '/tokens',
    {
      config: scopedAdmin,
      schema: {
        tags: ['tokens'],
        summary: 'List tokens (never their secrets); a location-limited admin sees those within its scope',
        querystring: ListQuery,
        response: { 200: page(Token) },
      },
    },
    async (request) => tokenPage(await tokens.list(caller(request)), request.query),
  );
  routes.delete(
    '/tokens/:id',
    {
      config: scopedAdmin,
      schema: { tags: ['tokens'], summary: 'Revoke a token', params: IdParams, response: { 200: Token } },
    },
    async (request) => tokens.revoke(request.params.id, caller(request)),
  );

  routes.get(
    '/settings/lock-date',
    {
      config: { access: 'read' },
      schema: {
        tags: ['settings'],
        summary: 'The lock date: nothing may be posted on or before it',
        response: { 200: PeriodLock },
      },
    },
    async () => ledger.periodLock(),
  );
  routes.put(
    '/settings/lock-date',
    {
      config: admin,
      schema: {
        tags: ['settings'],
        summary: 'Close the periods up to a time (or lift the lock with null): later postings dated then are refused',
        body: LockPeriodBody,
        response: { 200: PeriodLock },
      },
    },
    async (request) => ledger.lockPeriod({ ...request.body, actor: caller(request).name }),
  );

  routes.get(
    '/audit',
    {
      config: admin,
      schema: {
        tags: ['audit'],
        summary: 'Every write through the API, newest first',
        querystring: AuditFilter,
        response: { 200: page(AuditEntry) },
      },
    },
    async (request) => audit.list(request.query),
  );

  routes.post(
    '/webhooks',
    {
      config: admin,
      schema: {
        tags: ['webhooks'],
        summary: 'Register a URL to receive events, signed with HMAC-SHA256 in the Omnistock-Signature header',
        body: NewWebhook,
        response: { 201: Webhook.extend({ secret: z.string() }) },
      },
    },
    async (request, reply) => reply.code(201).send(await webhooks.create(request.body, caller(request).name)),
  );
  routes.get(
    '/webhooks',
    {
      config: admin,
      schema: {
        tags: ['webhooks'],
        summary: 'List webhooks',
        querystring: ListQuery,
        response: { 200: page(Webhook) },
      },
    },
    async (request) => webhooks.list(request.query),
  );
  routes.delete(
    '/webhooks/:id',
    {
      config: admin,
      schema: {
        tags: ['webhooks'],
        summary: 'Stop sending to a webhook',
        params: IdParams,
        response: { 204: z.undefined() },
      },
    },
    async (request, reply) => {
      await webhooks.remove(request.params.id);
      return reply.code(204).send();
    },
  );
  routes.get(
    '/webhooks/:id/deliveries',
    {
      config: admin,
      schema: {
        tags: ['webhooks'],
        summary: 'Delivery attempts of a webhook, newest first',
        params: IdParams,
        querystring: ListQuery,
        response: { 200: page(WebhookDelivery) },
      },
    },
    async (request) => webhooks.deliveries(request.params.id, request.query),
  );
}
