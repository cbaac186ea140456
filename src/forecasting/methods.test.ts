import { describe, expect, it } from 'vitest';
import { createRandom } from '../probability/index.js';
import {
  croston,
  holt,
  holtWinters,
  movingAverage,
  sba,
  seasonalNaive,
  ses,
  sesForecast,
  tsb,
  tsbForecast,
} from './methods.js';

/** A seeded generator, so every synthetic series is the same on every run. */
const random = (seed: number) => createRandom(seed).float;

const WEEK = [12, 10, 9, 11, 15, 30, 25];
const weeks = (n: number) => Array.from({ length: n * 7 }, (_, t) => WEEK[t % 7]!);

describe('forecasting methods', () => {
  it('smooths exponentially as statsforecast does, by hand', () => {
    // level 1 → 1 → 1.5; one-step errors 1 and 1.5; forecast 0.5·3 + 0.5·1.5.
    expect(sesForecast([1, 2, 3], 0.5)).toEqual({ forecast: 2.25, mse: 3.25 / 3 });
  });

  it('is the naive forecast with α = 1', () => {
    expect(sesForecast([4, 9, 2, 7], 1).forecast).toBe(7);
  });

  it('chooses α near 1 for a random walk and near 0 around a constant with noise', () => {
    const noise = random(7);
    let x = 100;
    const walk = Array.from({ length: 300 }, () => (x += noise() < 0.5 ? 3 : -3));
    expect(ses(walk, 7).params.alpha).toBeGreaterThan(0.8);
    const flat = Array.from({ length: 300 }, () => 50 + 10 * (noise() - 0.5));
    expect(ses(flat, 7).params.alpha).toBeLessThan(0.1);
  });

  it('repeats the last week for seasonal naive', () => {
    const y = Array.from({ length: 14 }, (_, i) => i + 1);
    expect(seasonalNaive(y, 7).forecast(9)).toEqual([8, 9, 10, 11, 12, 13, 14, 8, 9]);
  });

  it('averages the last window, choosing the window that forecast best', () => {
    const y = [...Array(56).fill(0), ...Array(14).fill(10)];
    const fit = movingAverage(y, 7);
    expect(fit.params.window).toBe(7);
    expect(fit.forecast(2)).toEqual([10, 10]);
  });

  it('forecasts Croston and SBA by hand', () => {
    // Sizes 3, 5, 4 → SES(0.1) 3.28; intervals 3, 2, 3 → 2.91.
    const y = [0, 0, 3, 0, 5, 0, 0, 4];
    expect(croston(y, 7).forecast(1)[0]).toBeCloseTo(3.28 / 2.91, 12);
    expect(sba(y, 7).forecast(1)[0]).toBeCloseTo((0.95 * 3.28) / 2.91, 12);
  });

  it('forecasts zero with TSB on an all-zero series, and falls when demand stops', () => {
    expect(tsb(Array(30).fill(0), 7).forecast(3)).toEqual([0, 0, 0]);
    const active = [0, 4, 0, 0, 5, 0, 3, 0, 0, 4];
    const stopped = [...active, ...Array(20).fill(0)];
    expect(tsbForecast(stopped, 0.1, 0.1)).toBeLessThan(tsbForecast(active, 0.1, 0.1) / 3);
    // Croston does not notice: it only updates when demand comes.
    expect(croston(stopped, 7).forecast(1)[0]).toBeCloseTo(croston(active, 7).forecast(1)[0]!, 12);
  });

  it('forecasts a pure weekly pattern as the pattern with Holt-Winters', () => {
    const forecast = holtWinters(weeks(10), 7).forecast(14);
    forecast.forEach((value, i) => expect(value).toBeCloseTo(WEEK[(70 + i) % 7]!, 6));
  });

  it('follows a straight line with Holt, damping it only a little in the first days', () => {
    const y = Array.from({ length: 60 }, (_, t) => 5 + 2 * t);
    const [first, second] = holt(y, 7).forecast(2);
    expect(first).toBeCloseTo(125, 0);
    expect(second! - first!).toBeGreaterThan(1.5);
  });
});
