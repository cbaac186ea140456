import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CustomerReturn,
  InspectReturnLineBody,
  NewReturn,
  ReturnFilter,
  ReturnSummaryRow,
} from '../../procedures/index.js';
import { IdParams, IdSkuParams, page } from '../schemas.js';
import { Posting } from '../../ledger/index.js';
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
      config: {
        ...write,
        errors: [
          'unknown_location',
          'unknown_sku',
          'unknown_supplier',
          'idempotency_conflict',
          'location_unavailable',
          'period_locked',
        ],
      },
      schema: {
        tags,
        summary: 'Take a customer return in: per line restock, quarantine, scrap or return to the supplier',
        description:
          "An operator, planner or admin whose token covers `location` takes a customer return in, in one posting: every unit comes back from the customer, then goes where its line's disposition says — into the location's stock, into its quarantine, to scrap, or back to the supplier. A return with quarantined lines stays `inspecting` until each is settled by inspection; otherwise it is `closed` at once. With an `Idempotency-Key`, a retry answers the first intake instead of taking the goods in again.",
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
      schema: {
        tags,
        summary: 'List returns',
        description:
          'Any token may read every return, whatever its locations. Returns come in order of their number, a page at a time, filtered by location, SKU, reason and when the goods came back.',
        querystring: ReturnFilter,
        response: { 200: page(CustomerReturn) },
      },
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
        description:
          'Any token may read it. Adds up the lines of the returns the filter selects: per location, SKU and reason, the units that came back and what became of them — restocked, still in quarantine, scrapped or sent back to the supplier. The summary is not paged: `limit` and `after` are accepted and ignored.',
        querystring: ReturnFilter,
        response: {
          200: z.object({
            rows: z
              .array(ReturnSummaryRow)
              .describe('One row per location, SKU and reason, in that order; empty when no return matches'),
          }),
        },
      },
    },
    async (request) => ({ rows: await returns.summary(request.query) }),
  );
  routes.get(
    '/returns/:id',
    {
      config: { ...read, errors: ['not_found'] },
      schema: {
        tags,
        summary: 'Read a return',
        description:
          'Any token may read any return: its reason, and for each line its disposition and, for a quarantined line, the outcome of its inspection.',
        params: IdParams,
        response: { 200: CustomerReturn },
      },
    },
    async (request) => returns.get(request.params.id),
  );
  routes.post(
    '/returns/:id/lines/:sku/inspect',
    {
      config: { ...write, errors: ['not_found', 'illegal_transition', 'unknown_supplier', 'location_unavailable'] },
      schema: {
        tags,
        summary: 'Settle a quarantined line after inspection: restock, scrap or return to the supplier',
        description:
          "An operator, planner or admin whose token covers the return's location settles a quarantined line: its units leave the quarantine for the location's stock, for scrap or for the supplier, in one posting. A line is settled once; a line that was not quarantined is refused (409 `illegal_transition`), a SKU not on the return 400. When no quarantined line is left, the return is `closed`.",
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
