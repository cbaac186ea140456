import { METHODS, movingAverage, naive, sba } from './methods.js';
import type { Fit, MethodName, Series } from './methods.js';
import { flatSpread, spreadFromBacktest } from './uncertainty.js';
import type { ForecastSpread } from './uncertainty.js';

export interface ForecastOptions {
  /** Days to forecast (default 28). */
  horizon?: number;
  /** Season length in days (default 7). */
  season?: number;
  /** Rolling-origin backtest windows, each `horizon` days, ending at the series' end (default 2). */
  windows?: number;
  /** The methods to choose among (default all). */
  methods?: readonly MethodName[];
  /** Quantile levels for intermittent series (default 0.5, 0.8, 0.9, 0.95, 0.99). */
  levels?: readonly number[];
  /**
   * The most recent days the methods look at (default 728, two years): older sales say little about
   * next month, and fitting on them costs time in proportion.
   */
  maxHistory?: number;
}

export interface MethodScore {
  method: MethodName;
  /** Mean RMSSE over the backtest windows (lower is better; 1 ≈ as good as yesterday's value). */
  rmsse: number;
}

export interface SeriesForecast {
  method: MethodName;
  params: Readonly<Record<string, number>>;
  /** Mean demand per day for the horizon. */
  mean: number[];
  /** Standard deviation of a day's forecast error, from the chosen method's backtest errors. */
  sigma: number;
  /** σ of the error for each forecast day, growing with the days ahead, and how errors carry from day to day. */
  spread: ForecastSpread;
  /** Whether demand comes on few days (average interval between demands over 1.32 days). */
  intermittent: boolean;
  /** For intermittent series: quantiles of a day's demand, from its empirical sizes (not a normal curve). */
  quantiles: { level: number; value: number }[] | null;
  /** Every candidate's backtest score, best first; empty when the history was too short to backtest. */
  scores: MethodScore[];
  /**
   * Whether the backtest had sales to measure against. Without any, every method that forecasts zero
   * scores a perfect 0: the scores still choose a method, but say nothing of accuracy.
   */
  measured: boolean;
  notes: string[];
}

const DEFAULT_LEVELS = [0.5, 0.8, 0.9, 0.95, 0.99];

/**
 * RMSSE as in the M5 competition: the forecast's root mean squared error over `actual`, scaled by the
 * in-sample mean squared one-day change of `history` (the error of yesterday's value). Days of
 * unknown demand (NaN) in `actual` are not scored; NaN when none is known.
 */
export function rmsse(history: Series, actual: Series, forecast: readonly number[]): number {
  let scale = 0;
  for (let t = 1; t < history.length; t++) scale += (history[t]! - history[t - 1]!) ** 2;
  scale /= Math.max(1, history.length - 1);
  // A day of unknown demand (NaN: out of stock) is not scored: its zero sales would reward forecasting zero.
  let error = 0;
  let scored = 0;
  for (let i = 0; i < actual.length; i++)
    if (!Number.isNaN(actual[i]!)) {
      error += (actual[i]! - forecast[i]!) ** 2;
      scored += 1;
    }
  if (scored === 0) return Number.NaN;
  error /= scored;
  if (scale === 0) return error === 0 ? 0 : Math.sqrt(error);
  return Math.sqrt(error / scale);
}

/** The average interval between days with demand; Infinity without any. */
export function averageDemandInterval(y: Series): number {
  let demands = 0;
  for (let t = 0; t < y.length; t++) if (y[t]! > 0) demands += 1;
  return demands === 0 ? Infinity : y.length / demands;
}

const INTERMITTENT_INTERVAL = 1.32;
/**
 * The candidates by kind of demand (the Syntetos–Boylan split by average demand interval): methods
 * for intermittent demand where most days sell nothing, smoothing methods for the rest.
 */
const INTERMITTENT_METHODS: readonly MethodName[] = ['croston', 'sba', 'tsb', 'moving_average'];
const CONTINUOUS_METHODS: readonly MethodName[] = ['seasonal_naive', 'moving_average', 'ses', 'holt', 'holt_winters'];

/**
 * Forecasts a daily series: every candidate method for its kind of demand (intermittent or not) is backtested over the last `windows` × `horizon`
 * days (fitted on what came before each origin), the one with the lowest mean RMSSE is fitted on the
 * whole history, and σ is the root mean square of its backtest errors. A series without sales
 * forecasts zero; one too short to backtest falls back to SBA when intermittent, else a moving
 * average (or the last value), with σ from its own day-to-day spread.
 *
 * @example
 * const f = forecastSeries(prepareSeries(points).values, { horizon: 28 });
 * f.method; // 'holt_winters'
 */
export function forecastSeries(series: Series, options: ForecastOptions = {}): SeriesForecast {
  const maxHistory = options.maxHistory ?? 728;
  const observed = series.length > maxHistory ? slice(series, series.length - maxHistory, series.length) : series;
  const horizon = options.horizon ?? 28;
  const season = options.season ?? 7;
  // Days of unknown demand (NaN) are estimated from their neighbours for fitting, and left unscored.
  const y = fillUnknownDays(observed, season);
  const windows = options.windows ?? 2;
  const n = y.length;
  // The kind of demand is judged on the days whose demand is known.
  const intermittent =
    averageDemandInterval(Float64Array.from(observed).filter((v) => !Number.isNaN(v))) > INTERMITTENT_INTERVAL;
  const candidates = (options.methods ?? (intermittent ? INTERMITTENT_METHODS : CONTINUOUS_METHODS)).filter(
    (m) => m in METHODS,
  );
  const notes: string[] = [];
  const finish = (
    fit: Fit,
    sigma: number,
    scores: MethodScore[],
    measured = false,
    spread = flatSpread(sigma, horizon),
  ): SeriesForecast => {
    const mean = fit.forecast(horizon).map((v) => Math.max(0, v));
    return {
      method: fit.method,
      params: fit.params,
      mean,
      sigma,
      spread,
      intermittent,
      quantiles: intermittent ? dailyQuantiles(observed, mean[0] ?? 0, options.levels ?? DEFAULT_LEVELS) : null,
      scores,
      measured,
      notes,
    };
  };

  let sold = 0;
  for (let t = 0; t < n; t++) sold += y[t]!;
  if (sold === 0) {
    notes.push('no sales in the history: forecast zero');
    return { ...finish(naive(Array.from({ length: Math.max(1, n) }, () => 0)), 0, []), quantiles: null };
  }

  const trainingNeeded = 2 * season + 2;
  let backtestKnown = 0;
  for (let t = Math.max(0, n - windows * horizon); t < n; t++) if (!Number.isNaN(observed[t]!)) backtestKnown += 1;
  if (n < windows * horizon + trainingNeeded || backtestKnown === 0) {
    notes.push(
      backtestKnown === 0
        ? `every day of the last ${windows * horizon}, the backtest window, was out of stock: fallback method`
        : `history of ${n} days is too short to backtest ${windows} × ${horizon} days: fallback method`,
    );
    const fit = intermittent ? sba(y, season) : n >= 7 ? movingAverage(y, season) : naive(y);
    return finish(fit, spread(y), []);
  }

  const errors = new Map<MethodName, number[][]>();
  const scores: MethodScore[] = candidates.map((method) => {
    const residuals: number[][] = [];
    let total = 0;
    let scoredWindows = 0;
    for (let w = windows; w >= 1; w--) {
      const origin = n - w * horizon;
      // Unknown days before the origin are filled from what was known then, never from the window ahead.
      const history = fillUnknownDays(slice(observed, 0, origin), season);
      const actual = slice(observed, origin, origin + horizon);
      const forecast = METHODS[method](history, season)
        .forecast(horizon)
        .map((v) => Math.max(0, v));
      // A window whose every day was out of stock measures nothing: it is left out, not scored 0.
      const score = rmsse(history, actual, forecast);
      if (!Number.isNaN(score)) {
        total += score;
        scoredWindows += 1;
      }
      residuals.push(Array.from({ length: horizon }, (_, i) => actual[i]! - forecast[i]!));
    }
    errors.set(method, residuals);
    return { method, rmsse: total / scoredWindows };
  });
  scores.sort((a, b) => a.rmsse - b.rmsse);
  const best = scores[0]!.method;
  const known = errors
    .get(best)!
    .flat()
    .filter((e) => !Number.isNaN(e));
  const sigma = Math.sqrt(known.reduce((s, e) => s + e * e, 0) / Math.max(1, known.length));
  let backtestSold = 0;
  for (let t = n - windows * horizon; t < n; t++) if (!Number.isNaN(observed[t]!)) backtestSold += observed[t]!;
  if (backtestSold === 0)
    notes.push(`no sales in the last ${windows * horizon} days, the backtest window: accuracy not measured`);
  return finish(
    METHODS[best](y, season),
    sigma,
    scores,
    backtestSold > 0,
    spreadFromBacktest(errors.get(best)!, horizon),
  );
}

/** Neighbours on each side a day of unknown demand is estimated from: the same weekday four weeks around. */
const FILL_SEASONS = 4;

/**
 * `y` with each day of unknown demand (NaN) replaced by the mean of the known days at the same point
 * of the season up to `FILL_SEASONS` seasons either side (the same weekday in the weeks around it),
 * else of the known days within a season either side, else of every known day, else 0. The same
 * array when nothing is unknown.
 *
 * @example
 * fillUnknownDays(Float64Array.of(4, 6, NaN, 5), 1); // [4, 6, 5, 5]: the mean of the days around it
 */
export function fillUnknownDays(y: Series, season: number): Series {
  let unknown = 0;
  for (let t = 0; t < y.length; t++) if (Number.isNaN(y[t]!)) unknown += 1;
  if (unknown === 0) return y;
  const filled = Float64Array.from(y);
  const meanOf = (days: Iterable<number>) => {
    let sum = 0;
    let count = 0;
    for (const t of days)
      if (t >= 0 && t < y.length && !Number.isNaN(y[t]!)) {
        sum += y[t]!;
        count += 1;
      }
    return count === 0 ? null : sum / count;
  };
  const around = function* (t: number, step: number, reach: number) {
    for (let k = 1; k <= reach; k++) yield* [t - k * step, t + k * step];
  };
  const overall = meanOf(Array.from({ length: y.length }, (_, t) => t)) ?? 0;
  for (let t = 0; t < y.length; t++)
    if (Number.isNaN(y[t]!))
      filled[t] = meanOf(around(t, season, FILL_SEASONS)) ?? meanOf(around(t, 1, season)) ?? overall;
  return filled;
}

function slice(y: Series, from: number, to: number): Float64Array {
  const out = new Float64Array(to - from);
  for (let i = from; i < to; i++) out[i - from] = y[i]!;
  return out;
}

/** The standard deviation of a series' values. */
function spread(y: Series): number {
  let mean = 0;
  for (let t = 0; t < y.length; t++) mean += y[t]!;
  mean /= y.length;
  let squared = 0;
  for (let t = 0; t < y.length; t++) squared += (y[t]! - mean) ** 2;
  return Math.sqrt(squared / Math.max(1, y.length - 1));
}

/**
 * Quantiles of one day's demand for an intermittent series: a day has demand with the probability
 * that makes the mixture's mean equal `mean`, and then a size drawn from the history's non-zero days.
 */
export function dailyQuantiles(y: Series, mean: number, levels: readonly number[]): { level: number; value: number }[] {
  const sizes: number[] = [];
  for (let t = 0; t < y.length; t++) if (y[t]! > 0) sizes.push(y[t]!);
  if (sizes.length === 0 || mean <= 0) return levels.map((level) => ({ level, value: 0 }));
  sizes.sort((a, b) => a - b);
  const meanSize = sizes.reduce((s, v) => s + v, 0) / sizes.length;
  const p = Math.min(1, mean / meanSize);
  return levels.map((level) => {
    // P(demand ≤ q) = (1 − p) + p · F_size(q): the zero days come first.
    if (level <= 1 - p) return { level, value: 0 };
    const within = (level - (1 - p)) / p;
    const index = Math.min(sizes.length - 1, Math.max(0, Math.ceil(within * sizes.length) - 1));
    return { level, value: sizes[index]! };
  });
}
