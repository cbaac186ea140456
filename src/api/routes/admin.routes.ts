import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NewWebhook } from '../../events/index.js';
import { AuditFilter, NewToken } from '../../security/index.js';
import { caller } from '../auth.js';
import { AuditEntry, page, Token, Webhook, WebhookDelivery } from '../schemas.js';
import type { Services } from '../services.js';

/** Tokens, the audit log and webhooks: an admin's business. */
export async function adminRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { tokens, audit, webhooks } = services;
  const admin = { access: 'admin' as const };
  const id = z.object({ id: z.string() });

  routes.post(
    '/tokens',
    {
      config: admin,
      schema: {
        tags: ['tokens'],
        summary: 'Create an API token; the answer is the only place its secret appears',
        body: NewToken,
        response: { 201: Token.extend({ token: z.string() }) },
      },
    },
    async (request, reply) => reply.code(201).send(await tokens.create(request.body, caller(request).name)),
  );
  routes.get(
    '/tokens',
    {
      config: admin,
      schema: {
        tags: ['tokens'],
        summary: 'List tokens (never their secrets)',
        response: { 200: z.object({ items: z.array(Token) }) },
      },
    },
    async () => ({ items: await tokens.list() }),
  );
  routes.delete(
    '/tokens/:id',
    { config: admin, schema: { tags: ['tokens'], summary: 'Revoke a token', params: id, response: { 200: Token } } },
    async (request) => tokens.revoke(request.params.id),
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
        response: { 200: z.object({ items: z.array(Webhook) }) },
      },
    },
    async () => ({ items: await webhooks.list() }),
  );
  routes.delete(
    '/webhooks/:id',
    {
      config: admin,
      schema: {
        tags: ['webhooks'],
        summary: 'Stop sending to a webhook',
        params: id,
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
        params: id,
        response: { 200: z.object({ items: z.array(WebhookDelivery) }) },
      },
    },
    async (request) => ({ items: await webhooks.deliveries(request.params.id) }),
  );
}
