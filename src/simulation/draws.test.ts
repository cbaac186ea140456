import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countQuantile } from '../probability/index.js';
import { countAt, leadDays, leadTimeBound, seedKey, standardNormal, STREAM, uniform } from './draws.js';

const runs = { numRuns: Number(process.env.PROPERTY_RUNS ?? 30) };

describe('counter-based draws', () => {
  it('are uniform in (0, 1), and each coordinate of a draw changes it', () => {
    const key = seedKey(42);
    let sum = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const u = uniform(key, STREAM.storeDemand, i, 3, 7);
      expect(u > 0 && u < 1).toBe(true);
      sum += u;
    }
    expect(sum / n).toBeCloseTo(0.5, 2);
    const one = uniform(key, STREAM.supplier, 10, 2, 5);
    expect(uniform(key, STREAM.supplier, 10, 2, 5)).toBe(one);
    for (const other of [
      uniform(seedKey(43), STREAM.supplier, 10, 2, 5),
      uniform(key, STREAM.transfer, 10, 2, 5),
      uniform(key, STREAM.supplier, 11, 2, 5),
      uniform(key, STREAM.supplier, 10, 5, 2),
      uniform(key, STREAM.supplier, 10, 2, 6),
    ])
      expect(other).not.toBe(one);
  });

  it('give standard normals for lead times, clamped where the ring of arrivals ends', () => {
    const key = seedKey(7);
    let sum = 0;
    let squares = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const z = standardNormal(key, STREAM.transfer, i, 0, 0);
      sum += z;
      squares += z * z;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.03);
    expect(squares / n).toBeCloseTo(1, 1);
    expect(leadDays(5, 2, 0.4)).toBe(6);
    expect(leadDays(0, 0, 0)).toBe(1);
    expect(leadDays(2, 1, -5)).toBe(1);
    expect(leadDays(2, 1, 9)).toBe(leadTimeBound(2, 1));
  });
});

describe('counts by inversion', () => {
  it('are the count distribution’s quantile at the uniform', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 300, noNaN: true }),
        fc.option(fc.double({ min: 0.2, max: 50, noNaN: true }), { nil: undefined }),
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        (mean, dispersion, u) => {
          const sd = Math.sqrt(dispersion === undefined ? mean : mean + (mean * mean) / dispersion);
          const units = countAt(u, mean, dispersion ?? Infinity);
          // Within a hair of u either way: the two sum the same probabilities in another order of rounding.
          expect(units).toBeGreaterThanOrEqual(countQuantile(mean, sd, u - 1e-9));
          expect(units).toBeLessThanOrEqual(countQuantile(mean, sd, u + 1e-9));
        },
      ),
      runs,
    );
  });

  it('have the mean and variance asked for, near zero and far from it', () => {
    const n = 20_000;
    for (const [mean, dispersion] of [
      [0.3, Infinity],
      [4, Infinity],
      [4, 2],
      [900, Infinity],
      [900, 30],
    ] as const) {
      let sum = 0;
      let squares = 0;
      for (let i = 0; i < n; i++) {
        const units = countAt((i + 0.5) / n, mean, dispersion);
        sum += units;
        squares += units * units;
      }
      const variance = squares / n - (sum / n) ** 2;
      expect(sum / n / mean).toBeCloseTo(1, 2);
      expect(variance / (mean + (mean * mean) / dispersion)).toBeCloseTo(1, 1);
    }
    expect(countAt(0.5, 0, Infinity)).toBe(0);
  });
});
