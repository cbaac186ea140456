import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DEFAULT_TRANSIT_DAYS,
  NewTransferOrderBody,
  ReceiveTransferOrder,
  ShipTransferOrder,
  TransferOrder,
  TransferOrderFilter,
} from '../../procedures/index.js';
import { IdParams, page } from '../schemas.js';
import { Posting } from '../../ledger/index.js';
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
      config: {
        ...write,
        errors: ['unknown_location', 'unknown_sku', 'already_exists', 'insufficient_stock', 'period_locked'],
      },
      schema: {
        tags,
        summary: 'Draft (or, with ship, send) a transfer between two locations',
        description:
          'An operator, planner or admin whose token covers `from` drafts a transfer between two real locations (status `draft`), or with `ship: true` ships it at once. A shipped transfer holds its goods in its own transit location — inbound at `to`, outbound at `from` — until they are received or written off; shipping needs the stock at `from`, unless it allows negative stock (409 `insufficient_stock`).',
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
        description:
          'Any token may read every transfer, whatever its locations. Transfers come in order of their number, a page at a time; `open` and `overdue` are judged as of now.',
        querystring: TransferOrderFilter,
        response: { 200: page(TransferOrder) },
      },
    },
    async (request) => transferOrders.list(request.query),
  );
  routes.get(
    '/transfer-orders/:id',
    {
      config: { access: 'read', errors: ['not_found'] },
      schema: {
        tags,
        summary: 'Read a transfer',
        description:
          'Any token may read any transfer. Each line says how many units were sent, received, written off, and are still in transit.',
        params: IdParams,
        response: { 200: TransferOrder },
      },
    },
    async (request) => transferOrders.get(request.params.id),
  );
  routes.post(
    '/transfer-orders/:id/ship',
    {
      config: {
        ...write,
        errors: ['not_found', 'illegal_transition', 'idempotency_conflict', 'insufficient_stock', 'period_locked'],
      },
      schema: {
        tags,
        summary: 'Ship a drafted transfer: its goods go into transit (once)',
        description: `An operator, planner or admin whose token covers the origin ships a draft: its goods leave the origin for the transfer's transit location in one posting (status \`shipped\`). A transfer ships once: a second shipment is refused (409 \`illegal_transition\`). One without an expected arrival is due ${DEFAULT_TRANSIT_DAYS} days after it ships. With an \`Idempotency-Key\`, a retry answers the first shipment instead of shipping again.`,
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
      config: {
        ...write,
        errors: [
          'not_found',
          'illegal_transition',
          'idempotency_conflict',
          'insufficient_stock',
          'location_unavailable',
          'period_locked',
        ],
      },
      schema: {
        tags,
        summary: 'Receive a shipped transfer, in whole or in part; write off units that will not arrive',
        description:
          'An operator, planner or admin whose token covers the destination takes in what arrived of a shipped transfer, and writes off what will not arrive (with a `reason`), in one posting. Goods may arrive in several parts (`partially_received`); once nothing is left in transit the transfer is `received`. A receipt cannot be dated before the goods shipped (409 `insufficient_stock`). With an `Idempotency-Key`, a retry answers the first receipt instead of receiving again.',
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
      config: { ...write, errors: ['not_found', 'illegal_transition'] },
      schema: {
        tags,
        summary: 'Cancel a transfer that has not shipped',
        description:
          'An operator, planner or admin whose token covers the origin cancels a draft (status `cancelled`); nothing had moved, nothing moves. A shipped transfer cannot be cancelled (409 `illegal_transition`): send the goods back with a transfer the other way.',
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
