import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  LocationImpact,
  NewOrderBody,
  Order,
  ORDER_HOLD_SECONDS,
  OrderFilter,
  RerouteReport,
  ShipOrder,
} from '../../orders/index.js';
import { SourcingPlan } from '../../sourcing/index.js';
import { caller } from '../auth.js';
import { IdParams, page } from '../schemas.js';
import type { Services } from '../services.js';
import { IdempotencyHeaders, postingContext } from './movements.routes.js';

export async function orderRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { orders } = services;
  const tags = ['orders'];
  const write = { access: 'write' as const };

  routes.post(
    '/orders',
    {
      config: {
        ...write,
        errors: [
          'unknown_sku',
          'unknown_location',
          'insufficient_stock',
          'location_unavailable',
          'already_exists',
          'idempotency_conflict',
        ],
      },
      schema: {
        tags,
        summary: 'Place an order: planned from current stock, reserved at once, answered with the plan and why',
        description: `Plans the order from the stock available now across the network and reserves each unit where the plan says, in one transaction; the reservations hold for ${ORDER_HOLD_SECONDS / 86_400} days unless shipped or cancelled. An operator, planner or admin may place it; a token limited to some locations, only a \`pickup\` or \`store_sale\` order at one of its stores. Units that cannot be found are backordered, or with \`onShortage: refuse\` the order is refused (409 \`insufficient_stock\`). With an \`Idempotency-Key\`, a retry answers the first order instead of placing another.`,
        headers: IdempotencyHeaders,
        body: NewOrderBody,
        response: { 201: z.object({ order: Order, plan: SourcingPlan }) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await orders.place({ ...request.body, ...postingContext(request, []) }, caller(request).locations)),
  );
  routes.post(
    '/orders/preview',
    {
      config: { access: 'read', errors: ['unknown_sku', 'unknown_location'] },
      schema: {
        tags,
        summary: 'The plan an order would get, reserving nothing',
        description:
          'Any token may ask. Plans the order as POST /orders would, from the stock available now, and reserves nothing: by the time the order is placed, the stock may have gone elsewhere.',
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
          'Any token may list orders; one limited to some locations sees only those that touch them: allocated there, or picked up there. Orders come in order of their id, a page at a time.',
        querystring: OrderFilter,
        response: { 200: page(Order) },
      },
    },
    async (request) => orders.list(request.query, caller(request).locations),
  );
  routes.get(
    '/orders/:id',
    {
      config: { access: 'read', errors: ['not_found'] },
      schema: {
        tags,
        summary: 'Read an order',
        description:
          'Any token may read an order by its id, whatever its locations: its lines, where each unit is reserved, and the plan it was placed by.',
        params: IdParams,
        response: { 200: Order },
      },
    },
    async (request) => orders.get(request.params.id),
  );
  routes.post(
    '/orders/:id/ship',
    {
      config: { ...write, errors: ['not_found', 'illegal_transition', 'idempotency_conflict'] },
      schema: {
        tags,
        summary: 'Ship an order (or some of its lines): its reservations become shipments',
        description:
          'An operator, planner or admin whose token covers every location the order is allocated at ships it, or the lines `skus` names: each of their active reservations becomes a shipment to the customer. The order is then `shipped` once every reservation is, else `partially_shipped` (a backordered order stays so). All of it happens in one transaction, or none: a shipped or cancelled order, or a reservation that has lapsed, is refused (409 `illegal_transition`) and nothing ships. With an `Idempotency-Key`, a retry answers the order as the first request left it instead of shipping again; the same key with another order or other lines is refused (`idempotency_conflict`).',
        headers: IdempotencyHeaders,
        params: IdParams,
        body: ShipOrder.omit({ actor: true, idempotencyKey: true }).default({}),
        response: { 200: Order },
      },
    },
    async (request) =>
      orders.ship(request.params.id, { ...request.body, ...postingContext(request, []) }, caller(request).locations),
  );
  routes.post(
    '/orders/:id/cancel',
    {
      config: { ...write, errors: ['not_found', 'illegal_transition', 'idempotency_conflict'] },
      schema: {
        tags,
        summary: 'Cancel an order, releasing what it holds',
        description:
          'An operator, planner or admin whose token covers every location the order is allocated at cancels an order not yet shipped, releasing its reservations (status `cancelled`), all in one transaction. An order shipped, even in part, cannot be cancelled (409 `illegal_transition`). With an `Idempotency-Key`, a retry answers the cancelled order instead of a 409; the same key used for another order is refused (`idempotency_conflict`).',
        headers: IdempotencyHeaders,
        params: IdParams,
        response: { 200: Order },
      },
    },
    async (request) => orders.cancel(request.params.id, postingContext(request, []), caller(request).locations),
  );
  routes.get(
    '/locations/:id/impact',
    {
      config: { access: 'read', errors: ['unknown_location'] },
      schema: {
        tags,
        summary: 'What a location holds for others: open orders allocated there and other active reservations',
        description:
          'Any token may read it. Lists what a disruption at the location would hold up: the open orders with units reserved there, and the active reservations there that belong to no order.',
        params: IdParams,
        response: { 200: LocationImpact },
      },
    },
    async (request) => orders.impact(request.params.id),
  );
  routes.post(
    '/locations/:id/reroute',
    {
      // Rerouting moves open orders' reservations to wherever the network has stock.
      config: {
        access: 'plan',
        network: true,
        errors: ['unknown_location', 'insufficient_stock', 'location_unavailable'],
      },
      schema: {
        tags,
        summary: 'Move the open orders allocated at a disrupted location to the next-best sources',
        description:
          'A planner or admin whose token is not limited to some locations moves the open orders allocated at the location elsewhere: each order releases all it holds, is planned again from the stock available now (locations disrupted or closed left out) and reserved anew, one order per transaction. Units found nowhere else are backordered. Orders already shipped in part are left as they are, listed in `skipped`.',
        params: IdParams,
        response: { 200: RerouteReport },
      },
    },
    async (request) => orders.reroute(request.params.id, caller(request).name),
  );
}
