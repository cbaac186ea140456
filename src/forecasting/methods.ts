import { goldenSection, nelderMead } from './optimize.js';

/** A daily series of sales, oldest first. */
export type Series = ArrayLike<number>;

export const METHOD_NAMES = [
  'seasonal_naive',
  'moving_average',
  'ses',
  'holt',
  'holt_winters',
  'croston',
  'sba',
  'tsb',
] as const;
export type MethodName = (typeof METHOD_NAMES)[number];

/** A method fitted to a series: its parameters, and the daily means it forecasts. */
export interface Fit {
  method: MethodName;
  params: Readonly<Record<string, number>>;
  forecast(horizon: number): number[];
}

/** Fits a method to a series with a season of `season` days (7: the week). */
export type Method = (y: Series, season: number) => Fit;

const constant = (method: MethodName, params: Record<string, number>, value: number): Fit => ({
  method,
  params,
  forecast: (h) => new Array<number>(h).fill(value),
});

/** The last value, repeated. */
export function naive(y: Series): Fit {
  return constant('seasonal_naive', { season: 1 }, y.length === 0 ? 0 : y[y.length - 1]!);
}

/** The last full season, repeated: a Monday forecasts like last Monday. */
export const seasonalNaive: Method = (y, season) => {
  if (y.length < season) return naive(y);
  const last = Array.from({ length: season }, (_, i) => y[y.length - season + i]!);
  return {
    method: 'seasonal_naive',
    params: { season },
    forecast: (h) => Array.from({ length: h }, (_, t) => last[t % season]!),
  };
};

/** The mean of the last `window` days, with the window (7, 14, 28 or 56) that forecast the history best. */
export const movingAverage: Method = (y) => {
  const n = y.length;
  if (n === 0) return constant('moving_average', { window: 0 }, 0);
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i]! + y[i]!;
  let best = { window: Math.min(n, 7), error: Infinity };
  for (const window of [7, 14, 28, 56]) {
    if (window >= n) break;
    let error = 0;
    for (let t = window; t < n; t++) {
      const mean = (prefix[t]! - prefix[t - window]!) / window;
      error += (y[t]! - mean) ** 2;
    }
    error /= n - window;
    if (error < best.error) best = { window, error };
  }
  const window = best.window;
  return constant('moving_average', { window }, (prefix[n]! - prefix[n - window]!) / window);
};

/**
 * Simple exponential smoothing with a given α, as statsforecast defines it: the level starts at the
 * first value; each day's fitted value is the level before it. Returns the forecast and the mean
 * squared one-step error.
 */
export function sesForecast(y: Series, alpha: number): { forecast: number; mse: number } {
  const n = y.length;
  if (n === 0) return { forecast: 0, mse: 0 };
  let level = y[0]!;
  let squared = 0;
  for (let t = 1; t < n; t++) {
    level = alpha * y[t - 1]! + (1 - alpha) * level;
    squared += (y[t]! - level) ** 2;
  }
  return { forecast: alpha * y[n - 1]! + (1 - alpha) * level, mse: squared / n };
}

/** Simple exponential smoothing, α chosen to minimise the one-step error in the history. */
export const ses: Method = (y) => {
  const alpha = goldenSection((a) => sesForecast(y, a).mse, 0.01, 1);
  return constant('ses', { alpha }, sesForecast(y, alpha).forecast);
};

/**
 * How far the smoothing parameters are searched: to a relative change of the fit's error of 1e-5, at
 * most 100 steps. Finer searches change forecasts far below their error and cost a third more time.
 */
const FIT_SEARCH = { iterations: 100, tolerance: 1e-5 };

/** Σ φ^i for i = 1..h: how far a damped trend carries after `h` days. */
function dampedSum(phi: number, h: number): number {
  return phi === 1 ? h : (phi * (1 - phi ** h)) / (1 - phi);
}

interface HoltState {
  level: number;
  trend: number;
  mse: number;
}

function holtRun(y: Series, alpha: number, beta: number, phi: number): HoltState {
  const n = y.length;
  let level = y[0]!;
  let trend = n > 1 ? y[1]! - y[0]! : 0;
  let squared = 0;
  for (let t = 1; t < n; t++) {
    const predicted = level + phi * trend;
    squared += (y[t]! - predicted) ** 2;
    const previous = level;
    level = alpha * y[t]! + (1 - alpha) * predicted;
    trend = beta * (level - previous) + (1 - beta) * phi * trend;
  }
  return { level, trend, mse: squared / Math.max(1, n - 1) };
}

/** Holt's linear method with a damped trend; α, β and φ minimise the one-step error in the history. */
export const holt: Method = (y) => {
  if (y.length < 3) return naive(y);
  const [alpha, beta, phi] = nelderMead(
    (p) => holtRun(y, p[0]!, p[1]!, p[2]!).mse,
    [0.3, 0.05, 0.9],
    [
      [0.01, 1],
      [0.001, 0.5],
      [0.8, 0.98],
    ],
    FIT_SEARCH,
  ) as [number, number, number];
  const { level, trend } = holtRun(y, alpha, beta, phi);
  return {
    method: 'holt',
    params: { alpha, beta, phi },
    forecast: (h) => Array.from({ length: h }, (_, i) => level + dampedSum(phi, i + 1) * trend),
  };
};

interface WintersState extends HoltState {
  seasonal: Float64Array;
}

/**
 * Additive Holt-Winters with a damped trend. The level starts at the first season's mean, the trend
 * at the change between the first two seasons' means, the season at the first season's deviations.
 */
function wintersRun(y: Series, m: number, alpha: number, beta: number, gamma: number, phi: number): WintersState {
  const n = y.length;
  let first = 0;
  let second = 0;
  for (let i = 0; i < m; i++) {
    first += y[i]!;
    second += y[m + i]!;
  }
  first /= m;
  second /= m;
  let level = first;
  let trend = (second - first) / m;
  const seasonal = new Float64Array(m);
  for (let i = 0; i < m; i++) seasonal[i] = y[i]! - first;
  let squared = 0;
  for (let t = m; t < n; t++) {
    const s = seasonal[t % m]!;
    const predicted = level + phi * trend + s;
    squared += (y[t]! - predicted) ** 2;
    const previous = level;
    level = alpha * (y[t]! - s) + (1 - alpha) * (previous + phi * trend);
    trend = beta * (level - previous) + (1 - beta) * phi * trend;
    seasonal[t % m] = gamma * (y[t]! - previous - phi * trend) + (1 - gamma) * s;
  }
  return { level, trend, seasonal, mse: squared / Math.max(1, n - m) };
}

/** Additive Holt-Winters, damped, with a weekly season; parameters minimise the one-step error. */
export const holtWinters: Method = (y, season) => {
  if (y.length < 2 * season + 2) return seasonalNaive(y, season);
  const [alpha, beta, gamma, phi] = nelderMead(
    (p) => wintersRun(y, season, p[0]!, p[1]!, p[2]!, p[3]!).mse,
    [0.2, 0.02, 0.1, 0.9],
    [
      [0.01, 1],
      [0.001, 0.3],
      [0.001, 0.9],
      [0.8, 0.98],
    ],
    FIT_SEARCH,
  ) as [number, number, number, number];
  const { level, trend, seasonal } = wintersRun(y, season, alpha, beta, gamma, phi);
  const n = y.length;
  return {
    method: 'holt_winters',
    params: { alpha, beta, gamma, phi, season },
    forecast: (h) =>
      Array.from({ length: h }, (_, i) => level + dampedSum(phi, i + 1) * trend + seasonal[(n + i) % season]!),
  };
};

/** The sizes of the days with demand, and the intervals between them (the first counted from the start). */
function demandAndIntervals(y: Series): { sizes: number[]; intervals: number[] } {
  const sizes: number[] = [];
  const intervals: number[] = [];
  let last = -1;
  for (let t = 0; t < y.length; t++) {
    if (y[t]! === 0) continue;
    sizes.push(y[t]!);
    intervals.push(t - last);
    last = t;
  }
  return { sizes, intervals };
}

/** Croston's method as statsforecast's CrostonClassic: SES with α = 0.1 on sizes and on intervals. */
export const croston: Method = (y) => {
  const { sizes, intervals } = demandAndIntervals(y);
  if (sizes.length === 0) return constant('croston', { alpha: 0.1 }, 0);
  const size = sesForecast(sizes, 0.1).forecast;
  const interval = sesForecast(intervals, 0.1).forecast;
  return constant('croston', { alpha: 0.1 }, interval === 0 ? 0 : size / interval);
};

/** The Syntetos–Boylan approximation: Croston's forecast × (1 − α/2), removing its bias. */
export const sba: Method = (y, season) => {
  const fit = croston(y, season);
  return constant('sba', { alpha: 0.1 }, fit.forecast(1)[0]! * 0.95);
};

/**
 * Teunter–Syntetos–Babai as statsforecast's TSB: SES on the probability of demand (every day) and on
 * the sizes of demand (days with demand); the forecast is their product, so it falls when demand
 * stops coming. α for each is chosen from a grid by the one-step error of the product.
 */
export function tsbForecast(y: Series, alphaD: number, alphaP: number): number {
  const { sizes } = demandAndIntervals(y);
  if (sizes.length === 0) return 0;
  const occurs = Array.from(y, (v) => (v === 0 ? 0 : 1));
  return sesForecast(occurs, alphaP).forecast * sesForecast(sizes, alphaD).forecast;
}

export const tsb: Method = (y) => {
  if (demandAndIntervals(y).sizes.length === 0) return constant('tsb', { alphaD: 0.1, alphaP: 0.1 }, 0);
  const grid = [0.05, 0.1, 0.2, 0.3];
  let best = { alphaD: 0.1, alphaP: 0.1, error: Infinity };
  for (const alphaD of grid)
    for (const alphaP of grid) {
      const error = tsbError(y, alphaD, alphaP);
      if (error < best.error) best = { alphaD, alphaP, error };
    }
  return constant('tsb', { alphaD: best.alphaD, alphaP: best.alphaP }, tsbForecast(y, best.alphaD, best.alphaP));
};

/** The one-step squared error of TSB through the history, updating both smoothings day by day. */
function tsbError(y: Series, alphaD: number, alphaP: number): number {
  let probability = y[0]! === 0 ? 0 : 1;
  let size = NaN;
  let squared = 0;
  for (let t = 0; t < y.length; t++) {
    if (t > 0) squared += (y[t]! - (Number.isNaN(size) ? 0 : probability * size)) ** 2;
    const occurs = y[t]! === 0 ? 0 : 1;
    probability = t === 0 ? probability : alphaP * occurs + (1 - alphaP) * probability;
    if (occurs) size = Number.isNaN(size) ? y[t]! : alphaD * y[t]! + (1 - alphaD) * size;
  }
  return squared;
}

/** Every method, by name. */
export const METHODS: Readonly<Record<MethodName, Method>> = {
  seasonal_naive: seasonalNaive,
  moving_average: movingAverage,
  ses,
  holt,
  holt_winters: holtWinters,
  croston,
  sba,
  tsb,
};
