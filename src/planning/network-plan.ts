/**
 * A plan for the whole network: the stock policy of every SKU at every location that sells it or
 * supplies one that does, for each period ahead, and the replenishment it calls for today. Stores are
 * planned on their forecast; a DC on what its stores will draw from it plus its own online orders.
 * Where safety stock sits is chosen per SKU over the tree of locations (`multi_echelon`, the
 * guaranteed-service model), or each location covers its own lead time (`per_location`).
 */
import { correlatedSum, normalQuantile } from '../probability/index.js';
import { echelonDemand } from './echelon-demand.js';
import type { DailyDemand } from './echelon-demand.js';
import { placeSafetyStock } from './gsm.js';
import type { GsmStage } from './gsm.js';
import { supplierLeadTime } from './lead-time.js';
import type { LeadTime } from './lead-time.js';
import { suggestReplenishment, supplierScore } from './replenishment.js';
import type { ItemPolicy, ReplenishmentItem, StockPosition, SupplyOption } from './replenishment.js';
import { classifyProducts, DEFAULT_SERVICE, serviceTarget } from './service-target.js';
import type { ClassifiedProduct, ProductClass, ServiceSettings } from './service-target.js';
import { orderLot, stockPolicy } from './stock-policy.js';

export const PLACEMENTS = ['multi_echelon', 'per_location'] as const;
export type Placement = (typeof PLACEMENTS)[number];

export interface PlanSettings {
  /** Holding cost a year as a share of unit cost. */
  holdingRate: number;
  /** Cost of one purchase-order or transfer line; null: lots are one review period's demand. */
  orderingCost: number | null;
  /** A lot covers at most this many days of demand. */
  maxCoverDays: number;
  /** Days between reviews: at distribution centres and warehouses, and at stores. */
  reviewDays: { distributionCentre: number; store: number };
  service: ServiceSettings;
  placement: Placement;
  /** Each dated policy row holds this many days; a plan sets rows over its forecast's horizon. */
  periodDays: number;
}

export const DEFAULT_PLAN_SETTINGS: PlanSettings = {
  holdingRate: 0.25,
  orderingCost: null,
  maxCoverDays: 28,
  reviewDays: { distributionCentre: 7, store: 7 },
  service: DEFAULT_SERVICE,
  placement: 'multi_echelon',
  periodDays: 7,
};

export interface NetworkLocation {
  id: string;
  kind: 'distribution_centre' | 'warehouse' | 'store';
  parentId: string | null;
  status: 'active' | 'disrupted' | 'closed';
}

export interface NetworkProduct {
  sku: string;
  unitCost: number;
  price: number;
}

/** A SKU's forecast at a location: daily means and the spread of their errors. */
export interface ForecastedDemand {
  sku: string;
  locationId: string;
  mean: readonly number[];
  spread: { sigmas: readonly number[]; errorCorrelation: number };
}

/** What a supplier offers for a SKU: price, pack, minimum, stated lead time and what its receipts showed. */
export interface SupplierOffer {
  sku: string;
  supplierId: string;
  unitCost: number;
  stated: { mean: number; sd: number };
  observed: { receipts: number; mean: number; sd: number } | null;
  packSize: number;
  minOrderQuantity: number;
  fillRate: number | null;
}

export interface NetworkInput {
  locations: readonly NetworkLocation[];
  products: readonly NetworkProduct[];
  demand: readonly ForecastedDemand[];
  stock: readonly (StockPosition & { sku: string; locationId: string })[];
  offers: readonly SupplierOffer[];
  /** Transfer times measured per lane; a lane without any takes `defaultTransfer`. */
  lanes: readonly { fromId: string; toId: string; leadTime: LeadTime }[];
  defaultTransfer: { mean: number; sd: number };
}

/** A policy row: what a SKU holds at a location from `offsetDays` after the plan's first day, for `days` days. */
export interface PlannedPolicy extends ItemPolicy {
  sku: string;
  locationId: string;
  offsetDays: number;
  days: number;
  productClass: ProductClass;
  reviewDays: number;
  source: { kind: 'supplier' | 'parent' | 'none'; id: string | null };
  /** The days this location promises its children under multi-echelon placement; null for stores. */
  serviceTime: number | null;
}

export interface NetworkPlan {
  policies: PlannedPolicy[];
  classes: Map<string, ClassifiedProduct>;
  replenishment: ReturnType<typeof suggestReplenishment>;
  /** SKU × location pairs planned. */
  pairs: number;
}

const key = (sku: string, locationId: string) => `${sku}\u0000${locationId}`;

/**
 * Plans the network: classes products, sets each pair's policy per period, places safety stock, and
 * suggests today's replenishment. `horizon` is how many forecast days the policies cover.
 *
 * @example
 * const plan = planNetwork(input, DEFAULT_PLAN_SETTINGS, 28);
 * plan.policies.filter((p) => p.offsetDays === 0); // today's policy of every pair
 * plan.replenishment.suggestions; // purchase orders and transfers to make now
 */
export function planNetwork(
  input: NetworkInput,
  settings: PlanSettings,
  horizon: number,
  progress?: (done: number, total: number) => void,
): NetworkPlan {
  const locations = new Map(input.locations.filter((l) => l.status !== 'closed').map((l) => [l.id, l]));
  const products = new Map(input.products.map((p) => [p.sku, p]));
  const demand = new Map<string, ForecastedDemand>();
  for (const d of input.demand)
    if (locations.has(d.locationId) && products.has(d.sku)) demand.set(key(d.sku, d.locationId), d);
  const stock = new Map(input.stock.map((s) => [key(s.sku, s.locationId), s]));
  const lanes = new Map(input.lanes.map((l) => [`${l.fromId}\u0000${l.toId}`, l.leadTime]));
  const offers = new Map<string, SupplyOption[]>();
  for (const offer of input.offers) {
    const options = offers.get(offer.sku) ?? [];
    options.push({
      supplierId: offer.supplierId,
      unitCost: offer.unitCost,
      leadTime: supplierLeadTime(offer.stated, offer.observed),
      packSize: offer.packSize,
      minOrderQuantity: offer.minOrderQuantity,
      fillRate: offer.fillRate,
    });
    offers.set(offer.sku, options);
  }
  const periods = Math.max(1, Math.floor(horizon / Math.max(1, settings.periodDays)));
  const parentOf = (id: string) => {
    const parent = locations.get(id)?.parentId;
    return parent && locations.has(parent) && parent !== id ? parent : null;
  };

  // The locations each SKU is planned at: where it is forecast, and every location up the tree from there.
  const skuLocations = new Map<string, Set<string>>();
  for (const d of demand.values()) {
    const at = skuLocations.get(d.sku) ?? new Set<string>();
    for (let id: string | null = d.locationId; id !== null && !at.has(id); id = parentOf(id)) at.add(id);
    skuLocations.set(d.sku, at);
  }

  const classes = classifyProducts(
    [...products.values()].map((p) => {
      let mean = 0;
      let variance = 0;
      for (const id of skuLocations.get(p.sku) ?? []) {
        const d = demand.get(key(p.sku, id));
        if (!d) continue;
        const days = Math.min(d.mean.length, periods * settings.periodDays);
        mean += days === 0 ? 0 : d.mean.slice(0, days).reduce((a, b) => a + b, 0) / days;
        variance += (d.spread.sigmas[0] ?? 0) ** 2;
      }
      return { sku: p.sku, dailyMean: mean, dailySd: Math.sqrt(variance), unitCost: p.unitCost };
    }),
  );

  const policies: PlannedPolicy[] = [];
  const items: ReplenishmentItem[] = [];
  let done = 0;
  for (const [sku, at] of skuLocations) {
    const product = products.get(sku)!;
    const cls = classes.get(sku)!;
    const productClass: ProductClass = `${cls.abc}${cls.xyz}`;
    const options = offers.get(sku) ?? [];
    const margin = Math.max(0, product.price - product.unitCost);
    const bestOffer = [...options].sort(
      (a, b) => supplierScore(a, margin, settings.holdingRate) - supplierScore(b, margin, settings.holdingRate),
    )[0];
    const depth = (id: string) => {
      let d = 0;
      for (let p = parentOf(id); p !== null && at.has(p) && d < at.size; p = parentOf(p)) d += 1;
      return d;
    };
    const ordered = [...at].sort((a, b) => depth(b) - depth(a) || (a < b ? -1 : 1));
    const childrenOf = new Map<string, string[]>();
    for (const id of ordered) {
      const parent = parentOf(id);
      if (parent !== null && at.has(parent)) childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), id]);
    }
    const seriesAt = new Map(ordered.map((id) => [id, demand.get(key(sku, id))]));
    const isStore = (id: string) => locations.get(id)!.kind === 'store';
    const reviewOf = (id: string) => (isStore(id) ? settings.reviewDays.store : settings.reviewDays.distributionCentre);
    // Where each location is replenished from, and how long that takes, asked for every period: once each.
    const sources = new Map<string, PlannedPolicy['source']>();
    const sourceOf = (id: string): PlannedPolicy['source'] => {
      let source = sources.get(id);
      if (source === undefined) {
        const parent = parentOf(id);
        source =
          parent !== null && at.has(parent)
            ? { kind: 'parent', id: parent }
            : bestOffer
              ? { kind: 'supplier', id: bestOffer.supplierId }
              : { kind: 'none', id: null };
        sources.set(id, source);
      }
      return source;
    };
    const leadTimes = new Map<string, LeadTime>();
    /** How long replenishment takes from the location's source: its lane from the parent, or the supplier. */
    const ownLeadTime = (id: string): LeadTime => {
      let lead = leadTimes.get(id);
      if (lead === undefined) {
        const source = sourceOf(id);
        lead =
          source.kind === 'parent'
            ? (lanes.get(`${source.id}\u0000${id}`) ?? { ...input.defaultTransfer, basis: 'stated', observations: 0 })
            : (bestOffer?.leadTime ?? { mean: 0, sd: 0, basis: 'stated', observations: 0 });
        leadTimes.set(id, lead);
      }
      return lead;
    };

    /** The policies of every location for one period, given what each parent promises its children. */
    const planPeriod = (offset: number, promised: ReadonlyMap<string, number>) => {
      const result = new Map<string, ItemPolicy>();
      for (const id of ordered) {
        const source = sourceOf(id);
        const base = ownLeadTime(id);
        const promise = promised.get(id) ?? 0;
        const waited = source.kind === 'parent' ? (promised.get(source.id!) ?? 0) : 0;
        // A parent that promises its children some days covers that much less of its lead time and
        // review, and its children wait that much more.
        // The share of the parent's lead time it passes on brings the same share of its spread.
        const parentLead = waited > 0 && source.kind === 'parent' ? ownLeadTime(source.id!) : null;
        const passedOn = parentLead
          ? (waited / (parentLead.mean + Math.max(1, reviewOf(source.id!)))) * parentLead.sd
          : 0;
        const leadTime: LeadTime = { ...base, mean: base.mean + waited, sd: Math.sqrt(base.sd ** 2 + passedOn ** 2) };
        const reviewDays = reviewOf(id);
        const days = Math.max(1, Math.ceil(leadTime.mean + Math.max(1, reviewDays) - promise));
        const own = dailyOver(seriesAt.get(id), offset, days);
        const children = (childrenOf.get(id) ?? []).map((c) => ({
          ...result.get(c)!.demand,
          lotSize: result.get(c)!.lotSize,
        }));
        const daily = children.length === 0 ? own : echelonDemand(children, own, days);
        const terms = source.kind === 'supplier' && bestOffer ? bestOffer : { packSize: 1, minOrderQuantity: 1 };
        const common = {
          demand: daily,
          leadTime,
          reviewDays,
          unitCost: product.unitCost,
          holdingRate: settings.holdingRate,
          orderingCost: settings.orderingCost,
          packSize: terms.packSize,
          minOrderQuantity: terms.minOrderQuantity,
          maxCoverDays: settings.maxCoverDays,
          promisedDays: promise,
        };
        // The lot does not depend on the target; the target (where set by cost) depends on the lot.
        const lot = orderLot(common).lotSize;
        // A parent with no customers of its own loses no margin when it runs short: its children sell
        // from their own shelves and safety stock meanwhile, and only wait longer. Priced so, the cost
        // balance holds it at the floor.
        const ownCustomers = children.length === 0 || seriesAt.get(id) !== undefined;
        const target = serviceTarget(settings.service, cls, {
          unitMargin: ownCustomers ? margin : 0,
          holdingPerYear: product.unitCost * settings.holdingRate,
          annualDemand: daily.perDay * 365,
          lotSize: lot,
        });
        const policy = stockPolicy({ ...common, service: target });
        // The policy is fresh: adding to it rather than copying it spares a copy per pair and period.
        result.set(id, Object.assign(policy, { demand: daily, leadTime, target }));
      }
      return result;
    };

    let promised = new Map<string, number>();
    let first = planPeriod(0, promised);
    if (settings.placement === 'multi_echelon' && ordered.some((id) => childrenOf.has(id))) {
      promised = placeFor({
        ordered,
        policies: first,
        childrenOf,
        parentOf: (id) => (at.has(parentOf(id) ?? '') ? parentOf(id) : null),
        leadTimeOf: ownLeadTime,
        reviewOf,
        hasOwnSales: (id) => demand.has(key(sku, id)),
        holdingPerDay: (product.unitCost * settings.holdingRate) / 365,
      });
      if ([...promised.values()].some((s) => s > 0)) {
        // The model folds each stage's lead-time spread into its own σ, so a promise that passes a
        // supplier's late deliveries on to the stores looks free to it; the policies carry that spread
        // where it falls. Placement keeps the promises only where, so priced, they hold less safety
        // stock than each location covering its own lead time (holding is per unit of one SKU: units).
        const placed = planPeriod(0, promised);
        const held = (plan: ReadonlyMap<string, ItemPolicy>) =>
          [...plan.values()].reduce((sum, p) => sum + Math.max(0, p.safetyStock), 0);
        if (held(placed) < held(first)) first = placed;
        else promised = new Map();
      }
    }
    for (let p = 0; p < periods; p++) {
      const offset = p * settings.periodDays;
      const period = p === 0 ? first : planPeriod(offset, promised);
      for (const id of ordered) {
        const policy = period.get(id)!;
        policies.push(
          Object.assign(policy, {
            sku,
            locationId: id,
            offsetDays: offset,
            days: settings.periodDays,
            productClass,
            reviewDays: reviewOf(id),
            source: sourceOf(id),
            serviceTime: childrenOf.has(id) ? (promised.get(id) ?? 0) : null,
          }),
        );
        if (p > 0) continue;
        const ownDemand = demand.get(key(sku, id));
        items.push({
          sku,
          locationId: id,
          parentId: sourceOf(id).kind === 'parent' ? sourceOf(id).id : null,
          policy,
          position: stock.get(key(sku, id)) ?? { onHand: 0, reserved: 0, inbound: 0, backordered: 0 },
          // A parent keeps what its own online orders need until it is replenished.
          keep:
            childrenOf.has(id) && ownDemand
              ? stockPolicy({
                  demand: dailyOver(ownDemand, 0, policy.protectionDays),
                  leadTime: policy.leadTime,
                  reviewDays: reviewOf(id),
                  service: policy.target,
                  unitCost: product.unitCost,
                  holdingRate: settings.holdingRate,
                  orderingCost: null,
                  packSize: 1,
                  minOrderQuantity: 1,
                  maxCoverDays: settings.maxCoverDays,
                }).reorderPoint
              : 0,
          canShip: locations.get(id)!.status === 'active',
          suppliers: options,
          unitCost: product.unitCost,
          unitMargin: margin,
        });
      }
    }
    done += 1;
    progress?.(done, skuLocations.size);
  }
  return {
    policies,
    classes,
    replenishment: suggestReplenishment(items, { holdingRate: settings.holdingRate }),
    pairs: items.length,
  };
}

/** A forecast's demand per day over `days` days from `offset`: its mean, and σ per day of their sum. */
function dailyOver(series: ForecastedDemand | undefined, offset: number, days: number): DailyDemand {
  if (!series || days <= 0) return { perDay: 0, sdPerDay: 0 };
  const from = Math.min(offset, Math.max(0, series.mean.length - 1));
  const sum = correlatedSum(
    series.mean,
    series.spread.sigmas,
    series.spread.errorCorrelation,
    days,
    from,
    Math.min(from, Math.max(0, series.spread.sigmas.length - 1)),
  );
  return { perDay: sum.mean / days, sdPerDay: sum.sd / Math.sqrt(days) };
}

/**
 * The days each parent promises its children, by the guaranteed-service model over the SKU's tree:
 * each location a stage, its processing time its own lead time in whole days, its σ what its policy
 * plans on (a parent's includes its stores' lots), every stage at its own target's safety factor.
 */
function placeFor(tree: {
  /** The SKU's locations, children before parents. */
  ordered: readonly string[];
  policies: ReadonlyMap<string, ItemPolicy>;
  childrenOf: ReadonlyMap<string, string[]>;
  /** The parent that holds the SKU, or null. */
  parentOf: (id: string) => string | null;
  leadTimeOf: (id: string) => LeadTime;
  reviewOf: (id: string) => number;
  hasOwnSales: (id: string) => boolean;
  holdingPerDay: number;
}): Map<string, number> {
  // σ per day of the demand each stage serves, as its policy sees it (its stores' lots included), with the
  // lead time's spread folded in, so that the model's z·σ·√τ stands for the policy's own safety stock.
  const { ordered, policies, childrenOf, parentOf, leadTimeOf, reviewOf, hasOwnSales, holdingPerDay } = tree;
  const served = new Map<string, number>();
  const stages: GsmStage[] = ordered.map((id) => {
    const policy = policies.get(id)!;
    const parent = parentOf(id);
    const children = childrenOf.get(id) ?? [];
    const lead = leadTimeOf(id);
    const replenishment = lead.mean + Math.max(1, reviewOf(id));
    const sd = Math.sqrt(policy.demand.sdPerDay ** 2 + (policy.demand.perDay * lead.sd) ** 2 / replenishment);
    served.set(id, sd);
    const below = children.reduce((sum, c) => sum + served.get(c)! ** 2, 0);
    const ownSales = hasOwnSales(id);
    return {
      id,
      predecessors: parent === null ? [] : [parent],
      processingTime: Math.max(0, Math.round(replenishment)),
      holdingCost: Math.max(holdingPerDay, 1e-9),
      safetyFactor: Math.max(0, normalQuantile(policy.target.level)),
      // The model adds a stage's own σ to its children's: a parent's own is what it sees beyond them.
      demand:
        children.length === 0
          ? { mean: policy.demand.perDay, sd }
          : { mean: 0, sd: Math.sqrt(Math.max(0, sd ** 2 - below)) },
      // Shoppers at a store, or a DC's online customers, are served from the shelf; a parent without them may make its children wait.
      ...(children.length > 0 && !ownSales ? { maxOutboundServiceTime: Math.max(0, Math.round(replenishment)) } : {}),
    };
  });
  const solution = placeSafetyStock(stages);
  return new Map(solution.stages.map((s) => [s.id, s.outboundServiceTime]));
}
