import type { LocationStatus, RealLocationKind } from '../catalog/index.js';
import { addToTotals, balanceKey, emptyStockRow, emptyTotals } from '../ledger/index.js';
import type { PlacedStockRow, StockTotals } from '../ledger/index.js';
import type { LocationOverview, NetworkOverview, OverviewFigures, RegionOverview } from './overview.schemas.js';

/** What the overview is added up from: plain data, read by the service. */
export interface OverviewInput {
  at: string;
  locations: readonly {
    id: string;
    name: string;
    kind: RealLocationKind;
    region: string | null;
    status: LocationStatus;
  }[];
  /** Every SKU at every real location, as the stock views give it. */
  rows: readonly PlacedStockRow[];
  prices: ReadonlyMap<string, { unitCost: number; price: number }>;
  /** Forecast units a day, location → SKU; null before any forecast. */
  demand: { runId: string; perLocation: ReadonlyMap<string, ReadonlyMap<string, number>> } | null;
  /** Today's reorder points of the latest plan, location → SKU; null (or absent) before any plan. */
  reorderPoints?: { runId: string; perLocation: ReadonlyMap<string, ReadonlyMap<string, number>> } | null;
  /** Late documents per location they deliver to. */
  overdue: { purchaseOrders: ReadonlyMap<string, number>; transfers: ReadonlyMap<string, number> };
}

/** A scope's running sums while rows are added; turned into figures at the end. */
interface Tally {
  units: StockTotals;
  onHandAtCost: number;
  onHandAtPrice: number;
  inTransitAtCost: number;
  onOrderAtCost: number;
  demandAtCost: number;
  /** SKU → available at active locations of the scope; a SKU's presence means the scope carries it. */
  available: Map<string, number>;
  /** SKUs at or below their reorder point at one location of the scope or more. */
  belowReorderPoint: Set<string>;
  purchaseOrders: number;
  transfers: number;
}

const newTally = (): Tally => ({
  units: emptyTotals(),
  onHandAtCost: 0,
  onHandAtPrice: 0,
  inTransitAtCost: 0,
  onOrderAtCost: 0,
  demandAtCost: 0,
  available: new Map(),
  belowReorderPoint: new Set(),
  purchaseOrders: 0,
  transfers: 0,
});

const cents = (value: number) => Math.round(value * 100) / 100;

function figures(tally: Tally, withDemand: boolean, withPlan: boolean): OverviewFigures {
  let outOfStock = 0;
  for (const available of tally.available.values()) if (available <= 0) outOfStock += 1;
  return {
    units: { ...tally.units },
    value: {
      onHandAtCost: cents(tally.onHandAtCost),
      onHandAtPrice: cents(tally.onHandAtPrice),
      inTransitAtCost: cents(tally.inTransitAtCost),
      onOrderAtCost: cents(tally.onOrderAtCost),
    },
    skus: {
      carried: tally.available.size,
      outOfStock,
      belowReorderPoint: withPlan ? tally.belowReorderPoint.size : null,
    },
    daysOfSupply:
      withDemand && tally.demandAtCost > 0 ? Math.round((tally.onHandAtCost / tally.demandAtCost) * 10) / 10 : null,
    overdue: { purchaseOrders: tally.purchaseOrders, transfers: tally.transfers },
  };
}

/**
 * The network overview: per location, per region and for the network, units in the stock views'
 * disjoint buckets, their value, how many SKUs are carried and out of stock, days of supply at the
 * forecast rate, and late documents. Regions sum their locations and the network sums its regions,
 * so the figures agree with each other and with the per-location stock reads they are made of.
 *
 * A SKU is out of stock at a location when nothing of it is available there; in a region or the
 * network, when it is available nowhere in it that can ship. Days of supply weigh SKUs by cost, so a
 * pallet of cheap goods does not hide a shortage of dear ones.
 *
 * @example
 * const overview = summariseNetwork({ at, locations, rows, prices, demand: null, overdue });
 * overview.network.units.available; // units the network can ship now
 */
export function summariseNetwork(input: OverviewInput): NetworkOverview {
  const places = new Map(input.locations.map((l) => [l.id, { location: l, tally: newTally() }]));
  const regions = new Map<string | null, Tally>();
  const network = newTally();
  const demandAt = (location: string) => input.demand?.perLocation.get(location);

  const add = (tally: Tally, row: PlacedStockRow, demand: number, low: boolean) => {
    const price = input.prices.get(row.sku) ?? { unitCost: 0, price: 0 };
    addToTotals(tally.units, row, row.status);
    tally.onHandAtCost += row.onHand * price.unitCost;
    tally.onHandAtPrice += row.onHand * price.price;
    tally.inTransitAtCost += row.inTransit * price.unitCost;
    tally.onOrderAtCost += row.onOrder * price.unitCost;
    tally.demandAtCost += demand * price.unitCost;
    const available = row.status === 'active' ? row.available : 0;
    tally.available.set(row.sku, (tally.available.get(row.sku) ?? 0) + available);
    if (low) tally.belowReorderPoint.add(row.sku);
  };

  // A SKU forecast to sell where it has never been is carried there too: the row is all zeros.
  const rows = [...input.rows];
  const held = new Set(rows.map((r) => balanceKey(r.sku, r.locationId)));
  // So is one the plan sets a reorder point for (a DC supplying its stores).
  const expected = [...(input.demand?.perLocation ?? []), ...(input.reorderPoints?.perLocation ?? [])] as [
    string,
    ReadonlyMap<string, number>,
  ][];
  for (const [locationId, skus] of expected) {
    const place = places.get(locationId);
    if (!place) continue;
    for (const [sku, level] of skus) {
      if (level <= 0 || held.has(balanceKey(sku, locationId))) continue;
      held.add(balanceKey(sku, locationId));
      const { region, status } = place.location;
      rows.push({ ...emptyStockRow(sku, locationId), region, status });
    }
  }

  for (const row of rows) {
    const place = places.get(row.locationId);
    if (!place) continue;
    const demand = demandAt(row.locationId)?.get(row.sku) ?? 0;
    const reorderPoint = input.reorderPoints?.perLocation.get(row.locationId)?.get(row.sku);
    const low = reorderPoint !== undefined && row.onHand + row.inbound - row.reserved <= reorderPoint;
    const region = regions.get(place.location.region) ?? newTally();
    regions.set(place.location.region, region);
    for (const tally of [place.tally, region, network]) add(tally, row, demand, low);
  }
  // Between regions a transfer is outbound of one and in transit to the other; in the network it is
  // in transit, once.
  network.units.outbound = network.units.inTransit;
  for (const { location, tally } of places.values()) {
    tally.purchaseOrders = input.overdue.purchaseOrders.get(location.id) ?? 0;
    tally.transfers = input.overdue.transfers.get(location.id) ?? 0;
    const region = regions.get(location.region) ?? newTally();
    regions.set(location.region, region);
    for (const scope of [region, network]) {
      scope.purchaseOrders += tally.purchaseOrders;
      scope.transfers += tally.transfers;
    }
  }

  const withDemand = input.demand !== null;
  const withPlan = (input.reorderPoints ?? null) !== null;
  const locations: LocationOverview[] = [...places.values()]
    .sort((a, b) => (a.location.id < b.location.id ? -1 : 1))
    .map(({ location: { id, name, kind, region, status }, tally }) => ({
      id,
      name,
      kind,
      region,
      status,
      ...figures(tally, withDemand, withPlan),
    }));
  const byRegion: RegionOverview[] = [...regions]
    .sort(([a], [b]) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1))
    .map(([region, tally]) => ({ region, ...figures(tally, withDemand, withPlan) }));
  return {
    at: input.at,
    forecastRunId: input.demand?.runId ?? null,
    network: figures(network, withDemand, withPlan),
    regions: byRegion,
    locations,
  };
}
