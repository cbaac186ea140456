/**
 * A simulator policy driven by Omnistock's planning: each week, the network as planning sees it (its
 * locations as a tree, its SKUs, the suppliers' terms and lead times, the transfer lanes, and a
 * forecast of the weeks ahead) goes through `planNetwork`, and the policy rows it returns become the
 * simulator's levels from that day on. Optionally, it moves stock between the stores of a DC each week
 * by the rebalancing transport problem.
 *
 * Which forecast: a fair benchmark must not let planning's forecasting skill, or lack of it, decide
 * the outcome, nor hand planning the very draws it is scored on. So planning sees the generator's
 * expected demand over the weeks ahead (seasons and promotions, as the forecasting module with its
 * promotions calendar aims to), each store × SKU off by a level error drawn once per four weeks
 * (lognormal, 20 % by default), and plans on the spread that error and the Poisson counts give
 * together. Means estimated from `state.sold` instead would measure a forecasting method here, and a
 * censored one (sales stop when the shelf is empty), which the forecasting benchmark measures already.
 */
import { DEFAULT_PLAN_SETTINGS, planNetwork, DEFAULT_SERVICE } from '../planning/index.js';
import type {
  ForecastedDemand,
  NetworkInput,
  Placement,
  PlanSettings,
  Rebalancer,
  RebalancingSku,
  ServiceSettings,
} from '../planning/index.js';
import { validationFailed } from '../errors/index.js';
import { seedKey, standardNormal, STREAM } from './draws.js';
import type { SimulationNetwork } from './network.js';
import { createLevelTable, datedLevels } from './policy.js';
import type { DatedLevels, LevelTable, Policy, Rebalance, SimulationState } from './policy.js';
import type { MeanDemand } from './scenario.js';

/** What planning expects at a location (stores, then online DCs, as in a level table) on a day, and how far off it may be. */
export interface DemandForecast {
  /** Expected units a day. */
  mean(day: number, location: number, sku: number): number;
  /** σ of one day's error, demand − forecast. */
  sd(day: number, location: number, sku: number): number;
  /** Correlation of neighbouring days' errors: a level that is off stays off. */
  correlation(day: number, location: number, sku: number): number;
}

export interface ForecastErrorOptions {
  readonly seed: number;
  /** Coefficient of variation of the level error (0.2: a forecast 20 % off, typically); 0 for the truth. */
  readonly errorCv?: number;
  /** Days one level error lasts before the next is drawn. */
  readonly blockDays?: number;
  /** The network's stores: the location index of DC `d` is `stores + d`, for online demand. */
  readonly stores: number;
  /** Expected online units a day at DC `dc`, when DCs sell online. */
  readonly onlineMeanDemand?: MeanDemand;
}

/** The forecast error's defaults: a fifth off, typically, for four weeks at a time. */
export const FORECAST_ERROR = { errorCv: 0.2, blockDays: 28 } as const;

/**
 * A forecast as the generator's expected demand times a lognormal level error (mean 1, CV `errorCv`),
 * drawn per store × SKU and block of `blockDays` days from its own stream of the seed, and the spread it
 * states: √(f + (cv·f)²) a day, a Poisson count's and the level's, with neighbouring days correlated by
 * the level's share of it.
 *
 * @example
 * const forecast = forecastWithError(demo.meanDemand, { seed: 7, stores: demo.stores.length });
 * forecast.mean(10, 0, 3); // demo.meanDemand(10, 0, 3) × about 1 ± 0.2
 */
export function forecastWithError(meanDemand: MeanDemand, options: ForecastErrorOptions): DemandForecast {
  const cv = options.errorCv ?? FORECAST_ERROR.errorCv;
  const block = options.blockDays ?? FORECAST_ERROR.blockDays;
  if (!(cv >= 0 && cv < Infinity)) throw validationFailed([{ path: 'errorCv', message: 'a number ≥ 0' }]);
  if (!Number.isInteger(block) || block < 1)
    throw validationFailed([{ path: 'blockDays', message: 'a whole number ≥ 1' }]);
  const key = seedKey(options.seed);
  const sigma = Math.sqrt(Math.log1p(cv * cv));
  const { stores, onlineMeanDemand } = options;
  const truth = (day: number, location: number, sku: number) =>
    location < stores ? meanDemand(day, location, sku) : (onlineMeanDemand?.(day, location - stores, sku) ?? 0);
  const mean = (day: number, location: number, sku: number) => {
    const expected = truth(day, location, sku);
    if (cv === 0 || !(expected > 0)) return expected;
    const z = standardNormal(key, STREAM.forecast, Math.floor(day / block), location, sku);
    return expected * Math.exp(sigma * z - (sigma * sigma) / 2);
  };
  return {
    mean,
    sd: (day, location, sku) => {
      const f = mean(day, location, sku);
      return Math.sqrt(f + (cv * f) ** 2);
    },
    correlation: (day, location, sku) => {
      const f = mean(day, location, sku);
      return f > 0 ? (cv * f) ** 2 / (f + (cv * f) ** 2) : 0;
    },
  };
}

export interface PlanLevelsOptions {
  readonly forecast: DemandForecast;
  /** Days the levels must cover: the scenario's. */
  readonly days: number;
  readonly placement: Placement;
  readonly service?: ServiceSettings;
  /** Planning's other settings; the holding rate is the network's. */
  readonly settings?: Partial<Omit<PlanSettings, 'placement' | 'service' | 'holdingRate' | 'periodDays'>>;
  /** Days between plans (planning's period): weekly by default. */
  readonly everyDays?: number;
  readonly onProgress?: (plansDone: number, plans: number) => void;
}

/** Average planned safety stock (reorder point − mean demand over the protection period), units and value at cost. */
export interface PlannedStock {
  readonly units: number;
  readonly value: number;
}

export interface PlannedLevels {
  /** Levels from each planning day on, for `datedLevels`. */
  readonly rows: readonly DatedLevels[];
  /** What planning put aside as safety stock, averaged over the days, per echelon. */
  readonly safetyStock: { readonly store: PlannedStock; readonly dc: PlannedStock; readonly total: PlannedStock };
  /** SKU × location pairs planned, on average per plan. */
  readonly pairs: number;
  readonly everyDays: number;
}

/** Days of forecast each plan reads: the longest protection period (a far supplier, a DC's promise and a review) and some. */
const LOOKAHEAD_DAYS = 42;

/**
 * Plans the network every `everyDays` days over `days` with `planNetwork`, on the forecast from that
 * day on, and keeps each plan's policy rows as levels: reorder point and order-up-to level per store ×
 * SKU it carries and DC × SKU its stores carry. The forecast does not depend on how a run goes, so one
 * set of levels serves every run (with and without rebalancing) on it.
 *
 * @example
 * const planned = planLevels(network, { forecast, days: 393, placement: 'multi_echelon' });
 * const policy = plannedPolicy(network, planned, { name: 'omnistock multi-echelon' });
 */
export function planLevels(network: SimulationNetwork, options: PlanLevelsOptions): PlannedLevels {
  const { forecast, days } = options;
  const everyDays = options.everyDays ?? 7;
  if (!Number.isInteger(days) || days < 1) throw validationFailed([{ path: 'days', message: 'a whole number ≥ 1' }]);
  if (!Number.isInteger(everyDays) || everyDays < 1)
    throw validationFailed([{ path: 'everyDays', message: 'a whole number ≥ 1' }]);
  const K = network.skus.length;
  const S = network.stores.length;
  const settings: PlanSettings = {
    ...DEFAULT_PLAN_SETTINGS,
    ...options.settings,
    holdingRate: network.costs.holdingRate,
    placement: options.placement,
    service: options.service ?? DEFAULT_SERVICE,
    periodDays: everyDays,
  };
  const base = networkShape(network);
  const carried = network.stores.map((store) => store.carries ?? Array.from({ length: K }, (_, k) => k));
  const online = network.dcs.flatMap((dc, d) => (dc.online === true ? [d] : []));
  const series = (location: number, sku: number, from: number): ForecastedDemand => {
    const mean: number[] = [];
    const sigmas: number[] = [];
    let correlation = 0;
    for (let i = 0; i < LOOKAHEAD_DAYS; i++) {
      // Past the run's last day the forecast repeats it: levels there matter to no scored day.
      const day = Math.min(from + i, days - 1);
      mean.push(forecast.mean(day, location, sku));
      sigmas.push(forecast.sd(day, location, sku));
      correlation += forecast.correlation(day, location, sku) / LOOKAHEAD_DAYS;
    }
    return {
      sku: String(sku),
      locationId: locationId(network, location),
      mean,
      spread: { sigmas, errorCorrelation: correlation },
    };
  };

  const rows: DatedLevels[] = [];
  const plans = Math.ceil(days / everyDays);
  const stock = { store: { units: 0, value: 0 }, dc: { units: 0, value: 0 } };
  let pairs = 0;
  for (let p = 0; p < plans; p++) {
    const from = p * everyDays;
    const demand: ForecastedDemand[] = [];
    carried.forEach((skus, s) => skus.forEach((k) => demand.push(series(s, k, from))));
    for (const d of online) for (let k = 0; k < K; k++) demand.push(series(S + d, k, from));
    const plan = planNetwork({ ...base, demand }, settings, everyDays);
    const levels = createLevelTable(network);
    const held = Math.min(everyDays, days - from);
    for (const row of plan.policies) {
      if (row.offsetDays !== 0) continue;
      const location = locationIndex(network, row.locationId);
      const sku = Number(row.sku);
      levels.reorderPoint[location * K + sku] = row.reorderPoint;
      levels.orderUpTo[location * K + sku] = row.orderUpTo;
      const at = location < S ? stock.store : stock.dc;
      at.units += row.safetyStock * held;
      at.value += row.safetyStock * network.skus[sku]!.unitCost * held;
    }
    pairs += plan.pairs;
    rows.push({ fromDay: from, levels });
    options.onProgress?.(p + 1, plans);
  }
  const average = (x: PlannedStock): PlannedStock => ({ units: x.units / days, value: x.value / days });
  return {
    rows,
    safetyStock: {
      store: average(stock.store),
      dc: average(stock.dc),
      total: average({ units: stock.store.units + stock.dc.units, value: stock.store.value + stock.dc.value }),
    },
    pairs: pairs / plans,
    everyDays,
  };
}

/** Planning's ids for the simulator's locations: `s<i>` for store i, `d<j>` for DC j. */
const locationId = (network: SimulationNetwork, location: number) =>
  location < network.stores.length ? `s${location}` : `d${location - network.stores.length}`;
const locationIndex = (network: SimulationNetwork, id: string) =>
  id.startsWith('s') ? Number(id.slice(1)) : network.stores.length + Number(id.slice(1));

/**
 * The network as planning reads it, less the demand: DCs buy from the SKU's supplier (in its packs, at
 * least its minimum, with the lead time DC 0 states for it: planning takes one offer per SKU), stores
 * from their DC over their lane. Stock positions are left out: the levels do not depend on them.
 */
function networkShape(network: SimulationNetwork): Omit<NetworkInput, 'demand'> {
  const dc0 = network.dcs[0]!.supplierLeadTime;
  const leadTimeOf = (k: number) => (Array.isArray(dc0) ? dc0[k]! : (dc0 as { mean: number; sd: number }));
  return {
    locations: [
      ...network.stores.map((store, s) => ({
        id: locationId(network, s),
        kind: 'store' as const,
        parentId: `d${store.dc}`,
        status: 'active' as const,
      })),
      ...network.dcs.map((_, d) => ({
        id: `d${d}`,
        kind: 'distribution_centre' as const,
        parentId: null,
        status: 'active' as const,
      })),
    ],
    products: network.skus.map((sku, k) => ({ sku: String(k), unitCost: sku.unitCost, price: sku.price })),
    stock: [],
    offers: network.skus.map((sku, k) => ({
      sku: String(k),
      supplierId: 'supplier',
      unitCost: sku.unitCost,
      stated: leadTimeOf(k),
      observed: null,
      packSize: sku.packSize,
      minOrderQuantity: sku.minOrderQuantity,
      fillRate: null,
    })),
    lanes: network.stores.map((store, s) => ({
      fromId: `d${store.dc}`,
      toId: locationId(network, s),
      leadTime: { ...store.transferLeadTime, basis: 'transfers' as const, observations: 0 },
    })),
    defaultTransfer: { mean: 1, sd: 0 },
  };
}

export interface RebalanceOptions {
  /** A loaded solver: `await loadRebalancer()`. */
  readonly solve: Rebalancer;
  readonly forecast: DemandForecast;
  /** Rebalance on days `phase`, `phase + every` …: mid-week by default, when a week's imbalances show and still matter. */
  readonly every?: number;
  readonly phase?: number;
}

export interface PlannedPolicyOptions {
  readonly name: string;
  /** Moves between the stores of each DC, weekly; none when absent. */
  readonly rebalance?: RebalanceOptions;
}

/**
 * The simulator policy of planned levels: each plan's rows from its day on, every location reviewed on
 * planning's review period (weekly, all on day 0 of the week, as the static min/max it is compared
 * with), and with `rebalance` a weekly transport problem per DC and SKU between its stores.
 *
 * @example
 * const solve = await loadRebalancer();
 * const policy = plannedPolicy(network, planned, { name: 'omnistock + rebalancing', rebalance: { solve, forecast } });
 * simulate(network, policy, scenario, { warmUpDays: 28 });
 */
export function plannedPolicy(
  network: SimulationNetwork,
  planned: PlannedLevels,
  options: PlannedPolicyOptions,
): Policy {
  const every = planned.everyDays;
  const dated = datedLevels(planned.rows);
  const working = createLevelTable(network);
  let current = dated.levels;
  const policy: Policy = {
    name: options.name,
    levels: dated.levels,
    review: { every },
    refresh(day, state) {
      // A run starts from day 0's plan, whatever an earlier run on this policy reached.
      current = day === 0 ? dated.levels : (dated.refresh?.(day, state) ?? current);
      if (day % every !== 0) return undefined;
      working.reorderPoint.set(current.reorderPoint);
      working.orderUpTo.set(current.orderUpTo);
      owedToStores(network, working, state);
      return working;
    },
  };
  const rebalance = options.rebalance;
  if (rebalance === undefined) return policy;
  return { ...policy, rebalance: storeRebalancing(network, rebalance, every) };
}

/**
 * Raises each DC's levels by what its stores will order today and it cannot ship. Why: planning counts
 * a location's backorders in its inventory position (on hand + inbound − reserved − backorders), and a
 * DC that promises its stores a service time under multi-echelon placement holds no stock for what
 * they wait for: it must order it. The simulator's DC forgets a store order it cannot ship (the store
 * orders again at its next review), so its position would never show what is owed, and a DC planned
 * to pass demand on would order one lot whenever it ran dry. Lowering the position by the unshipped
 * orders and raising s and S by them is the same decision.
 */
function owedToStores(network: SimulationNetwork, levels: LevelTable, state: SimulationState): void {
  const K = network.skus.length;
  const S = network.stores.length;
  const needed = new Float64Array(network.dcs.length * K);
  network.stores.forEach((store, s) => {
    const multiple = network.skus.map((sku) => sku.storePackSize ?? 1);
    for (const k of store.carries ?? Array.from({ length: K }, (_, i) => i)) {
      const cell = s * K + k;
      const position = state.position(s, k);
      if (position > levels.reorderPoint[cell]!) continue;
      const need = levels.orderUpTo[cell]! - position;
      if (need > 0) needed[store.dc * K + k]! += multiple[k]! * Math.ceil(need / multiple[k]! - 1e-9);
    }
  });
  for (let d = 0; d < network.dcs.length; d++)
    for (let k = 0; k < K; k++) {
      const cell = (S + d) * K + k;
      const owed = Math.max(0, needed[d * K + k]! - state.onHand[cell]!);
      levels.reorderPoint[cell]! += owed;
      levels.orderUpTo[cell]! += owed;
    }
}

/**
 * Weekly moves between the stores of one DC: per SKU, every store that carries it is a site with its
 * stock (on hand and arriving; only what is on hand can leave) and its forecast demand until its next
 * replenishment arrives (the next review, plus its lane's lead time), and the transport problem
 * weighs the margin of sales saved and the holding of units left over against the move's cost.
 */
function storeRebalancing(
  network: SimulationNetwork,
  options: RebalanceOptions,
  reviewEvery: number,
): (day: number, state: SimulationState) => readonly Rebalance[] {
  const every = options.every ?? reviewEvery;
  const phase = options.phase ?? Math.floor(reviewEvery / 2);
  const K = network.skus.length;
  const { forecast, solve } = options;
  const carriers: number[][][] = network.dcs.map(() => Array.from({ length: K }, () => []));
  network.stores.forEach((store, s) => {
    for (const k of store.carries ?? Array.from({ length: K }, (_, i) => i)) carriers[store.dc]![k]!.push(s);
  });
  const costs = network.costs;
  return (day, state) => {
    if (day < phase || (day - phase) % every !== 0) return [];
    // Demand days from tomorrow up to the day before the next replenishment lands.
    const nextReview = Math.ceil((day + 1) / reviewEvery) * reviewEvery;
    const moves: Rebalance[] = [];
    carriers.forEach((bySku) => {
      const skus: RebalancingSku[] = [];
      bySku.forEach((stores, k) => {
        if (stores.length < 2) return;
        const onHand = stores.map((s) => state.onHand[s * K + k]!);
        if (onHand.every((units) => units === 0)) return;
        const sku = network.skus[k]!;
        let longest = 0;
        const sites = stores.map((s, i) => {
          const until = nextReview + Math.round(network.stores[s]!.transferLeadTime.mean);
          longest = Math.max(longest, until - day - 1);
          let mean = 0;
          let variance = 0;
          for (let d = day + 1; d < until; d++) {
            mean += forecast.mean(d, s, k);
            variance += forecast.sd(d, s, k) ** 2;
          }
          const inbound = Math.max(0, Math.round(state.inbound[s * K + k]! - state.backorders[s * K + k]!));
          return {
            location: String(s),
            stock: onHand[i]! + inbound,
            minimumKeep: inbound,
            demand: { mean, sd: Math.sqrt(variance) },
          };
        });
        skus.push({
          sku: String(k),
          unitMargin: Math.max(0, sku.price - sku.unitCost),
          holdingCostPerUnit: (sku.unitCost * costs.holdingRate * Math.max(1, longest)) / 365,
          sites,
        });
      });
      if (skus.length === 0) return;
      const plan = solve({ skus, unitTransferCost: () => costs.rebalancePerUnit });
      for (const t of plan.transfers)
        moves.push({ from: Number(t.from), to: Number(t.to), sku: Number(t.sku), quantity: t.quantity });
    });
    return moves;
  };
}
