import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ListQuery } from '../../catalog/index.js';
import { NewWebhook, Webhook, WebhookDelivery, WebhookWithSecret } from '../../events/index.js';
import { LockPeriodBody, PeriodLock } from '../../ledger/index.js';
import { AuditEntry, AuditFilter, NewToken, Token, TokenWithSecret } from '../../security/index.js';
import { toPage } from '../../store/index.js';
import type { Page } from '../../store/index.js';
import { caller } from '../auth.js';
import { IdParams, page } from '../schemas.js';
import type { Services } from '../services.js';

/**
 * A page of the tokens a caller may see, by id (ids are UUIDv7: the order they were made in). The
 * tokens are few and a scope is checked token by token, so the page is cut here, not in SQL.
 */
function tokenPage(tokens: Token[], query: { after?: string | undefined; limit: number }): Page<Token> {
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
      config: { ...scopedAdmin, errors: ['already_exists', 'unknown_location'] },
      schema: {
        tags: ['tokens'],
        summary: 'Create an API token; the answer is the only place its secret appears',
        description:
          'Makes a token with a role and, if given, the locations it may act at. Needs an admin token; an admin limited to locations may make tokens only within them (403 `forbidden` otherwise). Omnistock keeps only a hash of the secret, so a lost one cannot be shown again: revoke the token and make another. A name in use is answered 409 `already_exists`.',
        body: NewToken,
        response: { 201: TokenWithSecret },
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
        description:
          'The tokens by id, oldest first, revoked ones included (with `revokedAt`), a page at a time. Needs an admin token; an admin limited to locations sees only the tokens limited to locations within its own.',
        querystring: ListQuery,
        response: { 200: page(Token) },
      },
    },
    async (request) => tokenPage(await tokens.list(caller(request)), request.query),
  );
  routes.delete(
    '/tokens/:id',
    {
      config: { ...scopedAdmin, errors: ['not_found'] },
      schema: {
        tags: ['tokens'],
        summary: 'Revoke a token',
        description:
          'Revokes a token, named by its id or its name: every request with it is refused from then on (by other API processes within 2 seconds). Needs an admin token; an admin limited to locations may revoke only tokens within its scope. An unknown or already revoked token is answered 404 `not_found`.',
        params: IdParams,
        response: { 200: Token },
      },
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
        description: 'The lock date, and who set it when; all null while none was ever set. Any token may read it.',
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
        description:
          'Sets the lock date: from then on a movement with `occurredAt` on or before it is refused (422 `period_locked`), so the stock reported for those periods never changes. A date in the future is refused; null lifts the lock, and moving it back reopens a period. Needs an admin token without location limits; the audit log records who did it.',
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
        description:
          'Every write made with a valid token, refused ones included: who, which route, on what, the status answered and the idempotency key. Newest first, a page at a time; `after` goes on to older entries. Needs an admin token without location limits.',
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
        description:
          'From now on, each committed event of the chosen types is POSTed to the URL as JSON, with `sha256=` and the hex HMAC-SHA256 of the body in the Omnistock-Signature header. A delivery is tried until the receiver answers 2xx, up to 8 times with doubling waits, and may arrive twice: receivers recognise a repeat by the event id. Needs an admin token without location limits.',
        body: NewWebhook,
        response: { 201: WebhookWithSecret },
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
        description:
          'The registered webhooks by id, oldest first, without their secrets, a page at a time. Needs an admin token without location limits.',
        querystring: ListQuery,
        response: { 200: page(Webhook) },
      },
    },
    async (request) => webhooks.list(request.query),
  );
  routes.delete(
    '/webhooks/:id',
    {
      config: { ...admin, errors: ['not_found'] },
      schema: {
        tags: ['webhooks'],
        summary: 'Stop sending to a webhook',
        description:
          'Removes a webhook: nothing more is sent to it, not even deliveries still pending. Needs an admin token without location limits. An unknown or already removed webhook is answered 404 `not_found`.',
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
        description:
          "A webhook's deliveries, newest first, a page at a time: their status, attempts and the receiver's last answer or error. An unknown webhook has none (an empty page). Needs an admin token without location limits.",
        params: IdParams,
        querystring: ListQuery,
        response: { 200: page(WebhookDelivery) },
      },
    },
    async (request) => webhooks.deliveries(request.params.id, request.query),
  );
}
