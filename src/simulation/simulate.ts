import { validationFailed } from '../errors/index.js';
import type { FieldIssue } from '../errors/index.js';
import { compileNetwork } from './layout.js';
import type { Layout } from './layout.js';
import type { SimulationNetwork } from './network.js';
import type { LevelTable, Policy, ReviewSchedule, SimulationState } from './policy.js';
import { Run } from './run.js';
import type { Scenario } from './scenario.js';
import type { SimulationScores } from './scores.js';

/** Days of sales a policy's state looks back over unless the policy asks for more. */
const HISTORY_DAYS = 28;

export interface SimulationOptions {
  /** What becomes of demand the shelf cannot meet: lost (the default) or waiting for the next arrival. */
  readonly unmet?: 'lost' | 'backorder';
  /** Days played but not scored, so that the opening stock does not flatter a policy. */
  readonly warmUpDays?: number;
  /** Units on hand per location × SKU on day 0; each location at its order-up-to level (rounded up) when absent. */
  readonly opening?: ArrayLike<number>;
  readonly onProgress?: (daysDone: number, days: number) => void;
  /** Called at the end of each day, after the accounting; for charts and tests. */
  readonly observe?: (day: number, state: SimulationState) => void;
}

/**
 * Plays `policy` on `scenario` day by day and scores it (see `run.ts` for a day's order of events). Why
 * a scenario rather than a seed: every policy played on one scenario meets the same customers and the
 * same lead times, so the difference between their scores is the policies' alone. Throws
 * `validation_failed` for inputs that do not fit the network, and an Error if stock is ever not
 * conserved (a bug in the simulator).
 *
 * @example
 * const scenario = createScenario(network, { seed: 1, days: 365, meanDemand });
 * const peers = simulate(network, staticMinMax(network, { storeDemand: rate }), scenario, { warmUpDays: 28 });
 * peers.fillRate; // 0.97
 */
export function simulate(
  network: SimulationNetwork,
  policy: Policy,
  scenario: Scenario,
  options: SimulationOptions = {},
): SimulationScores {
  const layout = compileNetwork(network);
  const warmUpDays = options.warmUpDays ?? 0;
  const issues: FieldIssue[] = [];
  const issue = (path: string, message: string) => issues.push({ path, message });
  if (!sameCells(layout.pointCell, scenario.cells)) issue('scenario', 'drawn for another network');
  if (!Number.isInteger(warmUpDays) || warmUpDays < 0 || warmUpDays >= scenario.days)
    issue('warmUpDays', `a whole number from 0 to ${scenario.days - 1}`);
  const historyDays = policy.historyDays ?? HISTORY_DAYS;
  if (!Number.isInteger(historyDays) || historyDays < 1) issue('policy.historyDays', 'a whole number ≥ 1');
  const levelIssue = levelsIssue(layout, policy.levels);
  if (levelIssue) issue('policy.levels', levelIssue);
  const { every, phase } = reviewSchedules(layout, policy.review ?? { every: 1 }, issue);
  const multiple = policy.rounding?.multiple ?? layout.orderMultiple;
  const minimum = policy.rounding?.minimum ?? layout.minimumOrder;
  if (!cellsAll(layout, multiple, (m) => Number.isInteger(m) && m >= 1))
    issue('policy.rounding.multiple', `${layout.cells} whole numbers ≥ 1`);
  if (!cellsAll(layout, minimum, (m) => Number.isInteger(m) && m >= 0))
    issue('policy.rounding.minimum', `${layout.cells} whole numbers ≥ 0`);
  const opening = options.opening ?? (levelIssue ? [] : openingAtOrderUpTo(layout, policy.levels));
  if (!cellsAll(layout, opening, (units) => Number.isInteger(units) && units >= 0))
    issue('opening', `${layout.cells} whole numbers ≥ 0`);
  if (issues.length > 0) throw validationFailed(issues);

  const run = new Run({
    layout,
    scenario,
    policy,
    backorder: options.unmet === 'backorder',
    warmUpDays,
    reviewEvery: every,
    reviewPhase: phase,
    multiple,
    minimum,
    historyDays,
    opening,
    checkLevels(levels, day) {
      const problem = levelsIssue(layout, levels);
      if (problem) throw validationFailed([{ path: `policy.refresh(${day})`, message: problem }]);
    },
    checkRebalance(day, index, from, to, sku) {
      const store = (s: number) => Number.isInteger(s) && s >= 0 && s < layout.stores;
      const problem =
        !store(from) || !store(to) || from === to
          ? `two different store indices below ${layout.stores}`
          : !Number.isInteger(sku) || sku < 0 || sku >= layout.skus
            ? `a SKU index below ${layout.skus}`
            : layout.cellPoint[to * layout.skus + sku]! < 0
              ? `store ${to} does not carry SKU ${sku}`
              : undefined;
      if (problem) throw validationFailed([{ path: `policy.rebalance(${day}).${index}`, message: problem }]);
    },
  });
  for (let day = 0; day < scenario.days; day++) {
    run.play(day);
    options.observe?.(day, run);
    options.onProgress?.(day + 1, scenario.days);
  }
  run.finish();
  return run.tally.scores(policy.name, layout.costs);
}

function sameCells(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function cellsAll(layout: Layout, values: ArrayLike<number>, ok: (value: number) => boolean): boolean {
  if (values.length !== layout.cells) return false;
  for (let cell = 0; cell < values.length; cell++) if (!ok(values[cell]!)) return false;
  return true;
}

/** What is wrong with a level table, if anything. */
function levelsIssue(layout: Layout, levels: LevelTable): string | undefined {
  const finite = (value: number) => Number.isFinite(value);
  return cellsAll(layout, levels.reorderPoint, finite) && cellsAll(layout, levels.orderUpTo, finite)
    ? undefined
    : `reorderPoint and orderUpTo, each ${layout.cells} finite numbers`;
}

function reviewSchedules(
  layout: Layout,
  review: ReviewSchedule | readonly ReviewSchedule[],
  issue: (path: string, message: string) => void,
): { every: Int32Array; phase: Int32Array } {
  const list = isScheduleList(review) ? review : Array.from({ length: layout.locations }, () => review);
  if (list.length !== layout.locations) issue('policy.review', `one schedule per location (${layout.locations})`);
  const every = new Int32Array(layout.locations).fill(1);
  const phase = new Int32Array(layout.locations);
  list.slice(0, layout.locations).forEach((schedule, location) => {
    const first = schedule.phase ?? 0;
    if (
      !Number.isInteger(schedule.every) ||
      schedule.every < 1 ||
      !Number.isInteger(first) ||
      first < 0 ||
      first >= schedule.every
    )
      issue(`policy.review.${location}`, 'every a whole number ≥ 1, phase a whole number below it');
    every[location] = schedule.every;
    phase[location] = first;
  });
  return { every, phase };
}

const isScheduleList = (review: ReviewSchedule | readonly ReviewSchedule[]): review is readonly ReviewSchedule[] =>
  Array.isArray(review);

/** Each DC, and each store for the SKUs it carries, at its order-up-to level rounded up. */
function openingAtOrderUpTo(layout: Layout, levels: LevelTable): Float64Array {
  const opening = new Float64Array(layout.cells);
  const storeCells = layout.stores * layout.skus;
  for (let cell = 0; cell < layout.cells; cell++)
    if (cell >= storeCells || layout.cellPoint[cell]! >= 0)
      opening[cell] = Math.max(0, Math.ceil(levels.orderUpTo[cell]!));
  return opening;
}
