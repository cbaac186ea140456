/**
 * The peers' policy, as a baseline every planned policy must beat: a static min/max per location, min
 * two weeks and max four weeks of average daily demand, a DC's over its stores' summed demand and its
 * own online sales.
 */
import { validationFailed } from '../errors/index.js';
import { createLevelTable } from './policy.js';
import type { LevelTable, Policy, ReviewSchedule } from './policy.js';
import type { SimulationNetwork } from './network.js';

/** The peers' rule: min two weeks, max four weeks of demand, reviewed weekly. */
export const MIN_MAX_DEFAULTS = { minDays: 14, maxDays: 28, review: { every: 7 } } as const;

/** Average daily units of a SKU at a store (store index) or sold online by a DC (DC index). */
export type AverageDemand = (location: number, sku: number) => number;

export interface StaticMinMaxOptions {
  /** Average daily demand per store × SKU: a given rate, or the mean of past sales. */
  readonly storeDemand: AverageDemand;
  /** Average daily online sales per DC × SKU; none when absent. */
  readonly onlineDemand?: AverageDemand;
  readonly minDays?: number;
  readonly maxDays?: number;
  readonly review?: ReviewSchedule | readonly ReviewSchedule[];
  /**
   * Reset the levels as peers do, from the simulated sales: every `every` days, to the mean daily sales
   * over the last `overDays` days (fewer at the start of a run). Static between resets.
   */
  readonly fromSales?: { readonly every: number; readonly overDays: number };
  readonly name?: string;
}

/**
 * The static min/max policy from plain inputs: at each location, reorder point = `minDays` and
 * order-up-to = `maxDays` of average daily demand; a DC's average is the sum of its stores' (for the SKUs
 * they carry) and its own online sales. Why: it is what peers run, so the benchmark's yardstick.
 *
 * @example
 * const peers = staticMinMax(network, { storeDemand: (store, sku) => rates[store]![sku]! });
 * peers.levels.orderUpTo[store * network.skus.length + sku]; // 28 × rates[store][sku]
 */
export function staticMinMax(network: SimulationNetwork, options: StaticMinMaxOptions): Policy {
  const minDays = options.minDays ?? MIN_MAX_DEFAULTS.minDays;
  const maxDays = options.maxDays ?? MIN_MAX_DEFAULTS.maxDays;
  if (!(minDays >= 0 && maxDays >= minDays && maxDays < Infinity))
    throw validationFailed([{ path: 'minDays', message: 'minDays ≥ 0 and maxDays ≥ minDays, finite' }]);
  const fill = (table: LevelTable, store: AverageDemand, online: AverageDemand) =>
    fillMinMax(network, table, { store, online, minDays, maxDays });
  const levels = createLevelTable(network);
  fill(levels, options.storeDemand, options.onlineDemand ?? (() => 0));
  const policy = { name: options.name ?? 'static min/max', levels, review: options.review ?? MIN_MAX_DEFAULTS.review };
  const fromSales = options.fromSales;
  if (fromSales === undefined) return policy;
  const { every, overDays } = fromSales;
  if (!Number.isInteger(every) || every < 1 || !Number.isInteger(overDays) || overDays < 1)
    throw validationFailed([{ path: 'fromSales', message: 'every and overDays whole numbers ≥ 1' }]);
  // Refilled at each reset; `levels` stays as given, so the policy plays the same in every run.
  const reset = createLevelTable(network);
  const stores = network.stores.length;
  return {
    ...policy,
    historyDays: overDays,
    refresh(day, state) {
      if (day === 0 || day % every !== 0) return undefined;
      const days = Math.min(overDays, day + 1);
      fill(
        reset,
        (store, sku) => state.sold(store, sku, days) / days,
        (dc, sku) => state.sold(stores + dc, sku, days) / days,
      );
      return reset;
    },
  };
}

/** Fills `table` with min/max levels from average daily demand at stores and online. */
function fillMinMax(
  network: SimulationNetwork,
  table: LevelTable,
  rule: { store: AverageDemand; online: AverageDemand; minDays: number; maxDays: number },
): void {
  const K = network.skus.length;
  const S = network.stores.length;
  const dcAverage = new Float64Array(network.dcs.length * K);
  table.reorderPoint.fill(0);
  table.orderUpTo.fill(0);
  const set = (cell: number, average: number) => {
    table.reorderPoint[cell] = rule.minDays * average;
    table.orderUpTo[cell] = rule.maxDays * average;
  };
  network.stores.forEach((store, s) => {
    for (const sku of store.carries ?? Array.from({ length: K }, (_, k) => k)) {
      const average = rule.store(s, sku);
      set(s * K + sku, average);
      dcAverage[store.dc * K + sku]! += average;
    }
  });
  network.dcs.forEach((dc, d) => {
    for (let sku = 0; sku < K; sku++) {
      const average = dcAverage[d * K + sku]! + (dc.online === true ? rule.online(d, sku) : 0);
      set((S + d) * K + sku, average);
    }
  });
}
