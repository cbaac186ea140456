import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countLoss, countQuantile, countQuantiles, countShape } from './counts.js';
import { normalLoss, normalQuantile } from './normal.js';

const runs = { numRuns: Number(process.env.PROPERTY_RUNS ?? 200) };
const QUANTILE_LEVELS = [0.1, 0.5, 0.8, 0.9, 0.95, 0.99];

describe('counts of units', () => {
  it('gives quantiles of a count that are whole, ordered and never below zero', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 2_000, noNaN: true }),
        fc.double({ min: 0, max: 500, noNaN: true }),
        (mean, sd) => {
          const values = countQuantiles(mean, sd, QUANTILE_LEVELS);
          expect(values.every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
          for (let i = 1; i < values.length; i++) expect(values[i]!).toBeGreaterThanOrEqual(values[i - 1]!);
        },
      ),
      runs,
    );
  });

  it('matches the Poisson and negative binomial tables on cases worked by hand', () => {
    // Poisson(2): P(≤0) = .135, P(≤1) = .406, P(≤2) = .677, P(≤3) = .857, P(≤4) = .947, P(≤5) = .983, P(≤6) = .995.
    expect(countQuantiles(2, 1, [0.1, 0.5, 0.8, 0.9, 0.95, 0.99])).toEqual([0, 2, 3, 4, 5, 6]);
    // One level at a time answers as the many-level read does.
    for (const [mean, sd] of [
      [2, 1],
      [0.3, 0.9],
      [40, 12],
      [900, 30],
    ] as const)
      for (const level of [0.05, 0.5, 0.9, 0.99])
        expect(countQuantile(mean, sd, level)).toBe(countQuantiles(mean, sd, [level])[0]);
    // Negative binomial with mean 2, variance 6 (r = 1, p = 1/3): geometric, P(≤k) = 1 − (2/3)^(k+1).
    // P(≤0) = .333, P(≤1) = .556, P(≤3) = .802, P(≤4) = .868, P(≤5) = .912, P(≤7) = .961, P(≤10) = .988, P(≤11) = .992.
    expect(countQuantiles(2, Math.sqrt(6), [0.1, 0.5, 0.8, 0.9, 0.95, 0.99])).toEqual([0, 1, 3, 5, 7, 11]);
    expect(countQuantiles(0, 3, [0.5, 0.99])).toEqual([0, 0]);
    // A variance a hair above the mean is a Poisson count, not a shifted one; a σ that is no number counts as 0.
    expect(countQuantiles(300, Math.sqrt(300) * (1 + 4e-16), [0.5])).toEqual([300]);
    expect(countQuantiles(5, Number.NaN, [0.5, 0.9])).toEqual(countQuantiles(5, 0, [0.5, 0.9]));
    // No jump where a wider spread is summed another way: a little more σ, about the same quantiles.
    const [p50a, p99a] = countQuantiles(20, 99.9, [0.5, 0.99]);
    const [p50b, p99b] = countQuantiles(20, 100.1, [0.5, 0.99]);
    expect(Math.abs(p50b! - p50a!)).toBeLessThanOrEqual(1);
    expect(Math.abs(p99b! - p99a!)).toBeLessThanOrEqual(3);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
  });

  it('loses the units a stock level leaves short, as the loss function says', () => {
    // Poisson(2): E[(X − 4)+] = Σ_{k>4} (k − 4) P(k) = 0.0751 (summed from the Poisson table).
    expect(countLoss(2, Math.SQRT2, 4)).toBeCloseTo(0.0751, 4);
    expect(countLoss(2, Math.SQRT2, 0)).toBeCloseTo(2, 9);
    expect(countLoss(0, 1, 3)).toBe(0);
    expect(normalLoss(0)).toBeCloseTo(0.398942, 5);
    // Tables: L(1) = 0.0833, L(−1) = 1.0833.
    expect(normalLoss(1)).toBeCloseTo(0.0833, 4);
    expect(normalLoss(-1)).toBeCloseTo(1.0833, 4);
    expect(countShape(2, Math.SQRT2)).toBe('poisson');
    expect(countShape(2, 3)).toBe('negative_binomial');
    expect(countShape(0, 3)).toBe('none');
  });

  it('loses fewer units the more stock there is, never fewer than none', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 500, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.integer({ min: 0, max: 600 }),
        (mean, sd, s) => {
          const here = countLoss(mean, sd, s);
          expect(here).toBeGreaterThanOrEqual(0);
          expect(countLoss(mean, sd, s + 1)).toBeLessThanOrEqual(here + 1e-9);
          expect(here).toBeGreaterThanOrEqual(mean - s - 1e-6);
        },
      ),
      runs,
    );
  });
});
