import { createRandom } from '../demo/index.js';

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

export interface PanelSeries {
  /** Units sold per day: Poisson draws around `expected`. */
  actual: Float64Array;
  /** The true mean demand per day. */
  expected: Float64Array;
  /** The true mean demand without its promotions: what a forecaster knowing all but the promotions would say. */
  unpromoted: Float64Array;
}

const CATEGORY_WEEKS = [
  [0.9, 0.85, 0.85, 0.9, 1.05, 1.25, 1.2], // foods: the weekend shop
  [0.95, 0.9, 0.9, 0.95, 1.0, 1.15, 1.15], // household
  [0.8, 0.8, 0.85, 0.9, 1.05, 1.35, 1.25], // hobbies
];

/** Series `index` of the panel (`days` long; items repeat across 10 stores as in M5). */
export function panelSeries(index: number, days = M5_DAYS): PanelSeries {
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

  const expected = new Float64Array(days);
  const unpromoted = new Float64Array(days);
  const actual = new Float64Array(days);
  const week = CATEGORY_WEEKS[category]!;
  for (let t = 0; t < days; t++) {
    if (t < launch) continue;
    const promotion = promotions.find((p) => t >= p.from && t < p.to);
    const season = 1 + yearAmplitude * Math.cos((2 * Math.PI * ((t % 365) - peak)) / 365);
    const lambda = base * storeFactor * week[t % 7]! * season * Math.exp((trend * (t - days)) / 365);
    unpromoted[t] = lambda;
    expected[t] = lambda * (promotion?.uplift ?? 1);
    actual[t] = poisson(expected[t]!, random, normal);
  }
  return { actual, expected, unpromoted };
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
