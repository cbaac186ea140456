import { productFacts, realLocations, supplierOffers } from '../catalog/index.js';
import type { ProductFacts, RealLocation } from '../catalog/index.js';
import { DomainError } from '../errors/index.js';
import { latestForecast } from '../forecasting/index.js';
import { balanceKey } from '../ledger/index.js';
import type { StockViews } from '../ledger/index.js';
import { MIN_RECEIPTS } from '../planning/index.js';
import type { NetworkInput, SupplierOffer } from '../planning/index.js';
import { DEFAULT_TRANSIT_DAYS, draftQuantities, transferLeadTimes } from '../procedures/index.js';
import type { DraftQuantities, PurchaseOrders } from '../procedures/index.js';
import { decisionKey } from './range-changes.js';
import type { Db } from '../store/index.js';

/**
 * A lane no transfer has measured yet takes the procedures' default transit time, with a spread of a
 * quarter of it: a stated time is a promise, and a promise of exactly two days every time is not one a
 * planner should hold no safety stock for.
 */
export const STATED_TRANSFER = { mean: DEFAULT_TRANSIT_DAYS, sd: DEFAULT_TRANSIT_DAYS / 4 } as const;

/** What a plan reads from the rest of Omnistock, with the facts the suggestions are explained by. */
export interface PlanInputs {
  network: NetworkInput;
  forecastRunId: string;
  /** The forecast's first day, from which the policies hold. */
  startsOn: string;
  horizon: number;
  locations: Map<string, RealLocation>;
  products: Map<string, ProductFacts>;
  /** Range changes (kind, SKU, store) a planner has decided, approved or dismissed: not suggested again. */
  rangeDecided: Set<string>;
}

export interface PlanReaders {
  stock: Pick<StockViews, 'everywhere'>;
  purchaseOrders: Pick<PurchaseOrders, 'performance'>;
}

/**
 * Everything a network plan needs, read once: the locations and their tree, products, the latest
 * forecast, every location's stock position, what suppliers offer with how they have delivered
 * (their lead times measured from receipts once there are enough of them), and how long transfers
 * took per lane. Before any forecast there is nothing to plan on: `not_found`.
 *
 * @example
 * const inputs = await readPlanInputs(db, { stock, purchaseOrders }, new Date());
 * inputs.network.demand.length; // SKU × location series forecast
 */
export async function readPlanInputs(db: Db, readers: PlanReaders, now: Date): Promise<PlanInputs> {
  const forecast = await latestForecast(db);
  if (!forecast)
    throw new DomainError(
      'not_found',
      'There is no forecast to plan on: run `omnistock forecast` or POST /forecasts/runs first',
      {},
    );
  const [locations, products, stock, offers, lanes, ranged, drafts] = await Promise.all([
    realLocations(db),
    productFacts(db),
    readers.stock.everywhere(),
    supplierOffers(db),
    transferLeadTimes(db, now),
    rangeDecisions(db),
    draftQuantities(db),
  ]);
  const demand = rangedDemand(forecast, ranged);
  const suppliers = [...new Set(offers.map((o) => o.supplier.id))];
  const performance = new Map(
    await Promise.all(suppliers.map(async (id) => [id, await readers.purchaseOrders.performance(id)] as const)),
  );
  const supplyOffers: SupplierOffer[] = offers.flatMap(({ supplier, item }) => {
    const product = products.get(item.sku);
    if (!product) return [];
    const delivered = performance.get(supplier.id);
    return [
      {
        sku: item.sku,
        supplierId: supplier.id,
        unitCost: item.unitCost ?? product.unitCost,
        stated: { mean: item.leadTimeDays ?? supplier.leadTimeDays, sd: supplier.leadTimeSdDays },
        // Receipts are measured per supplier, not per item: one supplier's trucks come as they come.
        observed: delivered?.leadTimeDays
          ? { receipts: delivered.receipts, mean: delivered.leadTimeDays.mean, sd: delivered.leadTimeDays.sd }
          : null,
        packSize: supplier.packSize,
        minOrderQuantity: supplier.minOrderQuantity,
        fillRate: delivered?.fillRate ?? null,
      },
    ];
  });
  return {
    forecastRunId: forecast.runId,
    startsOn: forecast.from,
    horizon: forecast.horizon,
    locations: new Map(locations.map((l) => [l.id, l])),
    products,
    rangeDecided: new Set(ranged.map((r) => decisionKey(r.kind, r.sku, r.locationId))),
    network: {
      locations: locations.map((l) => ({ id: l.id, kind: l.kind, parentId: l.parentId, status: l.status })),
      products: [...products].map(([sku, p]) => ({ sku, unitCost: p.unitCost, price: p.price })),
      demand,
      // Backorders are not kept apart from reservations today: an order no location could fill holds no
      // stock, so what customers wait for is already in `reserved` wherever it was allocated.
      stock: withDrafts(stock, drafts),
      offers: supplyOffers,
      lanes: lanes
        .filter((lane) => lane.transfers >= MIN_RECEIPTS)
        .map((lane) => ({
          fromId: lane.fromId,
          toId: lane.toId,
          leadTime: { mean: lane.meanDays, sd: lane.sdDays, basis: 'transfers' as const, observations: lane.transfers },
        })),
      defaultTransfer: STATED_TRANSFER,
    },
  };
}

/** A planner's decision on a store's range: the latest approved or dismissed range suggestion per pair. */
interface RangeDecision {
  sku: string;
  locationId: string;
  kind: 'range_add' | 'range_delist';
  status: 'approved' | 'dismissed';
  /** An approved add's expected units a day, from the similar stores it was judged on. */
  dailyMean: number;
}

async function rangeDecisions(db: Db): Promise<RangeDecision[]> {
  const rows = await db
    .selectFrom('suggestions')
    .innerJoin('suggestion_lines', 'suggestion_lines.suggestion_id', 'suggestions.id')
    .select([
      'suggestions.kind',
      'suggestions.status',
      'suggestions.location_id',
      'suggestions.reason',
      'suggestions.decided_at',
      'suggestion_lines.sku',
    ])
    .where('suggestions.kind', 'in', ['range_add', 'range_delist'])
    .where('suggestions.status', 'in', ['approved', 'dismissed'])
    .orderBy('suggestions.decided_at')
    .execute();
  const latest = new Map<string, RangeDecision>();
  for (const row of rows) {
    const reason = JSON.parse(row.reason) as { economics?: { dailyMean?: number } };
    latest.set(balanceKey(row.sku, row.location_id), {
      sku: row.sku,
      locationId: row.location_id,
      kind: row.kind as RangeDecision['kind'],
      status: row.status as RangeDecision['status'],
      dailyMean: Math.max(0, reason.economics?.dailyMean ?? 0),
    });
  }
  return [...latest.values()];
}

/**
 * The forecast as the range stands: a SKU a planner delisted at a store is no longer planned there (no
 * policy, no replenishment), and one added is planned at the rate its similar stores sold it until the
 * store has sales of its own to forecast.
 */
function rangedDemand(
  forecast: NonNullable<Awaited<ReturnType<typeof latestForecast>>>,
  decisions: readonly RangeDecision[],
): NetworkInput['demand'] {
  const approved = decisions.filter((d) => d.status === 'approved');
  const delisted = new Set(
    approved.filter((d) => d.kind === 'range_delist').map((d) => balanceKey(d.sku, d.locationId)),
  );
  const demand = forecast.series
    .filter((s) => !delisted.has(balanceKey(s.sku, s.locationId)))
    .map((s) => ({ sku: s.sku, locationId: s.locationId, mean: s.mean, spread: s.spread }));
  const forecastPairs = new Set(demand.map((d) => balanceKey(d.sku, d.locationId)));
  for (const add of approved)
    if (add.kind === 'range_add' && add.dailyMean > 0 && !forecastPairs.has(balanceKey(add.sku, add.locationId)))
      demand.push({
        sku: add.sku,
        locationId: add.locationId,
        mean: new Array<number>(forecast.horizon).fill(add.dailyMean),
        // A rate borrowed from other stores is uncertain: Poisson at the least, a count's own spread.
        spread: { sigmas: new Array<number>(forecast.horizon).fill(Math.sqrt(add.dailyMean)), errorCorrelation: 0 },
      });
  return demand;
}

/**
 * Stock positions as the plan counts them: drafts are decisions already taken, so a draft transfer
 * holds its units at the source (they are spoken for) and brings them to the destination, and a draft
 * purchase order brings its units; the next plan neither suggests them again nor gives the same stock twice.
 */
function withDrafts(
  rows: readonly { sku: string; locationId: string; onHand: number; reserved: number; inbound: number }[],
  drafts: DraftQuantities,
): NetworkInput['stock'] {
  const positions = new Map<string, NetworkInput['stock'][number]>();
  const at = (sku: string, locationId: string) => {
    const key = balanceKey(sku, locationId);
    let position = positions.get(key);
    if (!position) {
      position = { sku, locationId, onHand: 0, reserved: 0, inbound: 0, backordered: 0 };
      positions.set(key, position);
    }
    return position;
  };
  for (const row of rows) {
    const position = at(row.sku, row.locationId);
    position.onHand += row.onHand;
    position.reserved += row.reserved;
    position.inbound += row.inbound;
  }
  for (const draft of drafts.purchases) at(draft.sku, draft.locationId).inbound += draft.quantity;
  for (const draft of drafts.transfers) {
    at(draft.sku, draft.fromId).reserved += draft.quantity;
    at(draft.sku, draft.toId).inbound += draft.quantity;
  }
  return [...positions.values()];
}
