import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayDemandQuantiles, leadTimeDemand, spreadFromBacktest } from './uncertainty.js';

const runs = { numRuns: Number(process.env.PROPERTY_RUNS ?? 200) };

describe('uncertainty of a forecast', () => {
  it('widens with the days ahead as the backtest errors do, and never narrows', () => {
    const spread = spreadFromBacktest(
      [
        [1, -1, 2, -2, 3, -3],
        [-1, 1, -2, 2, -3, 3],
      ],
      6,
    );
    for (let h = 1; h < 6; h++) expect(spread.sigmas[h]!).toBeGreaterThanOrEqual(spread.sigmas[h - 1]!);
    expect(spread.sigmas[5]!).toBeGreaterThan(2 * spread.sigmas[0]!);
    // Errors that shrink with the days ahead give a flat σ, not a narrowing one.
    const flat = spreadFromBacktest([[3, 2, 1, 0]], 4);
    expect(new Set(flat.sigmas.map((s) => s.toFixed(9))).size).toBe(1);
    // A level that stays off: errors of one sign in a row correlate.
    expect(spreadFromBacktest([[2, 2.1, 1.9, 2, 2.2, 1.8, -2, -2.1, -1.9, -2]], 10).errorCorrelation).toBeGreaterThan(
      0.5,
    );
    // An unknown actual (NaN) is left out.
    expect(spreadFromBacktest([[Number.NaN, 1, -1]], 3).sigmas.every(Number.isFinite)).toBe(true);
  });

  it('sums a lead time: means add, and so do covariances that fall off with the days apart', () => {
    // By hand: two days of σ 3; independent: variance 9 + 9 = 18; correlation 0.5: 18 + 2 · 0.5 · 9 = 27.
    expect(leadTimeDemand([10, 10], { sigmas: [3, 3], errorCorrelation: 0 }, 2)).toMatchObject({ mean: 20 });
    expect(leadTimeDemand([10, 10], { sigmas: [3, 3], errorCorrelation: 0 }, 2).sigma).toBeCloseTo(Math.sqrt(18), 9);
    expect(leadTimeDemand([10, 10], { sigmas: [3, 3], errorCorrelation: 0.5 }, 2).sigma).toBeCloseTo(Math.sqrt(27), 9);
    // Beyond the horizon the last day repeats.
    expect(leadTimeDemand([4, 6], { sigmas: [1, 2], errorCorrelation: 0 }, 4)).toMatchObject({ mean: 22 });
    // Its quantiles are those of a count with the sum's mean and σ, and one day is that day.
    const lead = leadTimeDemand([10, 12, 9], { sigmas: [2, 3, 4], errorCorrelation: 0.3 }, 3);
    expect(lead.quantiles).toEqual(dayDemandQuantiles(lead.mean, lead.sigma));
    expect(leadTimeDemand([10], { sigmas: [4], errorCorrelation: 0 }, 1).quantiles).toEqual(dayDemandQuantiles(10, 4));
    fc.assert(
      fc.property(
        // Days that sell: with a mean near zero, a wider spread puts more weight on selling nothing.
        fc.array(fc.double({ min: 1, max: 100, noNaN: true }), { minLength: 1, maxLength: 28 }),
        fc.double({ min: 0, max: 20, noNaN: true }),
        fc.double({ min: 0, max: 0.95, noNaN: true }),
        fc.integer({ min: 1, max: 60 }),
        (mean, sigma, errorCorrelation, days) => {
          const spread = { sigmas: mean.map(() => sigma), errorCorrelation };
          const shorter = leadTimeDemand(mean, spread, days);
          const longer = leadTimeDemand(mean, spread, days + 1);
          // A longer lead time never needs less: its mean, σ and the high quantiles safety stock is set
          // at grow or stay (a low quantile may fall as the spread widens).
          expect(longer.mean).toBeGreaterThanOrEqual(shorter.mean - 1e-9);
          expect(longer.sigma).toBeGreaterThanOrEqual(shorter.sigma - 1e-9);
          // While the sum varies up to four times as much as a Poisson count. Beyond that the negative
          // binomial puts ever more weight on nothing sold at all, and a high quantile may fall.
          if (longer.sigma ** 2 <= 4 * longer.mean)
            for (const name of ['p90', 'p95', 'p99'] as const)
              expect(longer.quantiles[name]!).toBeGreaterThanOrEqual(shorter.quantiles[name]!);
        },
      ),
      runs,
    );
  });
});
