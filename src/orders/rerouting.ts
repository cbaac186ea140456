import { findLocations } from '../catalog/index.js';
import { DomainError, isDomainError, parseInput, validationFailed } from '../errors/index.js';
import { activeReservationsAt, createReservations } from '../ledger/index.js';
import { planSourcing } from '../sourcing/index.js';
import type { SourcingCosts } from '../sourcing/index.js';
import type { Store } from '../store/index.js';
import { reserveByPlan, sourcingRequest } from './allocation.js';
import type { OrderStatus } from './order.js';
import { deleteAllocations, lockOrder, openOrdersAt, updateOrder } from './order.repository.js';
import { NewOrder } from './orders.schemas.js';
import type { LocationImpact, RerouteReport } from './orders.schemas.js';
import { PLAN_ATTEMPTS } from './placing.js';

/** What a disrupted location holds up, and moving it elsewhere. */
export interface Rerouting {
  impact(locationId: string): Promise<LocationImpact>;
  reroute(locationId: string, actor: string): Promise<RerouteReport>;
}

export function rerouting(store: Store, defaults: SourcingCosts): Rerouting {
  const { db, capabilities } = store;
  const reservations = createReservations(store);

  async function impact(locationId: string): Promise<LocationImpact> {
    if (!(await findLocations(db, [locationId])).has(locationId))
      throw new DomainError('unknown_location', `Unknown location: '${locationId}'`, { locations: [locationId] });
    const held = await activeReservationsAt(db, locationId);
    const holders = await openOrdersAt(db, locationId);
    const orders = new Map<string, LocationImpact['orders'][number]>();
    for (const r of held) {
      const holder = holders.get(r.id);
      if (!holder) continue;
      const entry = orders.get(holder.orderId) ?? { ...holder, units: 0 };
      entry.units += r.quantity;
      orders.set(holder.orderId, entry);
    }
    return {
      locationId,
      orders: [...orders.values()],
      reservations: held
        .filter((r) => !holders.has(r.id))
        .map((r) => ({ reservationId: r.id, sku: r.sku, quantity: r.quantity, reference: r.reference })),
    };
  }

  /** Releases all an order holds, plans it again from the stock available now and reserves it anew. */
  const moveOrder = (orderId: string, actor: string) =>
    store.transaction(async (trx) => {
      const order = await lockOrder(trx, orderId);
      // Everything the order holds is released and planned again, so no location keeps two
      // allocations of one SKU for it.
      for (const a of order.allocations) await reservations.releaseWithin(trx, a.reservationId);
      await deleteAllocations(trx, orderId);
      const input = parseInput(NewOrder, {
        channel: order.channel,
        lines: order.lines,
        ...(order.destination ? { destination: order.destination } : {}),
        ...(order.pickupLocationId ? { pickupLocation: order.pickupLocationId } : {}),
        actor,
      });
      const request = await sourcingRequest(trx, input, defaults);
      const chosen = planSourcing(request);
      await reserveByPlan(trx, capabilities, orderId, request, chosen, actor);
      const status: OrderStatus = chosen.short.length > 0 ? 'backordered' : 'allocated';
      await updateOrder(trx, orderId, { status, plan: chosen });
      return { orderId, status, to: chosen.shipments.map((sh) => sh.locationId) };
    });

  return {
    impact,

    async reroute(locationId, actor) {
      if (!actor) throw validationFailed([{ path: 'actor', message: 'say who is acting' }]);
      const { orders: affected } = await impact(locationId);
      const report: RerouteReport = { locationId, moved: [], skipped: [] };
      for (const { orderId, status } of affected) {
        if (status === 'partially_shipped') {
          report.skipped.push({ orderId, reason: 'partly shipped: move its remaining lines by hand' });
          continue;
        }
        for (let attempt = 1; ; attempt++) {
          try {
            report.moved.push(await moveOrder(orderId, actor));
            break;
          } catch (error) {
            if (!isDomainError(error, 'insufficient_stock') || attempt >= PLAN_ATTEMPTS) throw error;
          }
        }
      }
      return report;
    },
  };
}
