import { z } from 'zod';
import { AnyLocationId, REAL_LOCATION_KINDS } from '../catalog/index.js';
import { parseInput } from '../errors/index.js';
import { MAX_UNITS } from '../input/index.js';
import { runStatement } from '../store/index.js';
import type { Db, Store } from '../store/index.js';
import { balanceKey, toBalance } from './balance.js';

/** Stock of one SKU at one location, with what is on its way in and out (goods in transit). */
export interface StockRow {
  sku: string;
  locationId: string;
  onHand: number;
  reserved: number;
  available: number;
  /** In transit towards this location. */
  inbound: number;
  /** Shipped from this location, not yet received. */
  outbound: number;
}

export interface StockTotals {
  onHand: number;
  reserved: number;
  available: number;
  inbound: number;
}

/** One SKU across the network: per location, per region, and in all. */
export interface NetworkStock {
  sku: string;
  locations: (StockRow & { region: string | null })[];
  regions: (StockTotals & { region: string | null })[];
  network: StockTotals & { inTransit: number };
}

export const LowStockQuery = z.strictObject({
  /** Rows whose available stock is at or below this. */
  threshold: z.coerce.number().int().min(0).max(MAX_UNITS).default(0),
  location: AnyLocationId.optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});
export type LowStockQuery = z.input<typeof LowStockQuery>;

export interface StockViews {
  row(sku: string, location: string): Promise<StockRow>;
  atLocation(location: string): Promise<StockRow[]>;
  acrossNetwork(sku: string): Promise<NetworkStock>;
  /** Real locations whose available stock of a SKU they hold is at or below the threshold. */
  low(query?: LowStockQuery): Promise<StockRow[]>;
  /** Balances below zero where stock may go negative, or reserved beyond what is on hand. */
  negative(): Promise<StockRow[]>;
}

interface TransitSum {
  sku: string;
  location: string;
  quantity: number;
}

/** Goods in transit per SKU, summed by the transit locations' destination (or origin). */
async function inTransit(
  db: Db,
  end: 'destination_id' | 'origin_id',
  where: { sku?: string; location?: string },
): Promise<TransitSum[]> {
  let query = db
    .selectFrom('balances as b')
    .innerJoin('locations as t', 't.id', 'b.location_id')
    .select((eb) => ['b.sku as sku', `t.${end} as location`, eb.fn.sum<number>('b.on_hand').as('quantity')])
    .where('t.kind', '=', 'transit')
    .where('b.on_hand', '<>', 0)
    .groupBy(['b.sku', `t.${end}`]);
  if (where.sku) query = query.where('b.sku', '=', where.sku);
  if (where.location) query = query.where(`t.${end}`, '=', where.location);
  return (await query.execute()).map((r) => ({ sku: r.sku, location: r.location ?? '', quantity: Number(r.quantity) }));
}

/**
 * What open purchase orders still bring, per SKU and the location they deliver to: ordered less
 * received, on orders submitted and not yet ended.
 */
async function onOrder(db: Db, where: { sku?: string; location?: string }): Promise<TransitSum[]> {
  let query = db
    .selectFrom('purchase_order_lines as l')
    .innerJoin('purchase_orders as o', 'o.id', 'l.order_id')
    .select((eb) => [
      'l.sku as sku',
      'o.location_id as location',
      eb.fn
        .sum<number>(
          eb
            .case()
            .when('l.ordered', '>', eb.ref('l.received'))
            .then(eb('l.ordered', '-', eb.ref('l.received')))
            .else(0)
            .end(),
        )
        .as('quantity'),
    ])
    .where('o.status', 'in', ['submitted', 'partially_received'])
    .groupBy(['l.sku', 'o.location_id']);
  if (where.sku) query = query.where('l.sku', '=', where.sku);
  if (where.location) query = query.where('o.location_id', '=', where.location);
  return (await query.execute())
    .map((r) => ({ sku: r.sku, location: r.location, quantity: Number(r.quantity) }))
    .filter((r) => r.quantity > 0);
}

function combine(
  balances: { sku: string; location_id: string; on_hand: number; reserved: number }[],
  inbound: TransitSum[],
  outbound: TransitSum[],
): StockRow[] {
  const rows = new Map<string, StockRow>();
  const row = (sku: string, locationId: string) => {
    const k = balanceKey(sku, locationId);
    let r = rows.get(k);
    if (!r) {
      r = { sku, locationId, onHand: 0, reserved: 0, available: 0, inbound: 0, outbound: 0 };
      rows.set(k, r);
    }
    return r;
  };
  for (const b of balances) {
    const { onHand, reserved, available } = toBalance(b);
    Object.assign(row(b.sku, b.location_id), { onHand, reserved, available });
  }
  for (const t of inbound) row(t.sku, t.location).inbound += t.quantity;
  for (const t of outbound) row(t.sku, t.location).outbound += t.quantity;
  return [...rows.values()].sort((a, b) =>
    a.sku === b.sku ? (a.locationId < b.locationId ? -1 : 1) : a.sku < b.sku ? -1 : 1,
  );
}

/**
 * @example
 * const stock = createStockViews(store);
 * const { network, regions } = await stock.acrossNetwork('TEA-1');
 */
export function createStockViews(store: Store): StockViews {
  const { db } = store;
  const balances = db.selectFrom('balances').select(['sku', 'location_id', 'on_hand', 'reserved']);

  return {
    async row(sku, location) {
      // One statement: this is the API's most frequent read.
      const { rows } = await runStatement<{
        on_hand: number | null;
        reserved: number | null;
        inbound: number | null;
        outbound: number | null;
        on_order: number | null;
      }>(
        db,
        store.capabilities,
        `select (select on_hand from balances where sku = ? and location_id = ?) as on_hand,
                (select reserved from balances where sku = ? and location_id = ?) as reserved,
                (select sum(b.on_hand) from balances b join locations t on t.id = b.location_id
                  where b.sku = ? and t.kind = 'transit' and t.destination_id = ?) as inbound,
                (select sum(b.on_hand) from balances b join locations t on t.id = b.location_id
                  where b.sku = ? and t.kind = 'transit' and t.origin_id = ?) as outbound,
                (select sum(case when l.ordered > l.received then l.ordered - l.received else 0 end)
                   from purchase_order_lines l join purchase_orders o on o.id = l.order_id
                  where l.sku = ? and o.location_id = ? and o.status in ('submitted', 'partially_received')) as on_order`,
        [sku, location, sku, location, sku, location, sku, location, sku, location],
      );
      const row = rows[0];
      return {
        ...toBalance({
          sku,
          location_id: location,
          on_hand: Number(row?.on_hand ?? 0),
          reserved: Number(row?.reserved ?? 0),
        }),
        inbound: Number(row?.inbound ?? 0) + Number(row?.on_order ?? 0),
        outbound: Number(row?.outbound ?? 0),
      };
    },

    async atLocation(location) {
      const [b, inbound, ordered, outbound] = await Promise.all([
        balances.where('location_id', '=', location).execute(),
        inTransit(db, 'destination_id', { location }),
        onOrder(db, { location }),
        inTransit(db, 'origin_id', { location }),
      ]);
      return combine(b, [...inbound, ...ordered], outbound);
    },

    async acrossNetwork(sku) {
      const [b, inbound, ordered, outbound, locations] = await Promise.all([
        balances.where('sku', '=', sku).execute(),
        inTransit(db, 'destination_id', { sku }),
        onOrder(db, { sku }),
        inTransit(db, 'origin_id', { sku }),
        db
          .selectFrom('locations')
          .select(['id', 'region'])
          .where('kind', 'in', [...REAL_LOCATION_KINDS])
          .execute(),
      ]);
      const regionOf = new Map(locations.map((l) => [l.id, l.region]));
      const rows = combine(b, [...inbound, ...ordered], outbound)
        .filter((r) => regionOf.has(r.locationId))
        .map((r) => ({ ...r, region: regionOf.get(r.locationId) ?? null }));
      const regions = new Map<string | null, StockTotals & { region: string | null }>();
      const network = { onHand: 0, reserved: 0, available: 0, inbound: 0, inTransit: 0 };
      for (const r of rows) {
        const total = regions.get(r.region) ?? { region: r.region, onHand: 0, reserved: 0, available: 0, inbound: 0 };
        total.onHand += r.onHand;
        total.reserved += r.reserved;
        total.available += r.available;
        total.inbound += r.inbound;
        regions.set(r.region, total);
        network.onHand += r.onHand;
        network.reserved += r.reserved;
        network.available += r.available;
        network.inbound += r.inbound;
      }
      network.inTransit = inbound.reduce((sum, t) => sum + t.quantity, 0);
      return { sku, locations: rows, regions: [...regions.values()], network };
    },

    async low(raw = {}) {
      const query = parseInput(LowStockQuery, raw);
      let select = db
        .selectFrom('balances as b')
        .innerJoin('locations as l', 'l.id', 'b.location_id')
        .select(['b.sku', 'b.location_id', 'b.on_hand', 'b.reserved'])
        .where('l.kind', 'in', [...REAL_LOCATION_KINDS])
        .where((eb) => eb(eb('b.on_hand', '-', eb.ref('b.reserved')), '<=', query.threshold))
        .orderBy('b.location_id')
        .orderBy('b.sku')
        .limit(query.limit);
      if (query.location) select = select.where('b.location_id', '=', query.location);
      return combine(await select.execute(), [], []);
    },

    async negative() {
      const rows = await db
        .selectFrom('balances as b')
        .innerJoin('locations as l', 'l.id', 'b.location_id')
        .select(['b.sku', 'b.location_id', 'b.on_hand', 'b.reserved'])
        .where('l.kind', 'in', [...REAL_LOCATION_KINDS, 'transit', 'quarantine'])
        .where((eb) => eb.or([eb('b.on_hand', '<', 0), eb('b.reserved', '>', eb.ref('b.on_hand'))]))
        .orderBy('b.location_id')
        .orderBy('b.sku')
        .limit(5000)
        .execute();
      return combine(rows, [], []);
    },
  };
}
