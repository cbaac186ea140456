import { parseInput } from '../errors/index.js';
import type { SourcingCosts, SourcingPlan } from '../sourcing/index.js';
import { toPage } from '../store/index.js';
import type { Page, Store } from '../store/index.js';
import { fulfilling } from './fulfilling.js';
import type { Scope } from './order-scope.js';
import { findOrders, loadOrder } from './order.repository.js';
import { OrderFilter } from './orders.schemas.js';
import type { CancelOrder, LocationImpact, NewOrder, Order, RerouteReport, ShipOrder } from './orders.schemas.js';
import { placing } from './placing.js';
import { rerouting } from './rerouting.js';

/**
 * Customer orders. `scope` is the caller's: the locations its token may act at, or null for every
 * location; each write checks it inside its own transaction.
 */
export interface Orders {
  /** The plan an order would be allocated by, reserving nothing. */
  preview(input: NewOrder): Promise<SourcingPlan>;
  /**
   * Plans the order and reserves its units where the plan says, all at once; plans again if stock
   * moved meanwhile. A caller limited to some locations places only pickups and store sales at them.
   */
  place(input: NewOrder, scope?: Scope): Promise<{ order: Order; plan: SourcingPlan }>;
  get(id: string): Promise<Order>;
  /**
   * A page of orders, filtered. With `scope` (a token's locations), only orders that touch one of
   * them: allocated there, or picked up there.
   */
  list(filter?: OrderFilter, scope?: Scope): Promise<Page<Order>>;
  /**
   * Ships allocated lines: their reservations become shipments to the customer, and the order's
   * status changes with them, all or nothing. The caller's scope must cover every location the order
   * is allocated at.
   */
  ship(id: string, input: ShipOrder, scope?: Scope): Promise<Order>;
  /** Releases what the order holds, all or nothing; the scope rule is ship's. */
  cancel(id: string, input: CancelOrder, scope?: Scope): Promise<Order>;
  /** What a location holds for others: open orders allocated there, and other active reservations. */
  impact(locationId: string): Promise<LocationImpact>;
  /**
   * Moves every open order allocated at a (disrupted or closed) location to the next-best sources:
   * each order is planned again for its lines and re-reserved in one transaction. Reports what moved
   * and what could not be found elsewhere (backordered).
   */
  reroute(locationId: string, actor: string): Promise<RerouteReport>;
}

/**
 * Orders, by use case: placing (preview, place), fulfilling (ship, cancel) and rerouting (impact,
 * reroute), over one repository. `defaults` are the network's sourcing settings.
 *
 * @example
 * const orders = createOrders(store);
 * const { order, plan } = await orders.place({ lines: [{ sku: 'TEA-1', quantity: 2 }], destination: { latitude: 53.55, longitude: 9.99 }, actor: 'web' });
 * await orders.ship(order.id, { actor: 'dc-team', idempotencyKey: 'ship-1' });
 */
export function createOrders(store: Store, defaults: SourcingCosts = {}): Orders {
  const { db } = store;
  return {
    ...placing(store, defaults),
    ...fulfilling(store),
    ...rerouting(store, defaults),
    get: (id) => loadOrder(db, id),
    async list(raw = {}, scope = null) {
      const filter = parseInput(OrderFilter, raw);
      return toPage(await findOrders(db, filter, scope), filter.limit, (o) => o.id);
    },
  };
}
