import { describe, expect, it } from 'vitest';
import { createRandom } from '../probability/index.js';
import { dailyQuantiles, fillUnknownDays, forecastSeries, rmsse } from './select.js';
import { prepareSeries } from './series.js';

/** A seeded generator, so every synthetic series is the same on every run. */
const random = (seed: number) => createRandom(seed).float;
const normal = (u: () => number) => () => Math.sqrt(-2 * Math.log(u() + 1e-12)) * Math.cos(2 * Math.PI * u());
const WEEK = [0.8, 0.7, 0.7, 0.9, 1.2, 1.8, 1.9];

describe('choosing a method by backtest', () => {
  const days = 364;

  it('picks Holt-Winters for a trending weekly pattern with noise', () => {
    const e = normal(random(1));
    const y = Array.from({ length: days }, (_, t) => 40 + 0.05 * t + 15 * WEEK[t % 7]! + 2 * e());
    expect(forecastSeries(y).method).toBe('holt_winters');
  });

  it('scores SES best, or within a hair of the best, on a local level series (the model SES assumes)', () => {
    // SES and a lightly trended damped Holt forecast a local level almost alike, so either may win
    // by a hair; what must hold is that nothing does markedly better than the generating method.
    for (const seed of [2, 3, 4]) {
      const e = normal(random(seed));
      let level = 100;
      const y = Array.from({ length: days }, () => {
        const error = 3 * e();
        const value = level + error;
        level += 0.5 * error;
        return value;
      });
      const { scores } = forecastSeries(y, { horizon: 7, windows: 4 });
      const sesScore = scores.find((s) => s.method === 'ses')!.rmsse;
      expect(sesScore).toBeLessThanOrEqual(scores[0]!.rmsse * 1.1);
    }
  });

  it('picks a trend method for a steady trend without a season, with Holt best or within a hair of it', () => {
    for (const seed of [3, 4, 5]) {
      const e = normal(random(seed));
      const y = Array.from({ length: days }, (_, t) => 20 + 0.8 * t + e());
      const { method, scores } = forecastSeries(y);
      // Holt-Winters with a near-empty season is Holt: either may win by a hair, never a flat method.
      expect(['holt', 'holt_winters']).toContain(method);
      expect(scores.find((s) => s.method === 'holt')!.rmsse).toBeLessThanOrEqual(scores[0]!.rmsse * 1.05);
    }
  });

  it('picks a method for intermittent demand, and gives quantiles that are not a normal curve', () => {
    const u = random(4);
    const y = Array.from({ length: days }, () => (u() < 0.12 ? 1 + Math.floor(u() * 4) : 0));
    const forecast = forecastSeries(y);
    expect(forecast.intermittent).toBe(true);
    expect(['croston', 'sba', 'tsb', 'moving_average', 'ses']).toContain(forecast.method);
    expect(forecast.quantiles!.find((q) => q.level === 0.5)!.value).toBe(0);
    expect(forecast.quantiles!.find((q) => q.level === 0.99)!.value).toBeGreaterThanOrEqual(3);
  });

  it('forecasts zero for a series without sales, and falls back on short histories', () => {
    expect(forecastSeries(Array(100).fill(0))).toMatchObject({ mean: Array(28).fill(0), sigma: 0, scores: [] });
    const short = forecastSeries([3, 4, 5, 4, 3, 4, 5, 6, 4, 3], { horizon: 7 });
    expect(short.method).toBe('moving_average');
    expect(short.notes[0]).toMatch(/too short/);
    expect(short.sigma).toBeGreaterThan(0);
  });

  it('gives σ from the chosen method backtest errors, and never a negative mean', () => {
    const e = normal(random(5));
    const y = Array.from({ length: days }, () => Math.max(0, 3 + 2 * e()));
    const forecast = forecastSeries(y);
    expect(forecast.sigma).toBeGreaterThan(1);
    expect(forecast.sigma).toBeLessThan(3);
    expect(forecast.mean.every((m) => m >= 0)).toBe(true);
    expect(forecast.scores.map((s) => s.rmsse)).toEqual([...forecast.scores.map((s) => s.rmsse)].sort((a, b) => a - b));
  });
});

describe('measures and inputs', () => {
  it('scales the error by the one-day change of the history (RMSSE)', () => {
    // History changes by 1 each day: scale 1. Errors 1 and 3: RMSE √5.
    expect(rmsse([1, 2, 3, 4], [5, 6], [4, 3])).toBeCloseTo(Math.sqrt(5), 12);
  });

  it('mixes zero days and the empirical sizes for quantiles', () => {
    // Sizes 2, 2, 4, 8 (mean 4); a mean of 1 per day means demand on a quarter of the days.
    const y = [0, 2, 0, 0, 2, 0, 4, 0, 8, 0];
    expect(dailyQuantiles(y, 1, [0.5, 0.75, 0.8, 0.95, 1])).toEqual([
      { level: 0.5, value: 0 },
      { level: 0.75, value: 0 },
      { level: 0.8, value: 2 },
      { level: 0.95, value: 8 },
      { level: 1, value: 8 },
    ]);
  });

  it('fills gaps with zero sales, zeroes negative days, sums repeated days, and says so', () => {
    const prepared = prepareSeries(
      [
        { day: '2026-03-01', quantity: 4 },
        { day: '2026-03-03', quantity: -2 },
        { day: '2026-03-03', quantity: 1 },
      ],
      { until: '2026-03-05' },
    );
    expect(prepared.start).toBe('2026-03-01');
    expect([...prepared.values]).toEqual([4, 0, 0, 0, 0]);
    expect(prepared.notes).toEqual([
      '3 days without a record counted as no sales',
      '1 day with more returned than sold counted as no sales',
      '1 day recorded twice, summed',
    ]);
  });
});

describe('days out of stock', () => {
  const LEVEL = [6, 8, 9, 10, 11, 14, 12];
  const known = (seed: number) => {
    const u = random(seed);
    return Float64Array.from({ length: 364 }, (_, t) => Math.max(0, Math.round(LEVEL[t % 7]! + (u() - 0.5) * 4)));
  };
  const average = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

  it('forecasts close to the true level when two weeks without stock are unknown demand, where zeros drag it to nothing', () => {
    for (const seed of [1, 2, 3]) {
      const truth = known(seed);
      const asZeros = Float64Array.from(truth);
      const asUnknown = Float64Array.from(truth);
      for (let t = truth.length - 14; t < truth.length; t++) {
        asZeros[t] = 0;
        asUnknown[t] = Number.NaN;
      }
      const level = average(forecastSeries(truth).mean);
      const censored = forecastSeries(asUnknown);
      expect(Math.abs(average(censored.mean) - level) / level).toBeLessThan(0.08);
      expect(censored.mean.every(Number.isFinite)).toBe(true);
      expect(Number.isFinite(censored.sigma)).toBe(true);
      expect(censored.scores.every((s) => Number.isFinite(s.rmsse))).toBe(true);
      expect(average(forecastSeries(asZeros).mean)).toBeLessThan(level / 2);
    }
  });

  it('scores only the backtest days whose demand is known, and falls back when none is', () => {
    const truth = known(4);
    const full = forecastSeries(truth);
    const lastWindowOut = Float64Array.from(truth);
    for (let t = truth.length - 28; t < truth.length; t++) lastWindowOut[t] = Number.NaN;
    // One window of two out of stock: scored on the other, not halved by a perfect 0.
    const half = forecastSeries(lastWindowOut);
    expect(half.measured).toBe(true);
    expect(half.scores[0]!.rmsse).toBeGreaterThan(0.5 * full.scores[0]!.rmsse);
    const allOut = Float64Array.from(truth);
    // Every day of the three backtest windows.
    for (let t = truth.length - 84; t < truth.length; t++) allOut[t] = Number.NaN;
    const none = forecastSeries(allOut);
    expect(none).toMatchObject({ measured: false, scores: [] });
    expect(none.notes.join(' ')).toContain('was out of stock');
  });

  it('fills a day of unknown demand from the same weekday around it, and scores no forecast against it', () => {
    const week = [1, 2, 3, 4, 5, 6, 7];
    const y = Float64Array.from({ length: 35 }, (_, t) => week[t % 7]!);
    y[17] = Number.NaN; // a Thursday (3 + 7k)
    expect(fillUnknownDays(y, 7)[17]).toBe(4);
    expect(fillUnknownDays(Float64Array.of(4, 6, Number.NaN, 5), 1)[2]).toBe(5);
    expect(Array.from(fillUnknownDays(Float64Array.of(Number.NaN, Number.NaN), 7))).toEqual([0, 0]);
    // The unknown actual is left out: a forecast of 4 on the known days is perfect.
    expect(rmsse([1, 2, 3], Float64Array.of(4, Number.NaN, 4), [4, 0, 4])).toBe(0);
  });

  it('lays out-of-stock days out as unknown, and says how many', () => {
    const prepared = prepareSeries(
      [
        { day: '2026-03-01', quantity: 4 },
        { day: '2026-03-02', quantity: 0 },
        { day: '2026-03-04', quantity: 3 },
      ],
      { until: '2026-03-05', outOfStock: new Set(['2026-03-02', '2026-03-03', '2026-02-01']) },
    );
    expect(Array.from(prepared.values)).toEqual([4, Number.NaN, Number.NaN, 3, 0]);
    expect(prepared.censored).toBe(2);
    expect(prepared.notes).toContain('2 days out of stock: demand unknown, not counted as no sales');
  });
});
