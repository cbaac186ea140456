import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../security/index.js';
import {
  CancelPurchaseOrder,
  ClosePurchaseOrder,
  NewPurchaseOrder,
  PurchaseOrderFilter,
  PurchaseOrder,
  ReceivePurchaseOrder,
  SupplierPerformance,
} from '../../procedures/index.js';
import { caller } from '../auth.js';
import { IdParams, page } from '../schemas.js';
import { Posting } from '../../ledger/index.js';
import type { Services } from '../services.js';
import { IdempotencyHeaders } from './movements.routes.js';

/** The caller, if they may do `access` at `location`; their name is the actor. */
function actorAt(request: FastifyRequest, access: 'write' | 'plan', location: string): string {
  const principal = caller(request);
  authorize(principal, access, [location]);
  return principal.name;
}

export async function purchaseOrderRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { purchaseOrders } = services;
  const tags = ['purchase orders'];
  const plan = { access: 'plan' as const };

  routes.post(
    '/purchase-orders',
    {
      config: {
        ...plan,
        errors: ['unknown_supplier', 'unknown_location', 'unknown_sku', 'no_unit_cost', 'already_exists'],
      },
      schema: {
        tags,
        summary: 'Draft (or, with submit, place) a purchase order',
        description:
          "A planner or admin whose token covers `location` drafts an order with a supplier (status `draft`), or with `submit: true` places it at once (`submitted`): from then on its open units count as on order at the location. A line without `unitCost` takes the supplier's cost for its SKU (`PUT /suppliers/{id}/items/{sku}`), else the product's cost; with neither, the order is refused (422, `no_unit_cost`, naming the line).",
        body: NewPurchaseOrder.omit({ actor: true }),
        response: { 201: PurchaseOrder },
      },
    },
    async (request, reply) => {
      const actor = actorAt(request, 'plan', request.body.location);
      return reply.code(201).send(await purchaseOrders.create({ ...request.body, actor }));
    },
  );
  routes.get(
    '/purchase-orders',
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'List purchase orders; open=true for those still expected, overdue=true for those late',
        description:
          'Any token may read every order, whatever its locations. Orders come in order of their number, a page at a time; `open` and `overdue` are judged as of now.',
        querystring: PurchaseOrderFilter,
        response: { 200: page(PurchaseOrder) },
      },
    },
    async (request) => purchaseOrders.list(request.query),
  );
  routes.get(
    '/purchase-orders/:id',
    {
      config: { access: 'read', errors: ['not_found'] },
      schema: {
        tags,
        summary: 'Read a purchase order',
        description:
          'Any token may read any order. Its lines say what is still open and what is short, its receipts each delivery taken in, its discrepancies every difference from the order and why.',
        params: IdParams,
        response: { 200: PurchaseOrder },
      },
    },
    async (request) => purchaseOrders.get(request.params.id),
  );
  routes.post(
    '/purchase-orders/:id/submit',
    {
      config: { ...plan, errors: ['not_found', 'illegal_transition'] },
      schema: {
        tags,
        summary: 'Place a drafted order with its supplier',
        description:
          "A planner or admin whose token covers the order's location places a draft (status `submitted`): its units now count as on order there. Its expected date becomes the lead time from now: the longest of its SKUs' own lead times with the supplier, else the supplier's. Only a draft can be placed (409 `illegal_transition`).",
        params: IdParams,
        response: { 200: PurchaseOrder },
      },
    },
    async (request) => {
      const order = await purchaseOrders.get(request.params.id);
      return purchaseOrders.submit(order.id, actorAt(request, 'plan', order.locationId));
    },
  );
  routes.post(
    '/purchase-orders/:id/receive',
    {
      config: {
        access: 'write',
        errors: ['not_found', 'illegal_transition', 'idempotency_conflict', 'location_unavailable', 'period_locked'],
      },
      schema: {
        tags,
        summary: 'Receive a delivery: good units into stock, damaged and over-delivered units recorded',
        description:
          "An operator, planner or admin whose token covers the order's location takes in a delivery on a submitted or partly received order: the good units go into stock in one posting (`posting` is null when none arrived), and damaged or over-delivered units are recorded as discrepancies, with the `reason` they need. The order is then `received` once every line is in, `closed` with `close: true` (what is still open recorded as short), else `partially_received`. With an `Idempotency-Key`, a retry answers the first receipt instead of receiving again.",
        params: IdParams,
        headers: IdempotencyHeaders,
        body: ReceivePurchaseOrder.omit({ actor: true, idempotencyKey: true }),
        response: {
          200: z.object({
            order: PurchaseOrder,
            posting: Posting.nullable().describe(
              'The movements that took the good units into stock; null when no good unit arrived',
            ),
          }),
        },
      },
    },
    async (request) => {
      const order = await purchaseOrders.get(request.params.id);
      const actor = actorAt(request, 'write', order.locationId);
      const key = request.headers['idempotency-key'];
      return purchaseOrders.receive(order.id, {
        ...request.body,
        actor,
        ...(typeof key === 'string' ? { idempotencyKey: key } : {}),
      });
    },
  );
  routes.post(
    '/purchase-orders/:id/close',
    {
      config: { ...plan, errors: ['not_found', 'illegal_transition'] },
      schema: {
        tags,
        summary: 'End an open order; what is still open is recorded as short, with the reason (required)',
        description:
          "A planner or admin whose token covers the order's location ends a submitted or partly received order (status `closed`): what is still open will not come, and is recorded as short with the reason. Nothing moves in stock; the open units stop counting as on order.",
        params: IdParams,
        body: ClosePurchaseOrder.omit({ actor: true }),
        response: { 200: PurchaseOrder },
      },
    },
    async (request) => {
      const order = await purchaseOrders.get(request.params.id);
      return purchaseOrders.close(order.id, { ...request.body, actor: actorAt(request, 'plan', order.locationId) });
    },
  );
  routes.post(
    '/purchase-orders/:id/cancel',
    {
      config: { ...plan, errors: ['not_found', 'illegal_transition'] },
      schema: {
        tags,
        summary: 'Cancel an order before anything was received',
        description:
          "A planner or admin whose token covers the order's location cancels a draft or a placed order of which nothing was received (status `cancelled`): nothing is expected any more. Once a delivery was received, close the order instead (409 `illegal_transition`).",
        params: IdParams,
        body: CancelPurchaseOrder.omit({ actor: true }),
        response: { 200: PurchaseOrder },
      },
    },
    async (request) => {
      const order = await purchaseOrders.get(request.params.id);
      return purchaseOrders.cancel(order.id, { ...request.body, actor: actorAt(request, 'plan', order.locationId) });
    },
  );
  routes.get(
    '/suppliers/:id/performance',
    {
      config: { access: 'read', errors: ['unknown_supplier'] },
      schema: {
        tags: ['suppliers'],
        summary: "A supplier's on-time rate, fill rate and actual lead time",
        description:
          "Any token may read it. From all the supplier's receipts: the share that arrived by the expected date, and the mean and standard deviation of their lead times in days. From its finished orders (received, or closed short): the share of ordered units received in good order. Drafts and cancelled orders do not count.",
        params: IdParams,
        response: { 200: SupplierPerformance },
      },
    },
    async (request) => purchaseOrders.performance(request.params.id),
  );
}
