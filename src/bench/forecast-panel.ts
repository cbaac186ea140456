import { createRandom } from '../probability/index.js';

/** A seeded uniform generator: the same panel and orders on every machine. */
const seeded = (seed: number) => createRandom(seed >>> 0).float;
/**
 * A synthetic panel with the shape of the M5 competition (Walmart daily unit sales: 3,049 products in
 * 10 stores, 1,941 days): weekly and yearly seasons, trends, price-like promotions, late launches, and
 * mostly slow, intermittent sellers. Each series is made from its own seed, so a worker can make the
 * series it forecasts, and its true expected demand is known: the floor no method can beat on average.
 */
export const M5_SERIES = 30_490;
export const M5_DAYS = 1_941;

/**
 * The panel's kinds of series: `retail`, M5's shape (Poisson counts around a smooth mean); `hard`, the
 * same with what a retailer's history also holds — counts more spread than Poisson (negative binomial),
 * lasting level shifts (a new planogram, a competitor opening) and stretches out of stock.
 */
export const PANEL_PROFILES = ['retail', 'hard'] as const;
export type PanelProfile = (typeof PANEL_PROFILES)[number];

export interface PanelSeries {
  /** Units sold per day: Poisson (retail) or negative binomial (hard) draws around `expected`; 0 out of stock. */
  actual: Float64Array;
  /** The true mean demand per day. */
  expected: Float64Array;
  /** The true mean demand without its promotions: what a forecaster knowing all but the promotions would say. */
  unpromoted: Float64Array;
  /** 1 on the days a promotion ran: what a retailer's promotions calendar says. */
  promoted: Uint8Array;
  /** 1 on the days the location had no stock (hard profile): sales 0, demand unknown. */
  stockedOut: Uint8Array;
  /** The product's category (0–2), over which promotion lifts are pooled. */
  category: number;
}

const CATEGORY_WEEKS = [
  [0.9, 0.85, 0.85, 0.9, 1.05, 1.25, 1.2], // foods: the weekend shop
  [0.95, 0.9, 0.9, 0.95, 1.0, 1.15, 1.15], // household
  [0.8, 0.8, 0.85, 0.9, 1.05, 1.35, 1.25], // hobbies
];

/** Series `index` of the panel (`days` long; items repeat across 10 stores as in M5). */
export function panelSeries(index: number, days = M5_DAYS, profile: PanelProfile = 'retail'): PanelSeries {
  const item = Math.floor(index / 10);
  const itemRandom = seeded(item * 2654435761 + 17);
  const random = seeded(index * 2246822519 + 3);
  const normal = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
  const itemNormal = () => Math.sqrt(-2 * Math.log(itemRandom() + 1e-12)) * Math.cos(2 * Math.PI * itemRandom());

  const category = item % 3;
  const base = Math.exp(-0.9 + 1.25 * itemNormal());
  const storeFactor = 0.5 + random();
  const trend = 0.15 * normal();
  const yearAmplitude = 0.05 + 0.25 * itemRandom();
  const peak = Math.floor(itemRandom() * 365);
  const launch = itemRandom() < 0.2 ? Math.floor(itemRandom() * 1000) : 0;
  const promotions: { from: number; to: number; uplift: number }[] = [];
  for (let year = 0; year < days / 365; year++)
    for (let k = Math.floor(random() * 3); k > 0; k--) {
      const from = Math.floor((year + random()) * 365);
      promotions.push({ from, to: from + 7 + Math.floor(random() * 8), uplift: 1.3 + 0.7 * random() });
    }

  const hard = profile === 'hard' ? hardening(index, days) : null;
  const expected = new Float64Array(days);
  const unpromoted = new Float64Array(days);
  const actual = new Float64Array(days);
  const promoted = new Uint8Array(days);
  const stockedOut = new Uint8Array(days);
  const week = CATEGORY_WEEKS[category]!;
  for (let t = 0; t < days; t++) {
    if (t < launch) continue;
    const promotion = promotions.find((p) => t >= p.from && t < p.to);
    const season = 1 + yearAmplitude * Math.cos((2 * Math.PI * ((t % 365) - peak)) / 365);
    const shift = hard ? hard.level[t]! : 1;
    const lambda = base * storeFactor * week[t % 7]! * season * Math.exp((trend * (t - days)) / 365) * shift;
    unpromoted[t] = lambda;
    expected[t] = lambda * (promotion?.uplift ?? 1);
    if (promotion) promoted[t] = 1;
    if (hard?.outOfStock[t]) stockedOut[t] = 1;
    else if (hard) actual[t] = poisson(expected[t]! * hard.gamma(), random, normal);
    else actual[t] = poisson(expected[t]!, random, normal);
  }
  return { actual, expected, unpromoted, promoted, stockedOut, category };
}

/**
 * What the hard profile adds to series `index`, from a stream of its own (the retail profile's draws
 * stay as they were): a daily gamma factor of mean 1 (so counts are negative binomial, shape 0.5–4),
 * up to two lasting level shifts of ×0.5–×2, and up to three stretches a year of 3–28 days without stock.
 */
function hardening(index: number, days: number) {
  const random = seeded(index * 3266489917 + 29);
  const normal = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
  const shape = 0.5 + 3.5 * random();
  const shifts = Array.from({ length: Math.floor(random() * 3) }, () => ({
    from: Math.floor(random() * days),
    factor: Math.exp(0.7 * (2 * random() - 1)),
  }));
  const stretches: { from: number; to: number }[] = [];
  for (let year = 0; year < days / 365; year++)
    for (let k = Math.floor(random() * 4); k > 0; k--) {
      const from = Math.floor((year + random()) * 365);
      stretches.push({ from, to: from + 3 + Math.floor(random() * 26) });
    }
  const level = new Float64Array(days).fill(1);
  for (const s of shifts) for (let t = s.from; t < days; t++) level[t] = level[t]! * s.factor;
  const outOfStock = new Uint8Array(days);
  for (const s of stretches) outOfStock.fill(1, s.from, Math.min(days, s.to));
  return {
    level,
    outOfStock,
    gamma: () => gamma(shape, random, normal) / shape,
  };
}

/** A gamma draw of shape `k` and scale 1 (Marsaglia and Tsang; boosted below shape 1). */
function gamma(k: number, random: () => number, normal: () => number): number {
  if (k < 1) return gamma(k + 1, random, normal) * random() ** (1 / k);
  const d = k - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal();
    const v = (1 + c * x) ** 3;
    if (v <= 0) continue;
    const u = random();
    if (Math.log(u + 1e-300) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

function poisson(lambda: number, random: () => number, normal: () => number): number {
  if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal()));
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = random();
  while (p > limit) {
    k += 1;
    p *= random();
  }
  return k;
}
