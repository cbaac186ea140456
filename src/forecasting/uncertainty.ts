/**
 * How uncertain a forecast is, day by day and over a lead time. A series' backtest errors say how
 * far off its method was one, two, … days ahead (`sigmas`, growing with the horizon) and how much one
 * day's error carries into the next (`errorCorrelation`: a level that is off stays off). Demand on a
 * day is then a count with the forecast's mean and that spread: negative binomial when it varies more
 * than a Poisson count would, Poisson otherwise, so quantiles are whole units and never below zero.
 */
import { correlatedSum, countQuantiles } from '../probability/index.js';

/** The levels every quantile answer carries. */
export const QUANTILE_LEVELS = [0.1, 0.5, 0.8, 0.9, 0.95, 0.99] as const;
export type QuantileLevel = (typeof QUANTILE_LEVELS)[number];

/** A series' forecast error: σ of each forecast day's error, and the correlation of neighbouring days' errors. */
export interface ForecastSpread {
  sigmas: readonly number[];
  errorCorrelation: number;
}

const MAX_CORRELATION = 0.95;

/**
 * The spread of a forecast from its backtest: `residuals` holds one array per backtest window, the
 * errors (actual − forecast) for each day ahead, NaN where the actual is unknown. σ per day ahead is
 * the least-squares line through the windows' mean squared errors by day (variance growing with the
 * horizon, never shrinking), and the correlation the lag-one autocorrelation of the errors within
 * windows, from 0 to 0.95.
 *
 * @example
 * spreadFromBacktest([[1, -1, 2, -2], [-1, 1, -2, 2]], 4).sigmas; // [0.84, 1.38, 1.76, 2.07]: growing with the days ahead
 */
export function spreadFromBacktest(residuals: readonly (readonly number[])[], horizon: number): ForecastSpread {
  const squared: { h: number; value: number }[] = [];
  let products = 0;
  let squares = 0;
  let sum = 0;
  let count = 0;
  for (const window of residuals)
    for (let h = 0; h < window.length; h++) {
      const e = window[h]!;
      if (Number.isNaN(e)) continue;
      squared.push({ h, value: e * e });
      sum += e;
      count += 1;
    }
  const meanError = count === 0 ? 0 : sum / count;
  for (const window of residuals)
    for (let h = 0; h < window.length; h++) {
      const e = window[h]!;
      if (Number.isNaN(e)) continue;
      squares += (e - meanError) ** 2;
      const next = window[h + 1];
      if (next !== undefined && !Number.isNaN(next)) products += (e - meanError) * (next - meanError);
    }
  const correlation = squares === 0 ? 0 : Math.min(MAX_CORRELATION, Math.max(0, products / squares));
  // Variance by day ahead: a + b·h, b ≥ 0, fitted to the squared errors.
  let a = 0;
  let b = 0;
  if (squared.length > 0) {
    const hMean = squared.reduce((s, p) => s + p.h, 0) / squared.length;
    const vMean = squared.reduce((s, p) => s + p.value, 0) / squared.length;
    const covariance = squared.reduce((s, p) => s + (p.h - hMean) * (p.value - vMean), 0);
    const spreadOfH = squared.reduce((s, p) => s + (p.h - hMean) ** 2, 0);
    b = spreadOfH === 0 ? 0 : Math.max(0, covariance / spreadOfH);
    a = Math.max(0, vMean - b * hMean);
  }
  return {
    sigmas: Array.from({ length: horizon }, (_, h) => Math.sqrt(a + b * h)),
    errorCorrelation: correlation,
  };
}

/** The same σ every day and independent days: for a series without a backtest to learn from. */
export function flatSpread(sigma: number, horizon: number): ForecastSpread {
  return { sigmas: Array.from({ length: horizon }, () => sigma), errorCorrelation: 0 };
}

/**
 * How much of an actual's place in its forecast distribution (between `below` and `atMost`, see
 * `countCdf`) lies inside the central interval of probability `width`: 1 inside, 0 outside, a share at
 * its edge. Averaged over many days it is the interval's coverage, fairly counted for whole units
 * (a day of 0 sold when the interval starts at 0 counts only in part).
 */
export function insideCentralInterval(place: { below: number; atMost: number }, width: number): number {
  const low = (1 - width) / 2;
  const high = 1 - low;
  const span = place.atMost - place.below;
  if (span <= 0) return place.atMost >= low && place.atMost <= high ? 1 : 0;
  return Math.max(0, Math.min(high, place.atMost) - Math.max(low, place.below)) / span;
}

/** One forecast day's demand: its quantiles at `QUANTILE_LEVELS`, in order. */
export function dayDemandQuantiles(mean: number, sd: number): Record<`p${number}`, number> {
  const values = countQuantiles(mean, sd, QUANTILE_LEVELS);
  return Object.fromEntries(QUANTILE_LEVELS.map((level, i) => [quantileName(level), values[i]!]));
}

/** `p10`, `p50` … `p99`: a level as the fields and CSV columns name it. */
export const quantileName = (level: number): `p${number}` => `p${Math.round(level * 100)}`;

/** Demand over the next `days` days: its mean, σ and quantiles at `QUANTILE_LEVELS`. */
export interface DemandOverDays {
  days: number;
  mean: number;
  sigma: number;
  quantiles: Record<`p${number}`, number>;
}

/**
 * The demand summed over the first `days` forecast days (a lead time): the means add up, and so do
 * the covariances of the days' errors, which fall off by `errorCorrelation` per day apart, so that a
 * level that is off counts on every day it is off. Days beyond the forecast's horizon repeat its last day.
 *
 * @example
 * leadTimeDemand([10, 10], { sigmas: [3, 3], errorCorrelation: 0 }, 2); // mean 20, σ √18 ≈ 4.24
 */
export function leadTimeDemand(mean: readonly number[], spread: ForecastSpread, days: number): DemandOverDays {
  const { mean: total, sd: sigma } = correlatedSum(mean, spread.sigmas, spread.errorCorrelation, days);
  return { days, mean: total, sigma, quantiles: dayDemandQuantiles(total, sigma) };
}
