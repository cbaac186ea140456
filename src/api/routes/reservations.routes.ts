import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiBodies, Posting, Reservation, ReservationFilter } from '../../ledger/index.js';
import { IdParams, page } from '../schemas.js';
import type { Services } from '../services.js';
import { IdempotencyHeaders, postingContext } from './movements.routes.js';

export async function reservationRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { reservations } = services;
  const tags = ['reservations'];
  const write = { access: 'write' as const };
  const who = 'Needs an operator, planner or admin token allowed to write at';

  routes.post(
    '/reservations',
    {
      config: {
        ...write,
        errors: [
          'unknown_sku',
          'unknown_location',
          'location_unavailable',
          'insufficient_stock',
          'idempotency_conflict',
        ],
      },
      schema: {
        tags,
        summary: 'Promise available stock to an order line',
        description:
          'Promises units of a SKU at a location: they stay on hand but no longer count as available, until the ' +
          'reservation is committed, released, or lapses (by default after 15 minutes). ' +
          `${who} the location. The location must be active, and no more may be promised than is available there.`,
        body: ApiBodies.takeReservation,
        headers: IdempotencyHeaders,
        response: { 201: Reservation },
      },
    },
    async (request, reply) => {
      const context = postingContext(request, [request.body.location]);
      return reply.code(201).send(await reservations.take({ ...request.body, ...context }));
    },
  );
  routes.get(
    '/reservations',
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'List reservations',
        description:
          'Reservations in the order they were taken, a page at a time, filtered by SKU, location, reference or ' +
          'status. Any token may read them.',
        querystring: ReservationFilter,
        response: { 200: page(Reservation) },
      },
    },
    async (request) => reservations.list(request.query),
  );
  routes.get(
    '/reservations/:id',
    {
      config: { access: 'read', errors: ['not_found'] },
      schema: {
        tags,
        summary: 'Read a reservation',
        description: 'One reservation, whatever its status. Any token may read it.',
        params: IdParams,
        response: { 200: Reservation },
      },
    },
    async (request) => reservations.get(request.params.id),
  );
  routes.post(
    '/reservations/:id/release',
    {
      config: { ...write, errors: ['not_found', 'illegal_transition', 'idempotency_conflict'] },
      schema: {
        tags,
        summary: 'Give the promised units back',
        description:
          `Releases an active reservation: its units are available again. ${who} its location. ` +
          'One already released, committed or expired is refused with `illegal_transition`.',
        params: IdParams,
        body: ApiBodies.releaseReservation.optional(),
        headers: IdempotencyHeaders,
        response: { 200: Reservation },
      },
    },
    async (request) => {
      const held = await reservations.get(request.params.id);
      const context = postingContext(request, [held.locationId]);
      return reservations.release({ reservationId: held.id, ...context });
    },
  );
  routes.post(
    '/reservations/:id/commit',
    {
      config: {
        ...write,
        errors: ['not_found', 'illegal_transition', 'insufficient_stock', 'period_locked', 'idempotency_conflict'],
      },
      schema: {
        tags,
        summary: 'Turn the promise into a sale or shipment; fewer units release the rest',
        description:
          'Posts the promised units (or fewer) as a `ship` or `sell` movement to `customer`, and frees the rest. ' +
          `${who} its location. One released, committed or past its expiry is refused with \`illegal_transition\`; ` +
          'a backdated commit must fall after the lock date and leave stock at or above zero since then.',
        params: IdParams,
        body: ApiBodies.commitReservation.optional(),
        headers: IdempotencyHeaders,
        response: { 200: z.object({ reservation: Reservation, posting: Posting }) },
      },
    },
    async (request) => {
      const held = await reservations.get(request.params.id);
      const context = postingContext(request, [held.locationId]);
      return reservations.commit({ ...request.body, reservationId: held.id, ...context });
    },
  );
}
