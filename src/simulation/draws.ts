/**
 * Counter-based random draws: each one is a hash (MurmurHash3's mixing) of the seed and of what it is
 * for — a stream, the day, the location, the SKU — rather than the next number of a shared generator.
 * So no draw depends on how many were taken before it, that is on which orders a policy placed: two
 * policies on one seed meet the same customers, and an order placed on the same day at the same place
 * takes the same time to arrive under either. Drawing costs a few integer multiplications and
 * allocates nothing, which the day loop needs.
 */
import { normalQuantile } from '../probability/index.js';

/** What a draw is for; each stream is independent of the others. */
export const STREAM = { storeDemand: 1, onlineDemand: 2, supplier: 3, transfer: 4, rebalance: 5, forecast: 6 } as const;
type Stream = (typeof STREAM)[keyof typeof STREAM];

/** A standard normal from two 32-bit uniforms never exceeds 6.8 σ: a lead time fits in mean + 7 σ. */
const LEAD_TIME_SIGMAS = 7;
/** Below this log-probability of selling nothing the count is far from zero and all but normal. */
const SMALLEST_LOG_ZERO = -600;

function mixWord(hash: number, word: number): number {
  let k = Math.imul(word | 0, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  const h = hash ^ k;
  return (Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64) | 0;
}

function finish(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A seed of any size as the 32-bit start of every hash of a run. */
export function seedKey(seed: number): number {
  return finish(mixWord(mixWord(0x5eed, seed >>> 0), Math.floor(seed / 0x1_0000_0000) | 0));
}

/** A uniform number in (0, 1), never 0 or 1, for draw `(stream, day, a, b)` of a seed. */
export function uniform(key: number, stream: Stream, day: number, a: number, b: number): number {
  const h = finish(mixWord(mixWord(mixWord(mixWord(key, stream), day), a), b));
  return (h + 0.5) / 0x1_0000_0000;
}

/** A standard normal for draw `(stream, day, a, b)` (Box–Muller from two uniforms of the draw). */
export function standardNormal(key: number, stream: Stream, day: number, a: number, b: number): number {
  const u = uniform(key, stream, day, a, b);
  const v = uniform(key, (stream + 0x100) as Stream, day, a, b);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** The most days a delivery with this lead time can take: the length the ring of arrivals needs. */
export const leadTimeBound = (mean: number, sd: number): number =>
  Math.max(1, Math.round(mean + LEAD_TIME_SIGMAS * sd));

/**
 * Days a delivery takes: max(1, round(mean + sd · z)), clamped to `leadTimeBound` (mean + 7 σ, which the normal
 * from 32-bit uniforms never reaches; the clamp makes the ring of arrivals long enough by construction).
 */
export function leadDays(mean: number, sd: number, z: number): number {
  return Math.min(leadTimeBound(mean, sd), Math.max(1, Math.round(mean + sd * z)));
}

/**
 * The count of units at probability `u` of its distribution: the fewest k with P(X ≤ k) ≥ u, for a
 * Poisson count with mean `mean`, or a negative binomial one with variance mean + mean² / dispersion
 * when `dispersion` is finite (the smaller, the more the days differ). Inversion takes one uniform per
 * draw, and a larger mean never draws fewer units at the same `u`. Far from zero (P(0) < e^-600) the
 * count is the normal curve's, rounded.
 *
 * @example
 * countAt(0.5, 2, Infinity); // 2: the median of a Poisson count with mean 2
 */
export function countAt(u: number, mean: number, dispersion: number): number {
  if (!(mean > 0)) return 0;
  const spread = Number.isFinite(dispersion);
  const q = spread ? mean / (dispersion + mean) : 0;
  const logZero = spread ? dispersion * Math.log1p(-q) : -mean;
  const sd = Math.sqrt(spread ? mean + (mean * mean) / dispersion : mean);
  if (logZero < SMALLEST_LOG_ZERO) return Math.max(0, Math.round(mean + sd * normalQuantile(u)));
  // Sums of many small terms fall short of u near 1; the tail beyond 40 σ holds nothing a double sees.
  const last = mean + 40 * sd + 10;
  let probability = Math.exp(logZero);
  let cumulative = probability;
  let k = 0;
  while (cumulative < u && k < last) {
    probability *= spread ? ((k + dispersion) / (k + 1)) * q : mean / (k + 1);
    k += 1;
    cumulative += probability;
  }
  return k;
}
