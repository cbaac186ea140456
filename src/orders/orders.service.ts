import { DomainError, isDomainError, parseInput, validationFailed } from '../errors/index.js';
import { createReservations, idempotent, takeReservation } from '../ledger/index.js';
import { DEFAULT_COSTS, planSourcing, planSourcingExactly } from '../sourcing/index.js';
import type { Candidate, SourcingPlan, SourcingRequest } from '../sourcing/index.js';
import { newId, toPage } from '../store/index.js';
import type { Db, Page, Store } from '../store/index.js';
import type { Order, OrderStatus } from './order.js';
import { allocatedAt, loadOrder, withLines } from './order.repository.js';
import { NewOrder, OrderFilter, ShipOrder } from './orders.schemas.js';
import type { SourcingCosts } from './orders.schemas.js';

export interface Orders {
  /** The plan an order would be allocated by, reserving nothing. */
  preview(input: NewOrder): Promise<SourcingPlan>;
  /** Plans the order and reserves its units where the plan says, all at once; plans again if stock moved meanwhile. */
  place(input: NewOrder): Promise<{ order: Order; plan: SourcingPlan }>;
  get(id: string): Promise<Order>;
  /**
   * A page of orders, filtered. With `scope` (a token's locations), only orders that touch one of
   * them: allocated there, or picked up there.
   */
  list(filter?: OrderFilter, scope?: readonly string[] | null): Promise<Page<Order>>;
  /** Ships allocated lines: their reservations become shipments to the customer. */
  ship(id: string, input: ShipOrder): Promise<Order>;
  /** Releases what the order holds. */
  cancel(id: string, actor: string): Promise<Order>;
  /** What a location holds for others: open orders allocated there, and other active reservations. */
  impact(locationId: string): Promise<LocationImpact>;
  /**
   * Moves every open order allocated at a (disrupted or closed) location to the next-best sources:
   * each order is planned again for its lines and re-reserved in one transaction. Reports what moved
   * and what could not be found elsewhere (backordered).
   */
  reroute(locationId: string, actor: string): Promise<RerouteReport>;
}

export interface LocationImpact {
  locationId: string;
  orders: { orderId: string; status: OrderStatus; units: number }[];
  /** Active reservations there that belong to no order (taken through the reservations API). */
  reservations: { reservationId: string; sku: string; quantity: number; reference: string | null }[];
}

export interface RerouteReport {
  locationId: string;
  moved: { orderId: string; status: OrderStatus; to: string[] }[];
  /** Orders that were partly shipped from there: left as they are. */
  skipped: { orderId: string; reason: string }[];
}

/** An object without its undefined fields (a parsed partial schema leaves them as keys). */
function dropUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** How long an order's reservations hold before they lapse, unless shipped or released. */
export const ORDER_HOLD_SECONDS = 7 * 86_400;
const PLAN_ATTEMPTS = 5;
/** A store keeps this many units of each SKU for its shelf, until planning gives it a safety stock. */
const DEFAULT_PROTECTED_UNITS = 2;

/**
 * Orders: each is planned by the sourcing engine from the network's current stock and reserved where
 * the plan says, in one transaction. If another order took the stock between planning and reserving,
 * the transaction rolls back and the order is planned again: units are never promised twice.
 *
 * @example
 * const orders = createOrders(store);
 * const { order, plan } = await orders.place({ lines: [{ sku: 'TEA-1', quantity: 2 }], destination: { latitude: 53.55, longitude: 9.99 }, actor: 'web' });
 */
export function createOrders(store: Store, defaults: SourcingCosts = {}): Orders {
  const { db, capabilities } = store;
  const reservations = createReservations(store);

  /** What the sourcing engine needs: the order's lines with weights, and every location with its stock. */
  async function sourcingRequest(trx: Db, input: ReturnType<typeof NewOrder.parse>): Promise<SourcingRequest> {
    const skus = input.lines.map((l) => l.sku);
    const products = new Map(
      (await trx.selectFrom('products').select(['sku', 'weight_kg']).where('sku', 'in', skus).execute()).map((p) => [
        p.sku,
        p.weight_kg,
      ]),
    );
    const unknown = skus.filter((s) => !products.has(s));
    if (unknown.length > 0)
      throw new DomainError('unknown_sku', `Unknown SKU: ${unknown.map((s) => `'${s}'`).join(', ')}`, {
        skus: unknown,
      });
    const locations = await trx
      .selectFrom('locations')
      .selectAll()
      .where('kind', 'in', ['distribution_centre', 'warehouse', 'store'])
      .execute();
    const balances = await trx
      .selectFrom('balances')
      .select(['sku', 'location_id', 'on_hand', 'reserved'])
      .where('sku', 'in', skus)
      .execute();
    const available = new Map<string, Record<string, number>>();
    for (const b of balances) {
      const at = available.get(b.location_id) ?? {};
      at[b.sku] = Number(b.on_hand) - Number(b.reserved);
      available.set(b.location_id, at);
    }
    const pickup = input.channel === 'online' ? null : locations.find((l) => l.id === input.pickupLocation);
    if (input.channel !== 'online' && !pickup)
      throw new DomainError('unknown_location', `Unknown location: '${input.pickupLocation}'`, {
        locations: [input.pickupLocation],
      });
    const destination = pickup
      ? { latitude: pickup.latitude ?? 0, longitude: pickup.longitude ?? 0 }
      : input.destination!;
    // The request's costs over the network's settings over the built-in defaults.
    const settings = { ...defaults, ...dropUndefined(input.costs) };
    const protectedUnits = settings.protectedUnits ?? DEFAULT_PROTECTED_UNITS;
    const candidates: Candidate[] = locations.map((l) => {
      const own = pickup?.id === l.id;
      const shipsOnline = l.ships_online === null ? l.kind !== 'store' : l.ships_online === 1;
      return {
        locationId: l.id,
        kind: l.kind as Candidate['kind'],
        status: l.status as Candidate['status'],
        // A pickup store is placed where the customer is, even without coordinates.
        latitude: own ? destination.latitude : l.latitude,
        longitude: own ? destination.longitude : l.longitude,
        // The customer's own store hands over its own shelf stock.
        shipsOnline: shipsOnline || own,
        available: available.get(l.id) ?? {},
        protectedUnits: own ? {} : Object.fromEntries(skus.map((s) => [s, protectedUnits])),
      };
    });
    const costs = dropUndefined({
      perShipment: settings.perShipment,
      perKgKm: settings.perKgKm,
      perExtraParcel: settings.perExtraParcel,
      maxParcels: settings.maxParcels,
      storeProtection: settings.storeProtection,
    }) as Partial<typeof DEFAULT_COSTS>;
    return {
      lines: input.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, weightKg: products.get(l.sku)! })),
      destination,
      candidates,
      costs: { ...DEFAULT_COSTS, ...costs },
    };
  }

  /**
   * Takes the reservations a plan calls for and records them as the order's allocations. A store's
   * protected units stay on its shelf even when orders race for the rest: the guarded update keeps them.
   */
  async function reserveByPlan(
    trx: Db,
    orderId: string,
    request: SourcingRequest,
    chosen: SourcingPlan,
    actor: string,
  ) {
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
        await trx
          .insertInto('order_allocations')
          .values({
            order_id: orderId,
            sku: line.sku,
            location_id: shipment.locationId,
            quantity: line.quantity,
            reservation_id: reservation.id,
          })
          .execute();
      }
  }

  const plan = async (request: SourcingRequest, exact: boolean) =>
    exact ? planSourcingExactly(request) : planSourcing(request);

  return {
    async preview(raw) {
      const input = parseInput(NewOrder, raw);
      return plan(await sourcingRequest(db, input), input.exact);
    },

    async place(raw) {
      const input = parseInput(NewOrder, raw);
      for (let attempt = 1; ; attempt++) {
        try {
          return await store.transaction((trx) =>
            idempotent(trx, input.idempotencyKey, 'order.place', input, async () => {
              const request = await sourcingRequest(trx, input);
              const chosen = await plan(request, input.exact);
              if (chosen.short.length > 0 && input.onShortage === 'refuse')
                throw new DomainError(
                  'insufficient_stock',
                  `The order cannot be filled: ${chosen.short.map((s) => `${s.quantity} × ${s.sku}`).join(', ')} short`,
                  { short: chosen.short, refused: true },
                );
              const id = input.id ?? newId();
              const now = new Date().toISOString();
              const inserted = await trx
                .insertInto('orders')
                .values({
                  id,
                  channel: input.channel,
                  status: chosen.short.length > 0 ? 'backordered' : 'allocated',
                  latitude: input.destination?.latitude ?? null,
                  longitude: input.destination?.longitude ?? null,
                  pickup_location_id: input.pickupLocation ?? null,
                  reference: input.reference ?? null,
                  plan: JSON.stringify(chosen),
                  created_by: input.actor,
                  created_at: now,
                  updated_at: now,
                })
                .onConflict((oc) => oc.column('id').doNothing())
                .executeTakeFirst();
              if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0)
                throw new DomainError('already_exists', `Order '${id}' already exists`, { id });
              await trx
                .insertInto('order_lines')
                .values(input.lines.map((l, line) => ({ order_id: id, line, sku: l.sku, quantity: l.quantity })))
                .execute();
              await reserveByPlan(trx, id, request, chosen, input.actor);
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

    get: (id) => loadOrder(db, id),

    async list(raw = {}, scope = null) {
      const filter = parseInput(OrderFilter, raw);
      let query = db
        .selectFrom('orders as o')
        .selectAll('o')
        .orderBy('o.id')
        .limit(filter.limit + 1);
      if (filter.status) query = query.where('o.status', 'in', [filter.status].flat());
      if (filter.channel) query = query.where('o.channel', '=', filter.channel);
      if (filter.location) {
        const location = filter.location;
        query = query.where((eb) => allocatedAt(eb, [location]));
      }
      if (scope !== null) {
        const within = [...scope];
        query = query.where((eb) => eb.or([eb('o.pickup_location_id', 'in', within), allocatedAt(eb, within)]));
      }
      if (filter.from) query = query.where('o.created_at', '>=', new Date(filter.from).toISOString());
      if (filter.until) query = query.where('o.created_at', '<', new Date(filter.until).toISOString());
      if (filter.after) query = query.where('o.id', '>', filter.after);
      return toPage(await withLines(db, await query.execute()), filter.limit, (o) => o.id);
    },

    async ship(id, raw) {
      const input = parseInput(ShipOrder, raw);
      const order = await loadOrder(db, id);
      if (order.status === 'cancelled' || order.status === 'shipped')
        throw new DomainError('illegal_transition', `Order '${id}' is ${order.status}; nothing to ship`, {
          id,
          status: order.status,
        });
      const wanted = input.skus ?? order.lines.map((l) => l.sku);
      const unknown = wanted.filter((sku) => !order.lines.some((l) => l.sku === sku));
      if (unknown.length > 0)
        throw validationFailed(unknown.map((sku) => ({ path: 'skus', message: `${sku} is not on order ${id}` })));
      for (const allocation of order.allocations.filter((a) => wanted.includes(a.sku))) {
        const reservation = await reservations.get(allocation.reservationId);
        if (reservation.status === 'active')
          await reservations.commit(
            { reservationId: allocation.reservationId, kind: 'ship', actor: input.actor },
            { type: 'order', id },
          );
      }
      const held = await db
        .selectFrom('order_allocations as a')
        .innerJoin('reservations as r', 'r.id', 'a.reservation_id')
        .select('r.status')
        .where('a.order_id', '=', id)
        .execute();
      const done = held.every((r) => r.status === 'committed') && order.status !== 'backordered';
      await db
        .updateTable('orders')
        .set({ status: done ? 'shipped' : 'partially_shipped', updated_at: new Date().toISOString() })
        .where('id', '=', id)
        .execute();
      return loadOrder(db, id);
    },

    async impact(locationId) {
      const location = await db.selectFrom('locations').select('id').where('id', '=', locationId).executeTakeFirst();
      if (!location)
        throw new DomainError('unknown_location', `Unknown location: '${locationId}'`, { locations: [locationId] });
      const held = await db
        .selectFrom('reservations as r')
        .leftJoin('order_allocations as a', 'a.reservation_id', 'r.id')
        .leftJoin('orders as o', 'o.id', 'a.order_id')
        .select(['r.id', 'r.sku', 'r.quantity', 'r.reference', 'a.order_id', 'o.status'])
        .where('r.location_id', '=', locationId)
        .where('r.status', '=', 'active')
        .orderBy('r.id')
        .execute();
      const orders = new Map<string, { orderId: string; status: OrderStatus; units: number }>();
      for (const r of held)
        if (r.order_id) {
          const entry = orders.get(r.order_id) ?? { orderId: r.order_id, status: r.status as OrderStatus, units: 0 };
          entry.units += Number(r.quantity);
          orders.set(r.order_id, entry);
        }
      return {
        locationId,
        orders: [...orders.values()],
        reservations: held
          .filter((r) => !r.order_id)
          .map((r) => ({ reservationId: r.id, sku: r.sku, quantity: Number(r.quantity), reference: r.reference })),
      };
    },

    async reroute(locationId, actor) {
      if (!actor) throw validationFailed([{ path: 'actor', message: 'say who is acting' }]);
      const { orders: affected } = await this.impact(locationId);
      const report: RerouteReport = { locationId, moved: [], skipped: [] };
      for (const { orderId, status } of affected) {
        if (status === 'partially_shipped') {
          report.skipped.push({ orderId, reason: 'partly shipped: move its remaining lines by hand' });
          continue;
        }
        for (let attempt = 1; ; attempt++) {
          try {
            const moved = await store.transaction(async (trx) => {
              const order = await loadOrder(trx, orderId);
              // Everything the order holds is released and planned again, so no location keeps
              // two allocations of one SKU for it.
              for (const a of order.allocations) await reservations.releaseWithin(trx, a.reservationId);
              await trx.deleteFrom('order_allocations').where('order_id', '=', orderId).execute();
              const input = parseInput(NewOrder, {
                channel: order.channel,
                lines: order.lines,
                ...(order.destination ? { destination: order.destination } : {}),
                ...(order.pickupLocationId ? { pickupLocation: order.pickupLocationId } : {}),
                actor,
              });
              const request = await sourcingRequest(trx, input);
              const chosen = planSourcing(request);
              await reserveByPlan(trx, orderId, request, chosen, actor);
              const next: OrderStatus = chosen.short.length > 0 ? 'backordered' : 'allocated';
              await trx
                .updateTable('orders')
                .set({ status: next, plan: JSON.stringify(chosen), updated_at: new Date().toISOString() })
                .where('id', '=', orderId)
                .execute();
              return { orderId, status: next, to: chosen.shipments.map((sh) => sh.locationId) };
            });
            report.moved.push(moved);
            break;
          } catch (error) {
            if (!isDomainError(error, 'insufficient_stock') || attempt >= PLAN_ATTEMPTS) throw error;
          }
        }
      }
      return report;
    },

    async cancel(id, actor) {
      if (!actor) throw validationFailed([{ path: 'actor', message: 'say who is acting' }]);
      const order = await loadOrder(db, id);
      if (order.status === 'shipped' || order.status === 'partially_shipped' || order.status === 'cancelled')
        throw new DomainError(
          'illegal_transition',
          `Order '${id}' is ${order.status.replace('_', ' ')}; it cannot be cancelled`,
          {
            id,
            status: order.status,
          },
        );
      for (const allocation of order.allocations) {
        const reservation = await reservations.get(allocation.reservationId);
        if (reservation.status === 'active')
          await reservations.release({ reservationId: allocation.reservationId, actor });
      }
      await db
        .updateTable('orders')
        .set({ status: 'cancelled', updated_at: new Date().toISOString() })
        .where('id', '=', id)
        .execute();
      return loadOrder(db, id);
    },
  };
}
