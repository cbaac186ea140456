/**
 * The benchmark the issue asks for, as plain logic: every policy played on one scenario (the same
 * customers, the same lead-time draws), scored, and the ratios its goals name. Policies: the peers'
 * static min/max, Omnistock per location and multi-echelon at its cost-optimal service, each with and
 * without weekly rebalancing, a textbook 95 % cycle service per location and the same targets placed
 * multi-echelon, and Omnistock multi-echelon at the lowest service that still reaches min/max's fill
 * rate (found by bisection).
 */
import { DEFAULT_SERVICE, loadRebalancer } from '../planning/index.js';
import type { Placement, ServiceSettings } from '../planning/index.js';
import { staticMinMax } from './min-max.js';
import type { SimulationNetwork } from './network.js';
import { forecastWithError, planLevels, plannedPolicy } from './planned-policy.js';
import type { DemandForecast, PlannedLevels } from './planned-policy.js';
import type { Policy } from './policy.js';
import { createScenario } from './scenario.js';
import type { MeanDemand } from './scenario.js';
import type { SimulationScores } from './scores.js';
import { simulate } from './simulate.js';

export interface CompareOptions {
  readonly network: SimulationNetwork;
  /** Expected units a day per store × SKU: the scenario's generator, and what the forecast is read from. */
  readonly meanDemand: MeanDemand;
  /** The mean daily demand per store × SKU a planner would type into min/max; the mean of `meanDemand` over the days when absent. */
  readonly averageDemand?: (store: number, sku: number) => number;
  readonly days: number;
  readonly warmUpDays: number;
  readonly seed: number;
  readonly unmet?: 'lost' | 'backorder';
  /** The forecast's level error (see `forecastWithError`). */
  readonly errorCv?: number;
  /** Bisection steps for the service that matches min/max's fill rate; 0 skips the search. */
  readonly matchSteps?: number;
  /** Called as each stage goes: its label, and how far along it is. */
  readonly onProgress?: (stage: string, done: number, total: number) => void;
}

export interface PolicyScore {
  readonly policy: string;
  readonly placement: Placement | null;
  /** What the service was set by: `cost`, a class target such as `95 %`, or null for min/max. */
  readonly service: string | null;
  readonly rebalancing: boolean;
  readonly scores: SimulationScores;
  /** What planning put aside as safety stock, on average; null for min/max. */
  readonly safetyStock: PlannedLevels['safetyStock'] | null;
}

export interface Comparison {
  readonly days: number;
  readonly policies: readonly PolicyScore[];
  readonly ratios: {
    /**
     * The Omnistock policy with the least average inventory value among those at or above min/max's
     * fill rate, and its inventory ÷ min/max's (the goal: at most 0.65); null if none reached it.
     */
    readonly inventoryAtMinMaxFill: {
      readonly policy: string;
      readonly fillRate: number;
      readonly minMaxFillRate: number;
      readonly ratio: number;
    } | null;
    /** Holding + ordering + transport + lost margin of Omnistock at its cost-optimal setting ÷ min/max's, per placement. */
    readonly totalCostVsMinMax: { readonly perLocation: number; readonly multiEchelon: number };
    /** The same ÷ the textbook 95 % per-location policy's. */
    readonly totalCostVsTextbook: { readonly perLocation: number; readonly multiEchelon: number };
    /**
     * Multi-echelon's planned safety stock value ÷ per-location's at the same targets (95 % cycle service
     * everywhere: where service is set by cost, a DC without customers sits at the floor and there is
     * little left to place), and their fill rates.
     */
    readonly safetyStockMultiVsPerLocation: {
      readonly ratio: number;
      readonly multiEchelonFillRate: number;
      readonly perLocationFillRate: number;
    };
    /** Per placement: lost (or backordered) units and inventory value with rebalancing ÷ without. */
    readonly rebalancing: readonly {
      readonly placement: Placement;
      readonly unservedRatio: number;
      readonly inventoryRatio: number;
    }[];
  };
}

const NAMES = {
  minMax: 'static min/max',
  perLocation: 'omnistock per-location',
  multiEchelon: 'omnistock multi-echelon',
  textbook: 'textbook 95 % per-location',
  textbookMulti: 'omnistock multi-echelon at 95 %',
  rebalanced: ' + rebalancing',
} as const;

/** The service the bisection starts from: no safety stock at all, and the cost-optimal ceiling. */
const MATCH_RANGE = { low: 0.5, high: DEFAULT_SERVICE.ceiling } as const;

/**
 * Runs every policy on one scenario and scores them. Async only because the rebalancing solver loads
 * asynchronously; every run is synchronous once it has.
 *
 * @example
 * const demo = simulatedDemo(SMALL_SIMULATION);
 * const result = await comparePolicies({ network: demo.network, meanDemand: demo.meanDemand, days: demo.days, warmUpDays: 28, seed: 7 });
 * result.ratios.totalCostVsMinMax.multiEchelon; // 0.93: 7 % below the peers' rule
 */
export async function comparePolicies(options: CompareOptions): Promise<Comparison> {
  const { network, meanDemand, days, warmUpDays, seed } = options;
  const progress = options.onProgress ?? (() => undefined);
  const solve = await loadRebalancer();
  const scenario = createScenario(network, {
    seed,
    days,
    meanDemand,
    onProgress: (done, total) => progress('drawing demand', done, total),
  });
  const forecast: DemandForecast = forecastWithError(meanDemand, {
    seed,
    stores: network.stores.length,
    ...(options.errorCv === undefined ? {} : { errorCv: options.errorCv }),
  });
  const run = (policy: Policy) =>
    simulate(network, policy, scenario, {
      warmUpDays,
      ...(options.unmet ? { unmet: options.unmet } : {}),
      onProgress: (done, total) => progress(`simulating ${policy.name}`, done, total),
    });
  const plan = (label: string, placement: Placement, service: ServiceSettings) =>
    planLevels(network, {
      forecast,
      days,
      placement,
      service,
      onProgress: (done, total) => progress(`planning ${label}`, done, total),
    });
  const planned = (
    name: string,
    levels: PlannedLevels,
    placement: Placement,
    service: string,
    rebalancing: boolean,
  ): PolicyScore => ({
    policy: name,
    placement,
    service,
    rebalancing,
    scores: run(plannedPolicy(network, levels, { name, ...(rebalancing ? { rebalance: { solve, forecast } } : {}) })),
    safetyStock: levels.safetyStock,
  });

  const average = options.averageDemand ?? averageOver(meanDemand, days);
  const minMax: PolicyScore = {
    policy: NAMES.minMax,
    placement: null,
    service: null,
    rebalancing: false,
    scores: run(staticMinMax(network, { storeDemand: average })),
    safetyStock: null,
  };
  const policies: PolicyScore[] = [minMax];
  const costOptimal: Partial<Record<Placement, PolicyScore>> = {};
  const rebalanced: Partial<Record<Placement, PolicyScore>> = {};
  for (const [placement, name] of [
    ['per_location', NAMES.perLocation],
    ['multi_echelon', NAMES.multiEchelon],
  ] as const) {
    const levels = plan(name, placement, DEFAULT_SERVICE);
    costOptimal[placement] = planned(name, levels, placement, 'cost', false);
    rebalanced[placement] = planned(name + NAMES.rebalanced, levels, placement, 'cost', true);
    policies.push(costOptimal[placement], rebalanced[placement]);
  }
  /** Omnistock planned at one cycle-service target for every class, without rebalancing. */
  const atTarget = (name: string, placement: Placement, level: number) =>
    planned(name, plan(name, placement, classService(level)), placement, percent(level), false);
  const textbook = atTarget(NAMES.textbook, 'per_location', 0.95);
  const textbookMulti = atTarget(NAMES.textbookMulti, 'multi_echelon', 0.95);
  policies.push(textbook, textbookMulti);

  const target = minMax.scores.fillRate;
  const steps = options.matchSteps ?? 5;
  if (steps > 0) {
    // The lowest class target at which multi-echelon still serves as many as min/max (fill rate grows
    // with the target): whether the cost-optimal setting serves more or fewer, this is the like-for-like.
    let low: number = MATCH_RANGE.low;
    let high: number = MATCH_RANGE.high;
    let best: PolicyScore | null = null;
    for (let step = 0; step < steps; step++) {
      const level = step === 0 ? low : (low + high) / 2;
      const tried = atTarget(`${NAMES.multiEchelon} at ${percent(level)}`, 'multi_echelon', level);
      if (tried.scores.fillRate >= target) {
        best = tried;
        high = level;
        if (step === 0) break;
      } else low = level;
    }
    if (best) policies.push(best);
  }

  const omnistock = policies.filter((p) => p.placement !== null && p.policy !== NAMES.textbook);
  const reaching = omnistock
    .filter((p) => p.scores.fillRate >= target)
    .sort((a, b) => a.scores.inventory.total.value - b.scores.inventory.total.value)[0];
  const total = (p: PolicyScore) => p.scores.costs.total;
  const unserved = (s: SimulationScores) => (options.unmet === 'backorder' ? s.backorderedUnits : s.lostUnits);
  const ratio = (a: number, b: number) => (b === 0 ? (a === 0 ? 1 : Infinity) : a / b);
  const perLocation = costOptimal.per_location!;
  const multiEchelon = costOptimal.multi_echelon!;
  return {
    days: minMax.scores.days,
    policies,
    ratios: {
      inventoryAtMinMaxFill: reaching
        ? {
            policy: reaching.policy,
            fillRate: reaching.scores.fillRate,
            minMaxFillRate: target,
            ratio: ratio(reaching.scores.inventory.total.value, minMax.scores.inventory.total.value),
          }
        : null,
      totalCostVsMinMax: {
        perLocation: ratio(total(perLocation), total(minMax)),
        multiEchelon: ratio(total(multiEchelon), total(minMax)),
      },
      totalCostVsTextbook: {
        perLocation: ratio(total(perLocation), total(textbook)),
        multiEchelon: ratio(total(multiEchelon), total(textbook)),
      },
      safetyStockMultiVsPerLocation: {
        ratio: ratio(textbookMulti.safetyStock!.total.value, textbook.safetyStock!.total.value),
        multiEchelonFillRate: textbookMulti.scores.fillRate,
        perLocationFillRate: textbook.scores.fillRate,
      },
      rebalancing: (['per_location', 'multi_echelon'] as const).map((placement) => ({
        placement,
        unservedRatio: ratio(unserved(rebalanced[placement]!.scores), unserved(costOptimal[placement]!.scores)),
        inventoryRatio: ratio(
          rebalanced[placement]!.scores.inventory.total.value,
          costOptimal[placement]!.scores.inventory.total.value,
        ),
      })),
    },
  };
}

/** One cycle-service target for every class. */
const classService = (level: number): ServiceSettings => ({
  ...DEFAULT_SERVICE,
  choice: 'class',
  measure: 'cycle_service',
  targets: { A: level, B: level, C: level },
});

const percent = (level: number) => `${(100 * level).toFixed(1).replace(/\.0$/, '')} %`;

/** The mean of `meanDemand` over `days` days, per store × SKU: what a planner types into a static min/max. */
function averageOver(meanDemand: MeanDemand, days: number): (store: number, sku: number) => number {
  const cache = new Map<number, number>();
  return (store, sku) => {
    const key = store * 1_000_003 + sku;
    let value = cache.get(key);
    if (value === undefined) {
      value = 0;
      for (let day = 0; day < days; day++) value += meanDemand(day, store, sku) / days;
      cache.set(key, value);
    }
    return value;
  };
}
