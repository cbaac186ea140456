import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InspectReturnLineBody, NewReturn, ReturnFilter } from '../../procedures/index.js';
import { CustomerReturn, IdParams, IdSkuParams, page, Posting, ReturnSummaryRow } from '../schemas.js';
import type { Services } from '../services.js';
import { IdempotencyHeaders, postingContext } from './movements.routes.js';

export async function returnRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { returns } = services;
  const tags = ['returns'];
  const write = { access: 'write' as const };
  const read = { access: 'read' as const };
  const stepped = z.object({ return: CustomerReturn, posting: Posting });

  routes.post(
    '/returns',
    {
      config: write,
      schema: {
        tags,
        summary: 'Take a customer return in: per line restock, quarantine, scrap or return to the supplier',
        headers: IdempotencyHeaders,
        body: NewReturn.omit({ actor: true, idempotencyKey: true }),
        response: { 201: stepped },
      },
    },
    async (request, reply) => {
      const context = postingContext(request, [request.body.location]);
      return reply.code(201).send(await returns.receive({ ...request.body, ...context }));
    },
  );
  routes.get(
    '/returns',
    {
      config: read,
      schema: { tags, summary: 'List returns', querystring: ReturnFilter, response: { 200: page(CustomerReturn) } },
    },
    async (request) => returns.list(request.query),
  );
  routes.get(
    '/returns/summary',
    {
      config: read,
      schema: {
        tags,
        summary: 'Returned units per location, SKU and reason, by what became of them',
        querystring: ReturnFilter,
        response: { 200: z.object({ rows: z.array(ReturnSummaryRow) }) },
      },
    },
    async (request) => ({ rows: await returns.summary(request.query) }),
  );
  routes.get(
    '/returns/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'Read a return',
        params: IdParams,
        response: { 200: CustomerReturn },
      },
    },
    async (request) => returns.get(request.params.id),
  );
  routes.post(
    '/returns/:id/lines/:sku/inspect',
    {
      config: write,
      schema: {
        tags,
        summary: 'Settle a quarantined line after inspection: restock, scrap or return to the supplier',
        params: IdSkuParams,
        body: InspectReturnLineBody,
        response: { 200: stepped },
      },
    },
    async (request) => {
      const current = await returns.get(request.params.id);
      const { actor } = postingContext(request, [current.locationId]);
      return returns.inspect(current.id, request.params.sku, { ...request.body, actor });
    },
  );
}
