import { sql } from 'kysely';
import { z } from 'zod';
import {
  AnyLocationId,
  Cursor,
  PageLimit,
  productFacts,
  REAL_LOCATION_KINDS,
  realLocations,
} from '../catalog/index.js';
import type { LocationStatus, RealLocation } from '../catalog/index.js';
import { DomainError, parseInput } from '../errors/index.js';
import { MAX_UNITS } from '../input/index.js';
import { runStatement, toPage } from '../store/index.js';
import type { Db, Page, Store } from '../store/index.js';
import { balanceKey, toBalance } from './balance.js';
import { requireSubjects } from './posting.js';
import type {
  NamedStockRow,
  NetworkStock,
  PlacedStockRow,
  RegionStock,
  StockRow,
  StockTotals,
} from './stock.schemas.js';

/** Where a list of stock rows goes on from: the last row's location and SKU, as `nextCursor` gave them. */
const StockCursor = Cursor.refine((c) => c.includes(CURSOR_SEPARATOR), 'must be a nextCursor of this list');
const CURSOR_SEPARATOR = '|';
const stockCursor = (row: { locationId: string; sku: string }) => `${row.locationId}${CURSOR_SEPARATOR}${row.sku}`;

export const StockPageQuery = z.strictObject({
  after: StockCursor.optional().describe(
    "Where the page starts: the previous page's `nextCursor`; leave out for the first page",
  ),
  limit: PageLimit,
});
export type StockPageQuery = z.input<typeof StockPageQuery>;

export const LowStockQuery = StockPageQuery.extend({
  threshold: z.coerce
    .number()
    .int()
    .min(0)
    .max(MAX_UNITS)
    .default(0)
    .describe('Rows whose available stock is at or below this (default 0: nothing available)'),
  location: AnyLocationId.optional().describe('Only this location'),
  region: z.string().min(1).max(100).optional().describe("Only this region's locations"),
});
export type LowStockQuery = z.input<typeof LowStockQuery>;

export interface StockViews {
  row(sku: string, location: string): Promise<StockRow>;
  /** Every SKU a location holds or has coming, in SKU order, a page at a time. */
  atLocation(location: string, page?: { after?: string | undefined; limit?: number }): Promise<Page<StockRow>>;
  acrossNetwork(sku: string): Promise<NetworkStock>;
  /**
   * Every SKU at every real location that holds or ever held it (a sold-out shelf is a row of zeros),
   * or has something on its way to it: the network in one read.
   */
  everywhere(): Promise<PlacedStockRow[]>;
  /** Real locations whose available stock of a SKU they hold is at or below the threshold. */
  low(query?: LowStockQuery): Promise<Page<NamedStockRow>>;
  /** Balances below zero where stock may go negative, or reserved beyond what is on hand. */
  negative(query?: StockPageQuery): Promise<Page<NamedStockRow>>;
}

/** A balance with the facts of its location that the views sort it by. */
interface PlacedBalance {
  sku: string;
  location_id: string;
  on_hand: number;
  reserved: number;
  kind: string;
  status: string;
  region: string | null;
  origin_id: string | null;
  destination_id: string | null;
}

/** Units that open purchase orders still bring, per SKU and the location they deliver to. */
export interface OnOrderQuantity {
  sku: string;
  locationId: string;
  quantity: number;
}

/**
 * What is on order, read from the purchase orders. Procedures own those and offer this (`onOrder` of
 * `procedures/index.ts`); the ledger cannot import procedures, which import it, so the stock views are
 * given it.
 */
export interface OnOrderSource {
  /** The quantities above zero per SKU and location, of one SKU or to one location if asked. */
  quantities(db: Db, where: { sku?: string; location?: string }): Promise<readonly OnOrderQuantity[]>;
  /**
   * The quantity of one SKU on order to one location, as a scalar subquery (null when there is none)
   * for a hand-written statement: its first `?` is the SKU, its second the location. A stock row is
   * read in one statement, this included.
   */
  subquery: string;
}

/** The condition of the `balances_held_idx` index, spelled as it is there so the database uses it. */
const holdsSomething = sql<boolean>`(b.on_hand <> 0 or b.reserved <> 0)`;

/**
 * The balances of a SKU, or of a location and everything held for it, with their locations' facts:
 * real locations' balances (empty ones too with `withEmpty`: a sold-out shelf still carries the SKU),
 * and what quarantines and transits hold now. Emptied transits, by far the most rows, are never read.
 */
async function placedBalances(
  db: Db,
  where: { sku?: string; location?: string; withEmpty?: boolean },
): Promise<PlacedBalance[]> {
  const select = (kinds: readonly string[]) => {
    let query = db
      .selectFrom('balances as b')
      .innerJoin('locations as l', 'l.id', 'b.location_id')
      .select([
        'b.sku',
        'b.location_id',
        'b.on_hand',
        'b.reserved',
        'l.kind',
        'l.status',
        'l.region',
        'l.origin_id',
        'l.destination_id',
      ])
      .where('l.kind', 'in', [...kinds]);
    if (where.sku) query = query.where('b.sku', '=', where.sku);
    return query;
  };
  let onShelves = select(REAL_LOCATION_KINDS);
  if (!where.withEmpty) onShelves = onShelves.where(holdsSomething);
  let held = select(['quarantine', 'transit']).where(holdsSomething);
  if (where.location) {
    const id = where.location;
    onShelves = onShelves.where('b.location_id', '=', id);
    // The location's quarantine, and the transits that start or end there.
    held = held.where((eb) => eb.or([eb('l.origin_id', '=', id), eb('l.destination_id', '=', id)]));
  }
  const rows = (await Promise.all([onShelves.execute(), held.execute()])).flat();
  return rows.map((r) => ({ ...r, on_hand: Number(r.on_hand), reserved: Number(r.reserved) }));
}

const isReal = (kind: string) => (REAL_LOCATION_KINDS as readonly string[]).includes(kind);

/** Rows with their location's region and status; rows of anything but a real location are left out. */
async function placedRows(
  db: Db,
  onOrder: OnOrderSource,
  where: { sku?: string; withEmpty?: boolean },
): Promise<PlacedStockRow[]> {
  const [balances, ordered, locations] = await Promise.all([
    placedBalances(db, where),
    onOrder.quantities(db, where),
    realLocations(db),
  ]);
  const place = new Map(locations.map((l) => [l.id, l]));
  return stockRows(balances, ordered).flatMap((r) => {
    const at = place.get(r.locationId);
    return at ? [{ ...r, region: at.region, status: at.status }] : [];
  });
}

/** A row of zeros: a SKU a location carries and holds none of. */
export const emptyStockRow = (sku: string, locationId: string): StockRow => ({
  sku,
  locationId,
  onHand: 0,
  reserved: 0,
  available: 0,
  quarantined: 0,
  inTransit: 0,
  onOrder: 0,
  inbound: 0,
  outbound: 0,
});

/**
 * Rows per SKU × real location from balances (of real locations, quarantines and transits) and open
 * orders. Pure: the views read, this adds up.
 */
function stockRows(balances: readonly PlacedBalance[], ordered: readonly OnOrderQuantity[]): StockRow[] {
  const rows = new Map<string, StockRow>();
  const row = (sku: string, locationId: string) => {
    const key = balanceKey(sku, locationId);
    let found = rows.get(key);
    if (!found) rows.set(key, (found = emptyStockRow(sku, locationId)));
    return found;
  };
  for (const b of balances) {
    if (b.kind === 'transit') {
      if (b.destination_id) row(b.sku, b.destination_id).inTransit += b.on_hand;
      if (b.origin_id) row(b.sku, b.origin_id).outbound += b.on_hand;
    } else if (b.kind === 'quarantine') {
      if (b.origin_id) row(b.sku, b.origin_id).quarantined += b.on_hand;
    } else if (isReal(b.kind)) {
      Object.assign(row(b.sku, b.location_id), { onHand: b.on_hand, reserved: b.reserved });
    }
  }
  for (const o of ordered) row(o.sku, o.locationId).onOrder += o.quantity;
  for (const r of rows.values()) {
    r.available = r.onHand - r.reserved;
    r.inbound = r.inTransit + r.onOrder;
  }
  return [...rows.values()].sort((a, b) =>
    a.sku === b.sku ? (a.locationId < b.locationId ? -1 : 1) : a.sku < b.sku ? -1 : 1,
  );
}

export const emptyTotals = (): StockTotals => ({
  onHand: 0,
  reserved: 0,
  available: 0,
  unavailable: 0,
  quarantined: 0,
  inTransit: 0,
  onOrder: 0,
  outbound: 0,
  total: 0,
});

/** Adds a location's row to a total; a location that cannot ship adds its stock as unavailable. */
export function addToTotals(total: StockTotals, row: StockRow, status: LocationStatus): void {
  total.onHand += row.onHand;
  total.reserved += row.reserved;
  if (status === 'active') total.available += row.available;
  else total.unavailable += row.onHand;
  total.quarantined += row.quarantined;
  total.inTransit += row.inTransit;
  total.onOrder += row.onOrder;
  total.outbound += row.outbound;
  total.total = total.onHand + total.inTransit + total.onOrder + total.quarantined;
}

/**
 * @example
 * const stock = createStockViews(store, { onOrder }); // onOrder from procedures/index.ts
 * const { network, regions } = await stock.acrossNetwork('TEA-1');
 */
export function createStockViews(store: Store, using: { onOrder: OnOrderSource }): StockViews {
  const { db } = store;
  const { onOrder } = using;
  // Every figure of a stock row, each a scalar subquery over (SKU, location) after the first two.
  const rowStatement = `select (select 1 from products where sku = ?) as known_sku,
       (select kind from locations where id = ?) as kind,
       (select on_hand from balances where sku = ? and location_id = ?) as on_hand,
       (select reserved from balances where sku = ? and location_id = ?) as reserved,
       (select sum(b.on_hand) from balances b join locations q on q.id = b.location_id
         where b.sku = ? and q.kind = 'quarantine' and q.origin_id = ?) as quarantined,
       (select sum(b.on_hand) from balances b join locations t on t.id = b.location_id
         where b.sku = ? and t.kind = 'transit' and t.destination_id = ?) as in_transit,
       (select sum(b.on_hand) from balances b join locations t on t.id = b.location_id
         where b.sku = ? and t.kind = 'transit' and t.origin_id = ?) as outbound,
       ${onOrder.subquery} as on_order`;

  return {
    async row(sku, location) {
      // One statement: this is the API's most frequent read. It also says whether both names exist.
      const { rows } = await runStatement<{
        known_sku: number | null;
        kind: string | null;
        on_hand: number | null;
        reserved: number | null;
        quarantined: number | null;
        in_transit: number | null;
        outbound: number | null;
        on_order: number | null;
      }>(db, store.capabilities, rowStatement, [
        sku,
        location,
        ...Array.from({ length: 6 }, () => [sku, location]).flat(),
      ]);
      const row = rows[0];
      if (!row?.known_sku) throw new DomainError('unknown_sku', `Unknown SKU: '${sku}'`, { skus: [sku] });
      if (!row.kind)
        throw new DomainError('unknown_location', `Unknown location: '${location}'`, { locations: [location] });
      const onHand = Number(row.on_hand ?? 0);
      const reserved = Number(row.reserved ?? 0);
      const inTransit = Number(row.in_transit ?? 0);
      const ordered = Number(row.on_order ?? 0);
      return {
        sku,
        locationId: location,
        onHand,
        reserved,
        // Goods in a transit or a quarantine are held by their document, never available.
        available: isReal(row.kind) ? onHand - reserved : 0,
        quarantined: Number(row.quarantined ?? 0),
        inTransit,
        onOrder: ordered,
        inbound: inTransit + ordered,
        outbound: Number(row.outbound ?? 0),
      };
    },

    async atLocation(location, page = {}) {
      // A name that does not exist is said so: a typo is no stock-out.
      await requireSubjects(db, store.capabilities, [location], []);
      const limit = page.limit ?? 100;
      const [balances, ordered] = await Promise.all([
        placedBalances(db, { location }),
        onOrder.quantities(db, { location }),
      ]);
      // One location's rows come from balances, transits, quarantine and orders at once: they are
      // added up whole, then cut into pages by SKU.
      const rows = stockRows(balances, ordered).filter(
        (r) => r.locationId === location && (page.after === undefined || r.sku > page.after),
      );
      return toPage(rows.slice(0, limit + 1), limit, (r) => r.sku);
    },

    async acrossNetwork(sku) {
      await requireSubjects(db, store.capabilities, [], [sku]);
      const rows = await placedRows(db, onOrder, { sku });
      const regions = new Map<string | null, RegionStock>();
      const network = emptyTotals();
      for (const r of rows) {
        const region = regions.get(r.region) ?? { region: r.region, ...emptyTotals() };
        addToTotals(region, r, r.status);
        regions.set(r.region, region);
        addToTotals(network, r, r.status);
      }
      // Between regions a transfer is outbound of one and in transit to the other; in the network it
      // is in transit, once.
      network.outbound = network.inTransit;
      return { sku, locations: rows, regions: [...regions.values()], network };
    },

    everywhere: () => placedRows(db, onOrder, { withEmpty: true }),

    async low(raw = {}) {
      const query = parseInput(LowStockQuery, raw);
      if (query.location) await requireSubjects(db, store.capabilities, [query.location], []);
      const places = (await realLocations(db)).filter(
        (l) =>
          (query.location === undefined || l.id === query.location) &&
          (query.region === undefined || l.region === query.region),
      );
      return namedPage(db, query, places, (select) =>
        select.where((eb) => eb(eb('b.on_hand', '-', eb.ref('b.reserved')), '<=', query.threshold)),
      );
    },

    async negative(raw = {}) {
      const query = parseInput(StockPageQuery, raw);
      return namedPage(db, query, await realLocations(db), (select) =>
        select.where((eb) => eb.or([eb('b.on_hand', '<', 0), eb('b.reserved', '>', eb.ref('b.on_hand'))])),
      );
    },
  };
}

/**
 * The balances at `places` that `narrow` keeps, a page in (location, SKU) order, with the names a
 * person reads them by: the page's product names are asked of the catalog once, after it is read.
 */
async function namedPage(
  db: Db,
  page: z.output<typeof StockPageQuery>,
  places: readonly RealLocation[],
  narrow: (select: ReturnType<typeof pageOfBalances>) => ReturnType<typeof pageOfBalances>,
): Promise<Page<NamedStockRow>> {
  if (places.length === 0) return toPage<NamedStockRow>([], page.limit, stockCursor);
  const ids = places.map((l) => l.id);
  const rows = await narrow(pageOfBalances(db, page, ids)).execute();
  const at = new Map(places.map((l) => [l.id, l]));
  const products = await productFacts(
    db,
    rows.map((r) => r.sku),
  );
  const named = rows.map((b): NamedStockRow => {
    const figures = { ...b, on_hand: Number(b.on_hand), reserved: Number(b.reserved) };
    const { onHand, reserved, available } = toBalance(figures);
    const place = at.get(b.location_id)!;
    return {
      sku: b.sku,
      locationId: b.location_id,
      onHand,
      reserved,
      available,
      productName: products.get(b.sku)?.name ?? b.sku,
      locationName: place.name,
      region: place.region,
    };
  });
  return toPage(named, page.limit, stockCursor);
}

/** The balances of some locations, a page in (location, SKU) order. */
function pageOfBalances(db: Db, page: z.output<typeof StockPageQuery>, locations: readonly string[]) {
  let query = db
    .selectFrom('balances as b')
    .select(['b.sku', 'b.location_id', 'b.on_hand', 'b.reserved'])
    .where('b.location_id', 'in', locations)
    .orderBy('b.location_id')
    .orderBy('b.sku')
    .limit(page.limit + 1);
  if (page.after) {
    const cut = page.after.indexOf(CURSOR_SEPARATOR);
    const [location, sku] = [page.after.slice(0, cut), page.after.slice(cut + 1)];
    query = query.where((eb) =>
      eb.or([eb('b.location_id', '>', location), eb.and([eb('b.location_id', '=', location), eb('b.sku', '>', sku)])]),
    );
  }
  return query;
}
