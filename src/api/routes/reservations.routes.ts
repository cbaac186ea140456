import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiBodies, ReservationFilter } from '../../ledger/index.js';
import { IdParams, page, Posting, Reservation } from '../schemas.js';
import type { Services } from '../services.js';
import { IdempotencyHeaders, postingContext } from './movements.routes.js';

export async function reservationRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { reservations } = services;
  const tags = ['reservations'];
  const write = { access: 'write' as const };

  routes.post(
    '/reservations',
    {
      config: write,
      schema: {
        tags,
        summary: 'Promise available stock to an order line',
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
        querystring: ReservationFilter,
        response: { 200: page(Reservation) },
      },
    },
    async (request) => reservations.list(request.query),
  );
  routes.get(
    '/reservations/:id',
    {
      config: { access: 'read' },
      schema: { tags, summary: 'Read a reservation', params: IdParams, response: { 200: Reservation } },
    },
    async (request) => reservations.get(request.params.id),
  );
  routes.post(
    '/reservations/:id/release',
    {
      config: write,
      schema: {
        tags,
        summary: 'Give the promised units back',
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
      config: write,
      schema: {
        tags,
        summary: 'Turn the promise into a sale or shipment; fewer units release the rest',
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
