import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../errors/index.js';
import { NewOrderBody, ORDER_STATUSES, OrderFilter, ShipOrder } from '../../orders/index.js';
import { caller } from '../auth.js';
import { IdParams, Order, page, SourcingPlan } from '../schemas.js';
import type { Services } from '../services.js';
import { IdempotencyHeaders, postingContext } from './movements.routes.js';

export async function orderRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { orders } = services;
  const tags = ['orders'];
  const write = { access: 'write' as const };
  /**
   * An order reserves wherever its plan picks: a token limited to some locations may place only
   * pickup and store-sale orders at its own stores.
   */
  const placing = (request: FastifyRequest, pickup: string | undefined) => {
    const context = postingContext(request, pickup ? [pickup] : []);
    const scope = caller(request).locations;
    if (!pickup && scope !== null)
      throw new DomainError(
        'forbidden',
        `Token '${caller(request).name}' may place orders only for pickup at ${scope.join(', ')}`,
        {
          allowed: scope,
        },
      );
    return context;
  };

  routes.post(
    '/orders',
    {
      config: write,
      schema: {
        tags,
        summary: 'Place an order: planned from current stock, reserved at once, answered with the plan and why',
        headers: IdempotencyHeaders,
        body: NewOrderBody,
        response: { 201: z.object({ order: Order, plan: SourcingPlan }) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await orders.place({ ...request.body, ...placing(request, request.body.pickupLocation) })),
  );
  routes.post(
    '/orders/preview',
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'The plan an order would get, reserving nothing',
        body: NewOrderBody,
        response: { 200: SourcingPlan },
      },
    },
    async (request) => orders.preview({ ...request.body, actor: 'preview' }),
  );
  routes.get(
    '/orders',
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'List orders, by status, channel, location and when they were placed',
        description:
          'A token limited to some locations sees the orders that touch them: allocated there, or picked up there.',
        querystring: OrderFilter,
        response: { 200: page(Order) },
      },
    },
    async (request) => orders.list(request.query, caller(request).locations),
  );
  routes.get(
    '/orders/:id',
    {
      config: { access: 'read' },
      schema: { tags, summary: 'Read an order', params: IdParams, response: { 200: Order } },
    },
    async (request) => orders.get(request.params.id),
  );
  routes.post(
    '/orders/:id/ship',
    {
      config: write,
      schema: {
        tags,
        summary: 'Ship an order (or some of its lines): its reservations become shipments',
        params: IdParams,
        body: ShipOrder.omit({ actor: true }).default({}),
        response: { 200: Order },
      },
    },
    async (request) => {
      const order = await orders.get(request.params.id);
      const { actor } = postingContext(request, [...new Set(order.allocations.map((a) => a.locationId))]);
      return orders.ship(order.id, { ...request.body, actor });
    },
  );
  routes.post(
    '/orders/:id/cancel',
    {
      config: write,
      schema: { tags, summary: 'Cancel an order, releasing what it holds', params: IdParams, response: { 200: Order } },
    },
    async (request) => {
      const order = await orders.get(request.params.id);
      const { actor } = postingContext(request, [...new Set(order.allocations.map((a) => a.locationId))]);
      return orders.cancel(order.id, actor);
    },
  );
  routes.get(
    '/locations/:id/impact',
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'What a location holds for others: open orders allocated there and other active reservations',
        params: IdParams,
        response: {
          200: z.object({
            locationId: z.string(),
            orders: z.array(z.object({ orderId: z.string(), status: z.enum(ORDER_STATUSES), units: z.number().int() })),
            reservations: z.array(
              z.object({
                reservationId: z.string(),
                sku: z.string(),
                quantity: z.number().int(),
                reference: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => orders.impact(request.params.id),
  );
  routes.post(
    '/locations/:id/reroute',
    {
      // Rerouting moves open orders' reservations to wherever the network has stock.
      config: { access: 'plan', network: true },
      schema: {
        tags,
        summary: 'Move the open orders allocated at a disrupted location to the next-best sources',
        params: IdParams,
        response: {
          200: z.object({
            locationId: z.string(),
            moved: z.array(z.object({ orderId: z.string(), status: z.enum(ORDER_STATUSES), to: z.array(z.string()) })),
            skipped: z.array(z.object({ orderId: z.string(), reason: z.string() })),
          }),
        },
      },
    },
    async (request) => orders.reroute(request.params.id, caller(request).name),
  );
}
