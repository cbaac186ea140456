/**
 * The stock policy of one SKU at one location: reviewed every R days, order when the inventory position
 * (on hand + inbound − reserved − backorders) is at or below the reorder point s, up to the order-up-to
 * level S. The reorder point covers demand over the protection period (lead time + review period) at
 * the service target; the lot S − s is the economic order quantity where an ordering cost is set, else
 * one review period's demand, never more than `maxCoverDays` of demand (a large lot is stock too), and
 * in what the source accepts (whole packs, at least its minimum).
 */
import {
  countCdf,
  countLoss,
  countQuantile,
  countShape,
  normalCdf,
  normalLoss,
  normalQuantile,
} from '../probability/index.js';
import { roundOrder } from './order-rounding.js';
import { economicOrderQuantity } from './single-stage.js';
import type { ServiceMeasure } from './service-target.js';

/** From this many units of expected demand over the protection period on, the normal curve fits it. */
export const NORMAL_FROM_UNITS = 50;

export const DEMAND_SHAPES = ['normal', 'poisson', 'negative_binomial', 'none'] as const;
export type DemandShape = (typeof DEMAND_SHAPES)[number];

export interface PolicyInput {
  /** Mean units a day over the period the policy holds, and σ of one day's demand (forecast error included). */
  demand: { perDay: number; sdPerDay: number };
  /** Days from order to receipt: mean and standard deviation. */
  leadTime: { mean: number; sd: number };
  /** Days between reviews (1: every day). */
  reviewDays: number;
  service: { measure: ServiceMeasure; level: number };
  unitCost: number;
  /** Holding cost a year as a share of unit cost (0.25: a quarter of its cost a year). */
  holdingRate: number;
  /** Cost of one order line; null where none is set, and the lot is one review period's demand. */
  orderingCost: number | null;
  packSize: number;
  minOrderQuantity: number;
  /** A lot covers at most this many days of demand (packs and minimums may still make it more). */
  maxCoverDays: number;
  /**
   * Days of lead time + review that the location's children agreed to wait (the service time it
   * promises them under multi-echelon placement): its stock covers only the rest, and only that share
   * of its lead time's spread. 0 by default.
   */
  promisedDays?: number;
}

export interface StockPolicy {
  /** Lead time + review period, in days. */
  protectionDays: number;
  /** Demand over the protection period: σ = √(P·σ_d² + d²·σ_L²), and the curve it was read from. */
  protectionDemand: { mean: number; sd: number; shape: DemandShape };
  safetyStock: number;
  reorderPoint: number;
  orderUpTo: number;
  /** The lot S − s, in what the source accepts. */
  lotSize: number;
  /** √(2Kλ/h) before capping and rounding; null without an ordering cost. */
  economicLot: number | null;
  /** The service the levels give, by both measures. */
  expected: { cycleService: number; fillRate: number; unitsShortPerCycle: number };
}

/**
 * Safety stock, reorder point and order-up-to level for one SKU at one location.
 *
 * @example
 * stockPolicy({
 *   demand: { perDay: 4, sdPerDay: 2 }, leadTime: { mean: 7, sd: 2 }, reviewDays: 7,
 *   service: { measure: 'cycle_service', level: 0.95 }, unitCost: 3, holdingRate: 0.25,
 *   orderingCost: null, packSize: 12, minOrderQuantity: 24, maxCoverDays: 28,
 * }); // reorderPoint 75 (56 expected + 19 safety), lot 36 (28 days of demand in packs of 12), orderUpTo 111
 */
export function stockPolicy(input: PolicyInput): StockPolicy {
  const perDay = Math.max(0, input.demand.perDay);
  const replenishmentDays = Math.max(0, input.leadTime.mean) + Math.max(1, input.reviewDays);
  const protectionDays = Math.max(0, replenishmentDays - Math.max(0, input.promisedDays ?? 0));
  const leadTimeSd = (Math.max(0, input.leadTime.sd) * protectionDays) / replenishmentDays;
  const mean = perDay * protectionDays;
  const sd = Math.sqrt(protectionDays * Math.max(0, input.demand.sdPerDay) ** 2 + perDay ** 2 * leadTimeSd ** 2);
  if (!(perDay > 0))
    return {
      protectionDays,
      protectionDemand: { mean: 0, sd: 0, shape: 'none' },
      safetyStock: 0,
      reorderPoint: 0,
      orderUpTo: 0,
      lotSize: 0,
      economicLot: null,
      expected: { cycleService: 1, fillRate: 1, unitsShortPerCycle: 0 },
    };

  const { lotSize, economicLot } = orderLot(input);

  const curve = demandCurve(mean, sd);
  const reorderPoint =
    input.service.measure === 'cycle_service'
      ? curve.quantile(input.service.level)
      : curve.coveringFillRate(input.service.level, lotSize);
  const short = curve.loss(reorderPoint);
  return {
    protectionDays,
    protectionDemand: { mean, sd: curve.sd, shape: curve.shape },
    safetyStock: reorderPoint - mean,
    reorderPoint,
    orderUpTo: reorderPoint + lotSize,
    lotSize,
    economicLot,
    expected: {
      cycleService: curve.atMost(reorderPoint),
      fillRate: Math.max(0, 1 - short / lotSize),
      unitsShortPerCycle: short,
    },
  };
}

/**
 * The lot a policy orders: the economic order quantity where an ordering cost is set, else one review
 * period of demand; at most `maxCoverDays` of demand, rounded up to the source's packs and minimum. It
 * does not depend on the service target, so a target set by cost can be read from it first.
 *
 * @example
 * orderLot({ demand: { perDay: 4, sdPerDay: 2 }, reviewDays: 7, unitCost: 3, holdingRate: 0.25,
 *   orderingCost: null, packSize: 12, minOrderQuantity: 24, maxCoverDays: 28 }); // { lotSize: 36, economicLot: null }
 */
export function orderLot(
  input: Pick<
    PolicyInput,
    | 'demand'
    | 'reviewDays'
    | 'unitCost'
    | 'holdingRate'
    | 'orderingCost'
    | 'packSize'
    | 'minOrderQuantity'
    | 'maxCoverDays'
  >,
): { lotSize: number; economicLot: number | null } {
  const perDay = Math.max(0, input.demand.perDay);
  if (!(perDay > 0)) return { lotSize: 0, economicLot: null };
  const holdingPerYear = input.unitCost * input.holdingRate;
  const economicLot =
    input.orderingCost !== null && input.orderingCost > 0 && holdingPerYear > 0
      ? economicOrderQuantity({
          orderingCost: input.orderingCost,
          holdingCost: holdingPerYear,
          demandRate: perDay * 365,
        }).quantity
      : null;
  const wanted = Math.min(economicLot ?? perDay * Math.max(1, input.reviewDays), perDay * input.maxCoverDays);
  return { lotSize: roundOrder(Math.max(1, wanted), input), economicLot };
}

interface DemandCurve {
  shape: DemandShape;
  sd: number;
  /** The fewest whole units covering demand with probability `level`. */
  quantile(level: number): number;
  /** The fewest whole units (at least 0) leaving at most (1 − level)·lot units short per cycle. */
  coveringFillRate(level: number, lot: number): number;
  loss(s: number): number;
  atMost(s: number): number;
}

/**
 * Demand over the protection period as the policy reads it: the normal curve from `NORMAL_FROM_UNITS`
 * on, else a count of whole units (Poisson, or negative binomial when it varies more), so that a slow
 * mover's reorder point is a count it can sell and not a fraction of one. Classes, not object literals
 * of closures: a curve is read for every SKU × location and period.
 */
function demandCurve(mean: number, sd: number): DemandCurve {
  return mean >= NORMAL_FROM_UNITS ? new NormalCurve(mean, sd) : new CountCurve(mean, sd);
}

class NormalCurve implements DemandCurve {
  readonly shape = 'normal' as const;
  readonly sd: number;
  constructor(
    private readonly mean: number,
    sd: number,
  ) {
    this.sd = Math.max(sd, 1e-9);
  }
  quantile(level: number): number {
    return Math.max(0, Math.ceil(this.mean + normalQuantile(clampLevel(level)) * this.sd - 1e-9));
  }
  coveringFillRate(level: number, lot: number): number {
    // The loss falls as s grows: the smallest s ≥ 0 with σ·L((s − mean)/σ) ≤ (1 − level)·lot, by bisection.
    const allowed = (1 - clampLevel(level)) * lot;
    if (this.loss(0) <= allowed) return 0;
    let low = 0;
    let high = this.mean + 12 * this.sd;
    for (let i = 0; i < 80; i++) {
      const s = (low + high) / 2;
      if (this.loss(s) <= allowed) high = s;
      else low = s;
    }
    return Math.ceil(high - 1e-9);
  }
  loss(s: number): number {
    return this.sd * normalLoss((s - this.mean) / this.sd);
  }
  atMost(s: number): number {
    return normalCdf((s - this.mean) / this.sd);
  }
}

class CountCurve implements DemandCurve {
  readonly shape: DemandShape;
  /** A count varies at least as a Poisson count does. */
  readonly sd: number;
  constructor(
    private readonly mean: number,
    private readonly spread: number,
  ) {
    this.shape = countShape(mean, spread);
    this.sd = Math.max(spread, Math.sqrt(mean));
  }
  /**
   * Never below a steady (Poisson) count's quantile: a spread that only adds days of no sales, and
   * lumpier days when it sells, is no reason to hold less.
   */
  quantile(level: number): number {
    const at = clampLevel(level);
    return Math.max(countQuantile(this.mean, this.spread, at), countQuantile(this.mean, 0, at));
  }
  coveringFillRate(level: number, lot: number): number {
    const allowed = (1 - clampLevel(level)) * lot;
    let s = 0;
    // The loss falls by P(X > s) per unit; the cap is far beyond any level asked.
    const cap = Math.ceil(this.mean + 50 * this.sd + 10);
    while (s < cap && countLoss(this.mean, this.spread, s) > allowed) s += 1;
    return s;
  }
  loss(s: number): number {
    return countLoss(this.mean, this.spread, s);
  }
  atMost(s: number): number {
    return countCdf(this.mean, this.spread, s).atMost;
  }
}

/** Levels of 0 and 1 have no finite quantile: they are read as 0.5 % and 99.99 %. */
const clampLevel = (level: number) => Math.min(0.9999, Math.max(0.005, level));
