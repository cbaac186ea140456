/**
 * How uncertain a forecast is, day by day and over a lead time. A series' backtest errors say how
 * far off its method was one, two, … days ahead (`sigmas`, growing with the horizon) and how much one
 * day's error carries into the next (`errorCorrelation`: a level that is off stays off). Demand on a
 * day is then a count with the forecast's mean and that spread: negative binomial when it varies more
 * than a Poisson count would, Poisson otherwise, so quantiles are whole units and never below zero.
 */

/** The levels every quantile answer carries. */
export const QUANTILE_LEVELS = [0.1, 0.5, 0.8, 0.9, 0.95, 0.99] as const;
export type QuantileLevel = (typeof QUANTILE_LEVELS)[number];

/** A series' forecast error: σ of each forecast day's error, and the correlation of neighbouring days' errors. */
export interface ForecastSpread {
  sigmas: readonly number[];
  errorCorrelation: number;
}

/** Below this log-probability a double underflows: the count's P(0) cannot start the sums. */
const SMALLEST_LOG_PROBABILITY = -700;
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
 * Quantiles, at each of `levels`, of a count with mean `mean` and standard deviation `sd`: negative
 * binomial when the variance exceeds the mean, else Poisson; the normal curve (rounded up, at least 0)
 * where the count lies too far from zero to sum from it (see `countDistribution`). Each is the fewest
 * units whose probability of not being exceeded reaches the level.
 *
 * @example
 * countQuantiles(10, 5, [0.5, 0.9]); // [9, 17]
 */
export function countQuantiles(mean: number, sd: number, levels: readonly number[]): number[] {
  const count = countDistribution(mean, sd);
  if (count === null) return levels.map(() => 0);
  if (count.kind === 'normal')
    return levels.map((level) => Math.max(0, Math.ceil(count.mean + normalQuantile(level) * count.scale)));
  const sorted = levels.map((level, index) => ({ level, index })).sort((x, y) => x.level - y.level);
  const answers = new Array<number>(levels.length);
  let probability = count.zero;
  let cumulative = probability;
  let k = 0;
  for (const { level, index } of sorted) {
    // The tail beyond mean + 40 σ holds nothing a level can ask for.
    while (cumulative < level && k < count.mean + 40 * count.scale + 10) {
      probability *= count.ratio(k);
      k += 1;
      cumulative += probability;
    }
    answers[index] = k;
  }
  return answers;
}

/** A count's distribution as the sums need it: P(0) and P(k+1)/P(k), or the normal curve for large means. */
type Count =
  | { kind: 'count'; mean: number; scale: number; zero: number; ratio: (k: number) => number }
  | { kind: 'normal'; mean: number; scale: number };

/**
 * Negative binomial when the variance exceeds the mean (by more than rounding), else Poisson; the
 * normal curve where P(0) is below e^-700 (a mean of about 700 and more, relative to its spread), as
 * far from zero as that a count is all but symmetric. Null for no demand.
 * A σ that is not a finite number counts as 0.
 */
function countDistribution(mean: number, sd: number): Count | null {
  if (!(mean > 0) || !Number.isFinite(mean)) return null;
  const variance = Number.isFinite(sd) ? sd * sd : 0;
  const scale = Math.sqrt(Math.max(variance, mean));
  const overdispersed = variance > mean * (1 + 1e-9);
  const r = overdispersed ? (mean * mean) / (variance - mean) : Infinity;
  // 1 − p and log p computed apart, so that r in the millions (variance a hair above the mean) stays exact.
  const q = overdispersed ? mean / (r + mean) : 0;
  const logZero = overdispersed ? r * Math.log1p(-q) : -mean;
  // Where P(0) is too small for a double the count sits far from zero and is all but symmetric.
  if (logZero < SMALLEST_LOG_PROBABILITY) return { kind: 'normal', mean, scale };
  return overdispersed
    ? { kind: 'count', mean, scale, zero: Math.exp(logZero), ratio: (k) => ((k + r) / (k + 1)) * q }
    : { kind: 'count', mean, scale, zero: Math.exp(logZero), ratio: (k) => mean / (k + 1) };
}

/**
 * The probability that a count with mean `mean` and standard deviation `sd` (as `countQuantiles` takes
 * it) is at most `k`, and that it is below `k`: the two ends of where `k` falls in the distribution.
 * A calibrated forecast puts actual demand evenly between 0 and 1 by this (the randomized PIT).
 *
 * @example
 * countCdf(2, 1, 2); // { below: 0.406, atMost: 0.677 }: Poisson(2)
 */
export function countCdf(mean: number, sd: number, k: number): { below: number; atMost: number } {
  const count = countDistribution(mean, sd);
  if (count === null) return k >= 0 ? { below: k > 0 ? 1 : 0, atMost: 1 } : { below: 0, atMost: 0 };
  if (count.kind === 'normal')
    return { below: normalCdf((k - 1 - count.mean) / count.scale), atMost: normalCdf((k - count.mean) / count.scale) };
  let probability = count.zero;
  let below = 0;
  for (let j = 0; j < k; j++) {
    below += probability;
    probability *= count.ratio(j);
  }
  return { below: Math.min(1, below), atMost: Math.min(1, below + probability) };
}

/** The standard normal's cumulative probability (Abramowitz–Stegun 7.1.26, error under 1.5e-7). */
function normalCdf(z: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(z) / Math.SQRT2));
  const erf =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-(z * z) / 2);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
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
  const at = <T>(values: readonly T[], day: number, otherwise: T) =>
    values.length === 0 ? otherwise : values[Math.min(day, values.length - 1)]!;
  let total = 0;
  let variance = 0;
  for (let i = 0; i < days; i++) {
    total += at(mean, i, 0);
    const si = at(spread.sigmas, i, 0);
    for (let j = 0; j < days; j++)
      variance += si * at(spread.sigmas, j, 0) * spread.errorCorrelation ** Math.abs(i - j);
  }
  const sigma = Math.sqrt(variance);
  return { days, mean: total, sigma, quantiles: dayDemandQuantiles(total, sigma) };
}

/** The standard normal's quantile (Acklam's rational approximation, relative error under 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
    );
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}
