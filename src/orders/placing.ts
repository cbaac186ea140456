import { DomainError, isDomainError, parseInput } from '../errors/index.js';
import { idempotent } from '../ledger/index.js';
import type { SourcingCosts, SourcingPlan } from '../sourcing/index.js';
import { newId } from '../store/index.js';
import type { Store } from '../store/index.js';
import { planFor, reserveByPlan, sourcingRequest } from './allocation.js';
import { mayPlace } from './order-scope.js';
import type { Scope } from './order-scope.js';
import { insertOrder, loadOrder } from './order.repository.js';
import { NewOrder } from './orders.schemas.js';
import type { Order } from './orders.schemas.js';

/** How many times an order is planned again when the stock it was planned on went elsewhere. */
export const PLAN_ATTEMPTS = 5;

/** Previewing and placing orders. */
export interface Placing {
  preview(input: NewOrder): Promise<SourcingPlan>;
  place(input: NewOrder, scope?: Scope): Promise<{ order: Order; plan: SourcingPlan }>;
}

/**
 * Each order is planned by the sourcing engine from the network's current stock and reserved where
 * the plan says, in one transaction. If another order took the stock between planning and reserving,
 * the transaction rolls back and the order is planned again: units are never promised twice.
 */
export function placing(store: Store, defaults: SourcingCosts): Placing {
  const { db, capabilities } = store;
  return {
    async preview(raw) {
      const input = parseInput(NewOrder, raw);
      return planFor(await sourcingRequest(db, input, defaults), input.exact);
    },

    async place(raw, scope = null) {
      const input = parseInput(NewOrder, raw);
      mayPlace(input.actor, scope, input);
      for (let attempt = 1; ; attempt++) {
        try {
          return await store.transaction((trx) =>
            idempotent(trx, input.idempotencyKey, 'order.place', input, async () => {
              const request = await sourcingRequest(trx, input, defaults);
              const chosen = await planFor(request, input.exact);
              if (chosen.short.length > 0 && input.onShortage === 'refuse')
                throw new DomainError(
                  'insufficient_stock',
                  `The order cannot be filled: ${chosen.short.map((s) => `${s.quantity} × ${s.sku}`).join(', ')} short`,
                  { short: chosen.short, refused: true },
                );
              const id = input.id ?? newId();
              const inserted = await insertOrder(trx, {
                id,
                channel: input.channel,
                status: chosen.short.length > 0 ? 'backordered' : 'allocated',
                destination: input.destination ?? null,
                pickupLocationId: input.pickupLocation ?? null,
                reference: input.reference ?? null,
                lines: input.lines,
                plan: chosen,
                createdBy: input.actor,
              });
              if (!inserted) throw new DomainError('already_exists', `Order '${id}' already exists`, { id });
              await reserveByPlan(trx, capabilities, id, request, chosen, input.actor);
              return { order: await loadOrder(trx, id), plan: chosen };
            }),
          );
        } catch (error) {
          // Another order took the stock, or the location was disrupted, between this one's plan and
          // its reservations: plan again.
          const raced =
            (isDomainError(error, 'insufficient_stock') && !error.details.refused) ||
            isDomainError(error, 'location_unavailable');
          if (!raced || attempt >= PLAN_ATTEMPTS) throw error;
        }
      }
    },
  };
}
