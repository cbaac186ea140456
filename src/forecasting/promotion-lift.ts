import type { Series } from './methods.js';
import { fillUnknownDays } from './select.js';

/**
 * A series' days under promotion, from the promotions calendar: which history days were promoted
 * (their sales are not the base level) and which forecast days will be, with the lift the retailer
 * plans for each where one was given.
 */
export interface SeriesPromotions {
  /** One per history day: 1 when promoted. */
  past: Uint8Array;
  /** One per forecast day: 1 when promoted. */
  future: Uint8Array;
  /** One per forecast day: the planned lift, 0 where none was planned (the learned lift applies). */
  plannedLift: Float64Array;
}

/** What past promotions sold against what the same days would have sold without them. */
export interface LiftEvidence {
  /** Units sold on promoted days whose demand is known. */
  sold: number;
  /** The base level on those days: the same weekdays around them that were neither promoted nor out of stock. */
  base: number;
  /** Promoted days counted. */
  days: number;
}

/** Below this share of a history promoted, a series' promotions are told apart from its base level. */
const MOST_DAYS_PROMOTED = 0.5;

/**
 * How much a series' past promotions sold over its base level: each promoted day of known demand
 * against the mean of the same weekday in the weeks around it that were not promoted (as a day out
 * of stock is estimated). Nothing when no day was promoted, or most were (then there is no base to
 * compare with).
 *
 * @example
 * liftEvidence(Float64Array.of(10, 10, 20, 10), Uint8Array.of(0, 0, 1, 0), 1); // { sold: 20, base: 10, days: 1 }
 */
export function liftEvidence(y: Series, promoted: Uint8Array, season: number): LiftEvidence {
  const without = withoutPromotedDays(y, promoted);
  if (without === y || !promotionsSeparable(promoted, y.length)) return { sold: 0, base: 0, days: 0 };
  const base = fillUnknownDays(without, season);
  const evidence = { sold: 0, base: 0, days: 0 };
  for (let t = 0; t < y.length; t++)
    if (promoted[t] === 1 && !Number.isNaN(y[t]!)) {
      evidence.sold += y[t]!;
      evidence.base += base[t]!;
      evidence.days += 1;
    }
  return evidence;
}

/** The evidence of many series summed: a category's, to pool over. */
export function sumEvidence(parts: Iterable<LiftEvidence>): LiftEvidence {
  const total = { sold: 0, base: 0, days: 0 };
  for (const part of parts) {
    total.sold += part.sold;
    total.base += part.base;
    total.days += part.days;
  }
  return total;
}

/**
 * Base units of a series' own evidence that weigh as much as its group's lift: a SKU whose promoted
 * days would have sold a few units says little of its own lift, one that would have sold hundreds
 * says much.
 */
export const POOLING_UNITS = 20;
const LIFT_RANGE = [0.2, 20] as const;

/**
 * A series' lift: its own promoted sales over their base, shrunk towards its group's lift (the
 * category's, pooled over every SKU × location in it) as far as its own evidence is thin. 1 without
 * any evidence.
 *
 * @example
 * pooledLift({ sold: 30, base: 10, days: 2 }, { sold: 1500, base: 1000, days: 90 }); // (30 + 20·1.5) / (10 + 20) = 2
 */
export function pooledLift(own: LiftEvidence, group: LiftEvidence): number {
  const groupLift = group.base > 0 ? group.sold / group.base : 1;
  const lift = (own.sold + POOLING_UNITS * groupLift) / (own.base + POOLING_UNITS);
  return Math.min(LIFT_RANGE[1], Math.max(LIFT_RANGE[0], lift));
}

/** `y` with its promoted days unknown (NaN), so that they leave the base level alone; `y` itself when none. */
export function withoutPromotedDays(y: Series, promoted: Uint8Array): Series {
  let any = false;
  for (let t = 0; t < y.length; t++) if (promoted[t] === 1) any = true;
  if (!any) return y;
  const base = Float64Array.from(y);
  for (let t = 0; t < y.length; t++) if (promoted[t] === 1) base[t] = Number.NaN;
  return base;
}

/** Whether a series has enough unpromoted history for its promotions to be told apart from its base. */
export function promotionsSeparable(promoted: Uint8Array, length: number): boolean {
  let days = 0;
  for (let t = 0; t < length; t++) if (promoted[t] === 1) days += 1;
  return days <= MOST_DAYS_PROMOTED * length;
}
