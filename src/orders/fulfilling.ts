import { DomainError, parseInput, validationFailed } from '../errors/index.js';
import { commitReservation, findReservations, idempotent, createReservations } from '../ledger/index.js';
import type { Store } from '../store/index.js';
import { mayFulfil } from './order-scope.js';
import type { Scope } from './order-scope.js';
import { loadOrder, lockOrder, updateOrder } from './order.repository.js';
import { CancelOrder, ShipOrder } from './orders.schemas.js';
import type { Order } from './orders.schemas.js';

/** Shipping and cancelling orders. */
export interface Fulfilling {
  ship(id: string, input: ShipOrder, scope?: Scope): Promise<Order>;
  cancel(id: string, input: CancelOrder, scope?: Scope): Promise<Order>;
}

/**
 * Each ship and each cancel is one transaction: the order is locked, checked against the caller's
 * scope and its status, its reservations committed (or released) and its status set together, so a
 * failure midway leaves the order and its stock as they were. With an idempotency key, a retry answers
 * the first outcome instead of acting again.
 */
export function fulfilling(store: Store): Fulfilling {
  const { capabilities } = store;
  const reservations = createReservations(store);

  return {
    async ship(id, raw, scope = null) {
      const input = parseInput(ShipOrder, raw);
      const request = { ...input, orderId: id };
      return store.transaction((trx) =>
        idempotent(trx, input.idempotencyKey, 'order.ship', request, async () => {
          const order = await lockOrder(trx, id);
          mayFulfil(input.actor, scope, order);
          if (order.status === 'cancelled' || order.status === 'shipped')
            throw new DomainError('illegal_transition', `Order '${id}' is ${order.status}; nothing to ship`, {
              id,
              status: order.status,
            });
          const wanted = input.skus ?? order.lines.map((l) => l.sku);
          const unknown = wanted.filter((sku) => !order.lines.some((l) => l.sku === sku));
          if (unknown.length > 0)
            throw validationFailed(unknown.map((sku) => ({ path: 'skus', message: `${sku} is not on order ${id}` })));
          const held = await findReservations(
            trx,
            order.allocations.map((a) => a.reservationId),
          );
          const status = new Map([...held].map(([reservationId, r]) => [reservationId, r.status]));
          for (const allocation of order.allocations.filter((a) => wanted.includes(a.sku)))
            if (status.get(allocation.reservationId) === 'active') {
              // A lapsed reservation refuses (illegal_transition), and everything shipped before it rolls back.
              await commitReservation(
                trx,
                capabilities,
                { reservationId: allocation.reservationId, kind: 'ship', actor: input.actor },
                { type: 'order', id },
              );
              status.set(allocation.reservationId, 'committed');
            }
          const done = [...status.values()].every((s) => s === 'committed') && order.status !== 'backordered';
          await updateOrder(trx, id, { status: done ? 'shipped' : 'partially_shipped' });
          return loadOrder(trx, id);
        }),
      );
    },

    async cancel(id, raw, scope = null) {
      const input = parseInput(CancelOrder, raw);
      const request = { ...input, orderId: id };
      return store.transaction((trx) =>
        idempotent(trx, input.idempotencyKey, 'order.cancel', request, async () => {
          const order = await lockOrder(trx, id);
          mayFulfil(input.actor, scope, order);
          if (order.status === 'shipped' || order.status === 'partially_shipped' || order.status === 'cancelled')
            throw new DomainError(
              'illegal_transition',
              `Order '${id}' is ${order.status.replace('_', ' ')}; it cannot be cancelled`,
              { id, status: order.status },
            );
          const held = await findReservations(
            trx,
            order.allocations.map((a) => a.reservationId),
          );
          for (const allocation of order.allocations)
            if (held.get(allocation.reservationId)?.status === 'active')
              await reservations.releaseWithin(trx, allocation.reservationId);
          await updateOrder(trx, id, { status: 'cancelled' });
          return loadOrder(trx, id);
        }),
      );
    },
  };
}
