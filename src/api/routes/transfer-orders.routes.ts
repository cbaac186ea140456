import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  NewTransferOrderBody,
  ReceiveTransferOrder,
  ShipTransferOrder,
  TransferOrderFilter,
} from '../../procedures/index.js';
import { IdParams, page, Posting, TransferOrder } from '../schemas.js';
import type { Services } from '../services.js';
import { IdempotencyHeaders, postingContext } from './movements.routes.js';

export async function transferOrderRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { transferOrders } = services;
  const tags = ['transfers'];
  const write = { access: 'write' as const };
  const stepped = { 200: z.object({ transfer: TransferOrder, posting: Posting }) };

  /** Who acts, if they may write at `location` (the end of the transfer this step happens at). */
  const at = (request: FastifyRequest, location: string) => postingContext(request, [location]);

  routes.post(
    '/transfer-orders',
    {
      config: write,
      schema: {
        tags,
        summary: 'Draft (or, with ship, send) a transfer between two locations',
        body: NewTransferOrderBody,
        response: { 201: TransferOrder },
      },
    },
    async (request, reply) => {
      const { actor } = at(request, request.body.from);
      return reply.code(201).send(await transferOrders.create({ ...request.body, actor }));
    },
  );
  routes.get(
    '/transfer-orders',
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'List transfers; open=true for those not yet received in full, overdue=true for those late',
        querystring: TransferOrderFilter,
        response: { 200: page(TransferOrder) },
      },
    },
    async (request) => transferOrders.list(request.query),
  );
  routes.get(
    '/transfer-orders/:id',
    {
      config: { access: 'read' },
      schema: { tags, summary: 'Read a transfer', params: IdParams, response: { 200: TransferOrder } },
    },
    async (request) => transferOrders.get(request.params.id),
  );
  routes.post(
    '/transfer-orders/:id/ship',
    {
      config: write,
      schema: {
        tags,
        summary: 'Ship a drafted transfer: its goods go into transit (once)',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: ShipTransferOrder.omit({ actor: true, idempotencyKey: true }),
        response: stepped,
      },
    },
    async (request) => {
      const transfer = await transferOrders.get(request.params.id);
      return transferOrders.ship(transfer.id, { ...request.body, ...at(request, transfer.fromId) });
    },
  );
  routes.post(
    '/transfer-orders/:id/receive',
    {
      config: write,
      schema: {
        tags,
        summary: 'Receive a shipped transfer, in whole or in part; write off units that will not arrive',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: ReceiveTransferOrder.omit({ actor: true, idempotencyKey: true }),
        response: stepped,
      },
    },
    async (request) => {
      const transfer = await transferOrders.get(request.params.id);
      return transferOrders.receive(transfer.id, { ...request.body, ...at(request, transfer.toId) });
    },
  );
  routes.post(
    '/transfer-orders/:id/cancel',
    {
      config: write,
      schema: {
        tags,
        summary: 'Cancel a transfer that has not shipped',
        params: IdParams,
        response: { 200: TransferOrder },
      },
    },
    async (request) => {
      const transfer = await transferOrders.get(request.params.id);
      return transferOrders.cancel(transfer.id, at(request, transfer.fromId).actor);
    },
  );
}
