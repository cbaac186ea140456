import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** Seeded randomness for the demo: the same seed gives the same network, to the unit. */
export interface Random {
  /** In [0, 1). */
  float(): number;
  /** An integer in [low, high]. */
  int(low: number, high: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  /** A Poisson-distributed count with mean `mean`. */
  poisson(mean: number): number;
  /** A standard normal value. */
  normal(): number;
}

export function createRandom(seed: number): Random {
  const rng = xoroshiro128plus(seed);
  const float = () => uniformFloat64(rng);
  const normal = () => Math.sqrt(-2 * Math.log(1 - float())) * Math.cos(2 * Math.PI * float());
  return {
    float,
    int: (low, high) => low + Math.floor(float() * (high - low + 1)),
    pick: (items) => items[Math.floor(float() * items.length)]!,
    chance: (probability) => float() < probability,
    normal,
    poisson(mean) {
      if (mean <= 0) return 0;
      if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()));
      // Knuth's method: fine for the small means of a store's daily sales.
      const limit = Math.exp(-mean);
      let count = 0;
      let product = float();
      while (product > limit) {
        count += 1;
        product *= float();
      }
      return count;
    },
  };
}
