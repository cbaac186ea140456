/**
 * A replenishment policy as data: an (s, S) pair per location × SKU in typed arrays, when each location
 * reviews, and how orders round. A policy that learns as the year goes on (planning recomputing its
 * levels weekly from recent sales) hands the simulator new tables through `refresh`; one that moves
 * stock between stores says so through `rebalance`.
 */
import { validationFailed } from '../errors/index.js';
import type { SimulationNetwork } from './network.js';

/** Levels per location × SKU, at `location * skus + sku` (stores first, then DCs; see `network.ts`). */
export interface LevelTable {
  /** s: a review orders when the inventory position is at or below it. */
  readonly reorderPoint: Float64Array;
  /** S: the order brings the position up to it, rounded up to the order multiple and minimum. */
  readonly orderUpTo: Float64Array;
}

/** Reviews on days `phase`, `phase + every` …: `{ every: 7, phase: 2 }` on days 2, 9, 16, Wednesdays if day 0 is a Monday. */
export interface ReviewSchedule {
  readonly every: number;
  /** The first review day, below `every`; 0 when absent. */
  readonly phase?: number;
}

/** Order rounding per location × SKU: an order is a whole number of `multiple`s and at least `minimum`. */
export interface OrderRounding {
  readonly multiple: ArrayLike<number>;
  readonly minimum: ArrayLike<number>;
}

/** Units to move from one store to another (store indices); more than the source has is cut to what it has. */
export interface Rebalance {
  readonly from: number;
  readonly to: number;
  readonly sku: number;
  readonly quantity: number;
}

/**
 * What a policy sees of the network during a run, read-only. Tables are per location × SKU as in a
 * `LevelTable`; views into the simulator's own arrays, valid during the call.
 */
export interface SimulationState {
  readonly day: number;
  readonly onHand: ArrayLike<number>;
  /** On order from a supplier (DCs) or in transit (stores). */
  readonly inbound: ArrayLike<number>;
  /** Customers waiting, when unmet demand is backordered. */
  readonly backorders: ArrayLike<number>;
  readonly levels: LevelTable;
  /** On hand + inbound − backorders. */
  position(location: number, sku: number): number;
  /**
   * Units customers asked for over the last `days` days up to today (fewer at the start of a run), up
   * to the policy's `historyDays`; lost sales included, which a real shop would not see.
   */
  demanded(location: number, sku: number, days: number): number;
  /** Units sold over the last `days` days up to today, as `demanded`: what a shop's till shows. */
  sold(location: number, sku: number, days: number): number;
}

export interface Policy {
  readonly name: string;
  /** The levels from day 0. */
  readonly levels: LevelTable;
  /** One schedule for every location, or one per location; a review every day when absent. */
  readonly review?: ReviewSchedule | readonly ReviewSchedule[];
  /** The network's rounding when absent: supplier packs and MOQ at DCs, store packs at stores. */
  readonly rounding?: OrderRounding;
  /** Days `state.sold` and `state.demanded` may look back over; 28 when absent. */
  readonly historyDays?: number;
  /**
   * Called each day after demand and before the reviews: new levels from today on (the same table
   * refilled will do), or undefined to keep the current ones.
   */
  refresh?(day: number, state: SimulationState): LevelTable | undefined;
  /** Called each day after the reviews: stock to move between stores, arriving after the lane's lead time. */
  rebalance?(day: number, state: SimulationState): readonly Rebalance[];
}

/** Levels from a day on, as planning writes them. */
export interface DatedLevels {
  readonly fromDay: number;
  readonly levels: LevelTable;
}

/**
 * An empty level table for the network: (0, 0) everywhere, which never orders.
 *
 * @example
 * const table = createLevelTable(network);
 * table.reorderPoint[store * network.skus.length + sku] = 2;
 * table.orderUpTo[store * network.skus.length + sku] = 5;
 */
export function createLevelTable(network: Pick<SimulationNetwork, 'skus' | 'stores' | 'dcs'>): LevelTable {
  const cells = (network.stores.length + network.dcs.length) * network.skus.length;
  return { reorderPoint: new Float64Array(cells), orderUpTo: new Float64Array(cells) };
}

/**
 * The `levels` and `refresh` of a policy whose levels planning dated in advance: each row holds from
 * its day until the next. Why: a season moves, and a plan made today says what s and S become when.
 *
 * @example
 * const policy: Policy = { name: 'planned', ...datedLevels([{ fromDay: 0, levels: spring }, { fromDay: 91, levels: summer }]) };
 */
export function datedLevels(rows: readonly DatedLevels[]): Pick<Policy, 'levels' | 'refresh'> {
  const sorted = [...rows].sort((a, b) => a.fromDay - b.fromDay);
  const first = sorted[0];
  if (first?.fromDay !== 0) throw validationFailed([{ path: 'rows', message: 'the first row from day 0' }]);
  const byDay = new Map(sorted.map((row) => [row.fromDay, row.levels]));
  if (byDay.size !== sorted.length) throw validationFailed([{ path: 'rows', message: 'one row a day' }]);
  return { levels: first.levels, refresh: (day) => (day === 0 ? undefined : byDay.get(day)) };
}
