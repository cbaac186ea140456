import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../security/index.js';
import {
  CancelPurchaseOrder,
  ClosePurchaseOrder,
  NewPurchaseOrder,
  PurchaseOrderFilter,
  ReceivePurchaseOrder,
} from '../../procedures/index.js';
import { caller } from '../auth.js';
import { IdParams, page, Posting, PurchaseOrder, SupplierPerformance } from '../schemas.js';
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
      config: plan,
      schema: {
        tags,
        summary: 'Draft (or, with submit, place) a purchase order',
        description:
          "A line without `unitCost` takes the supplier's cost for its SKU (`PUT /suppliers/{id}/items/{sku}`), else the product's cost; with neither, the order is refused (422, `no_unit_cost`, naming the line).",
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
        querystring: PurchaseOrderFilter,
        response: { 200: page(PurchaseOrder) },
      },
    },
    async (request) => purchaseOrders.list(request.query),
  );
  routes.get(
    '/purchase-orders/:id',
    {
      config: { access: 'read' },
      schema: { tags, summary: 'Read a purchase order', params: IdParams, response: { 200: PurchaseOrder } },
    },
    async (request) => purchaseOrders.get(request.params.id),
  );
  routes.post(
    '/purchase-orders/:id/submit',
    {
      config: plan,
      schema: {
        tags,
        summary: 'Place a drafted order with its supplier',
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
      config: { access: 'write' },
      schema: {
        tags,
        summary: 'Receive a delivery: good units into stock, damaged and over-delivered units recorded',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: ReceivePurchaseOrder.omit({ actor: true, idempotencyKey: true }),
        response: { 200: z.object({ order: PurchaseOrder, posting: Posting.nullable() }) },
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
      config: plan,
      schema: {
        tags,
        summary: 'End an open order; what is still open is recorded as short, with the reason (required)',
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
      config: plan,
      schema: {
        tags,
        summary: 'Cancel an order before anything was received',
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
      config: { access: 'read' },
      schema: {
        tags: ['suppliers'],
        summary: "A supplier's on-time rate, fill rate and actual lead time",
        params: IdParams,
        response: { 200: SupplierPerformance },
      },
    },
    async (request) => purchaseOrders.performance(request.params.id),
  );
}
