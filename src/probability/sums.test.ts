import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { correlatedSum } from './sums.js';

const runs = { numRuns: Number(process.env.PROPERTY_RUNS ?? 200) };

describe('a sum of days', () => {
  it('adds means, and variances with their correlations', () => {
    expect(correlatedSum([10, 10], [3, 3], 0, 2)).toEqual({ mean: 20, sd: Math.sqrt(18) });
    expect(correlatedSum([10, 10], [3, 3], 1, 2).sd).toBeCloseTo(6, 12);
    // Days beyond the arrays repeat the last day.
    expect(correlatedSum([1, 2], [1, 1], 0, 4)).toEqual({ mean: 7, sd: 2 });
    expect(correlatedSum([], [], 0.5, 3)).toEqual({ mean: 0, sd: 0 });
  });

  it('is the double sum Σᵢ Σⱼ σᵢ σⱼ ρ^|i−j|, computed in one pass', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 50, noNaN: true }), { minLength: 1, maxLength: 20 }),
        fc.double({ min: -0.95, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 40 }),
        (sigmas, correlation, days) => {
          const at = (day: number) => sigmas[Math.min(day, sigmas.length - 1)]!;
          let variance = 0;
          for (let i = 0; i < days; i++)
            for (let j = 0; j < days; j++) variance += at(i) * at(j) * correlation ** Math.abs(i - j);
          const sd = correlatedSum(sigmas, sigmas, correlation, days).sd;
          expect(sd).toBeCloseTo(Math.sqrt(Math.max(0, variance)), 6);
        },
      ),
      runs,
    );
  });
});
