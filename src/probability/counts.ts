/**
 * Demand as a count of whole units: negative binomial when it varies more than a Poisson count would,
 * Poisson otherwise, the normal curve only far from zero. Most SKU × store pairs sell under one a day,
 * where the normal curve would put weight on selling fewer than none.
 */
import { normalCdf, normalLoss, normalQuantile } from './normal.js';

/** Below this log-probability a double underflows: the count's P(0) cannot start the sums. */
const SMALLEST_LOG_PROBABILITY = -700;

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
      probability *= nextRatio(count, k);
      k += 1;
      cumulative += probability;
    }
    answers[index] = k;
  }
  return answers;
}

/**
 * A count's distribution as the sums need it: P(0), and what P(k+1)/P(k) is made of (`nextRatio`), or the
 * normal curve for large means. Plain data rather than a closure: planning reads a count for every SKU ×
 * location and period, and a function made per call costs more than the sum it serves.
 */
type Count =
  | { kind: 'count'; mean: number; scale: number; zero: number; r: number; q: number }
  | { kind: 'normal'; mean: number; scale: number };

/** P(k+1)/P(k): (k + r)/(k + 1)·q for a negative binomial, mean/(k + 1) for a Poisson count (r = ∞). */
function nextRatio(count: Extract<Count, { kind: 'count' }>, k: number): number {
  return count.r === Infinity ? count.mean / (k + 1) : ((k + count.r) / (k + 1)) * count.q;
}

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
  return { kind: 'count', mean, scale, zero: Math.exp(logZero), r, q };
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
    probability *= nextRatio(count, j);
  }
  return { below: Math.min(1, below), atMost: Math.min(1, below + probability) };
}

/** Which curve a count with this mean and spread follows (see `countQuantiles`); `none` for no demand. */
export function countShape(mean: number, sd: number): 'poisson' | 'negative_binomial' | 'normal' | 'none' {
  const count = countDistribution(mean, sd);
  if (count === null) return 'none';
  if (count.kind === 'normal') return 'normal';
  return Number.isFinite(sd) && sd * sd > mean * (1 + 1e-9) ? 'negative_binomial' : 'poisson';
}

/**
 * The expected units by which a count with mean `mean` and standard deviation `sd` exceeds `s`:
 * E[(X − s)⁺] = mean − s + Σ_{k<s} (s − k)·P(k). Stock of `s` at the start of a lead time leaves this
 * many units of its demand unmet.
 *
 * @example
 * countLoss(2, Math.SQRT2, 0); // 2: with nothing on the shelf every unit is short
 * countLoss(2, Math.SQRT2, 4); // 0.0751
 */
export function countLoss(mean: number, sd: number, s: number): number {
  const count = countDistribution(mean, sd);
  if (count === null) return 0;
  if (count.kind === 'normal') return count.scale * normalLoss((s - count.mean) / count.scale);
  let probability = count.zero;
  let under = 0;
  for (let k = 0; k < s; k++) {
    under += (s - k) * probability;
    probability *= nextRatio(count, k);
  }
  return Math.max(0, mean - s + under);
}

/** The fewest units `s` whose probability of covering a count (P(X ≤ s)) reaches `level`. */
export function countQuantile(mean: number, sd: number, level: number): number {
  // The one-level case of `countQuantiles` without its arrays: planning asks it for every pair and period.
  const count = countDistribution(mean, sd);
  if (count === null) return 0;
  if (count.kind === 'normal') return Math.max(0, Math.ceil(count.mean + normalQuantile(level) * count.scale));
  let probability = count.zero;
  let cumulative = probability;
  let k = 0;
  while (cumulative < level && k < count.mean + 40 * count.scale + 10) {
    probability *= nextRatio(count, k);
    k += 1;
    cumulative += probability;
  }
  return k;
}
