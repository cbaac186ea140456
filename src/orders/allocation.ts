import { productFacts, realLocations } from '../catalog/index.js';
import { DomainError } from '../errors/index.js';
import { availableStock, takeReservation } from '../ledger/index.js';
import { DEFAULT_COSTS, DEFAULT_PROTECTED_UNITS, planSourcing, planSourcingExactly } from '../sourcing/index.js';
import type { Candidate, SourcingCosts, SourcingPlan, SourcingRequest } from '../sourcing/index.js';
import type { Db, StoreCapabilities } from '../store/index.js';
import { insertAllocation } from './order.repository.js';
import type { NewOrder } from './orders.schemas.js';

/** How long an order's reservations hold before they lapse, unless shipped or released. */
export const ORDER_HOLD_SECONDS = 7 * 86_400;

/** An order as the planner reads it: parsed, with its channel, lines, place and costs. */
export type OrderToPlan = Pick<
  ReturnType<typeof NewOrder.parse>,
  'channel' | 'lines' | 'destination' | 'pickupLocation' | 'costs'
>;

/** An object without its undefined fields (a parsed partial schema leaves them as keys). */
function dropUndefined<T extends object>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

/**
 * What the sourcing engine needs: the order's lines with their weights (the catalog's), and every real
 * location (the catalog's) with what it has available (the ledger's). `defaults` are the network's
 * settings; the order's own costs come over them, and the built-in defaults under them.
 */
export async function sourcingRequest(trx: Db, input: OrderToPlan, defaults: SourcingCosts): Promise<SourcingRequest> {
  const skus = input.lines.map((l) => l.sku);
  const products = await productFacts(trx, skus);
  const unknown = skus.filter((s) => !products.has(s));
  if (unknown.length > 0)
    throw new DomainError('unknown_sku', `Unknown SKU: ${unknown.map((s) => `'${s}'`).join(', ')}`, {
      skus: unknown,
    });
  const locations = await realLocations(trx);
  const available = await availableStock(trx, skus);
  const pickup = input.channel === 'online' ? null : locations.find((l) => l.id === input.pickupLocation);
  if (input.channel !== 'online' && !pickup)
    throw new DomainError('unknown_location', `Unknown location: '${input.pickupLocation}'`, {
      locations: [input.pickupLocation],
    });
  const destination = pickup
    ? { latitude: pickup.latitude ?? 0, longitude: pickup.longitude ?? 0 }
    : input.destination!;
  const { protectedUnits = DEFAULT_PROTECTED_UNITS, ...costs } = dropUndefined({
    ...defaults,
    ...dropUndefined(input.costs),
  });
  const candidates: Candidate[] = locations.map((l) => {
    const own = pickup?.id === l.id;
    return {
      locationId: l.id,
      kind: l.kind,
      status: l.status,
      // A pickup store is placed where the customer is, even without coordinates.
      latitude: own ? destination.latitude : l.latitude,
      longitude: own ? destination.longitude : l.longitude,
      // The customer's own store hands over its own shelf stock.
      shipsOnline: l.shipsOnline || own,
      available: available.get(l.id) ?? {},
      protectedUnits: own ? {} : Object.fromEntries(skus.map((s) => [s, protectedUnits])),
    };
  });
  return {
    lines: input.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, weightKg: products.get(l.sku)!.weightKg })),
    destination,
    candidates,
    costs: { ...DEFAULT_COSTS, ...costs },
  };
}

/** The plan for a request: by the exact solver, or the fast heuristic. */
export const planFor = async (request: SourcingRequest, exact: boolean): Promise<SourcingPlan> =>
  exact ? planSourcingExactly(request) : planSourcing(request);

/**
 * Takes the reservations a plan calls for and records them as the order's allocations. A store's
 * protected units stay on its shelf even when orders race for the rest: the guarded update keeps them.
 */
export async function reserveByPlan(
  trx: Db,
  capabilities: StoreCapabilities,
  orderId: string,
  request: SourcingRequest,
  chosen: SourcingPlan,
  actor: string,
): Promise<void> {
  const keepAt = (locationId: string, sku: string) => {
    const candidate = request.candidates.find((c) => c.locationId === locationId)!;
    return request.costs?.storeProtection !== false && candidate.kind === 'store'
      ? (candidate.protectedUnits?.[sku] ?? 0)
      : 0;
  };
  for (const shipment of chosen.shipments)
    for (const line of shipment.lines) {
      const reservation = await takeReservation(
        trx,
        capabilities,
        {
          sku: line.sku,
          location: shipment.locationId,
          quantity: line.quantity,
          reference: orderId,
          actor,
          ttlSeconds: ORDER_HOLD_SECONDS,
        },
        keepAt(shipment.locationId, line.sku),
      );
      await insertAllocation(trx, orderId, {
        sku: line.sku,
        locationId: shipment.locationId,
        quantity: line.quantity,
        reservationId: reservation.id,
      });
    }
}
