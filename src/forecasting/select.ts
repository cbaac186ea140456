import { METHODS, movingAverage, naive, sba } from './methods.js';
import type { Fit, MethodName, Series } from './methods.js';
import { flatSpread, spreadFromBacktest } from './uncertainty.js';
import type { ForecastSpread } from './uncertainty.js';
import { promotionsSeparable, withoutPromotedDays } from './promotion-lift.js';
import { shapeByWeek, weekProfile } from './week-profile.js';
import type { SeriesPromotions } from './promotion-lift.js';

/** A series' promotions as the forecast uses them: the calendar's days and the lift learned for it. */
export interface ForecastPromotions extends SeriesPromotions {
  /** The lift of a promoted day where none is planned: learned from past promotions, pooled over the category. */
  lift: number;
}

export interface ForecastOptions {
  /** Days to forecast (default 28). */
  horizon?: number;
  /** Season length in days (default 7). */
  season?: number;
  /** Rolling-origin backtest windows, each `horizon` days, ending at the series' end (default 3). */
  windows?: number;
  /** How many of the best-scoring methods are averaged into the forecast (default 3; 1: the best alone). */
  combine?: number;
  /**
   * The weekly profile of the series' group (e.g. its category), by position counted back from the
   * series' end, mean 1: laid over the forecasts of methods without a season of their own, as far as
   * the series' own weekly shares are thin. Left out: each series' own shares, shrunk towards flat.
   */
  weekProfile?: readonly number[];
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
  /** The method that scored best in the backtest. */
  method: MethodName;
  /** The methods whose forecasts were averaged into `mean`, best first (the best alone when only one was fitted). */
  combined: MethodName[];
  params: Readonly<Record<string, number>>;
  /** Mean demand per day for the horizon. */
  mean: number[];
  /** Standard deviation of a day's forecast error, from the backtest errors of the forecast as made (the average). */
  sigma: number;
  /** σ of the error for each forecast day, growing with the days ahead, and how errors carry from day to day. */
  spread: ForecastSpread;
  /** Whether demand comes on few days (average interval between demands over 1.32 days). */
  intermittent: boolean;
  /** For intermittent series: quantiles of a day's demand, from its empirical sizes (not a normal curve). */
  quantiles: { level: number; value: number }[] | null;
  /** Every candidate's backtest score, best first; empty when the history was too short to backtest. */
  scores: MethodScore[];
  /** The backtest score (RMSSE) of the forecast as made: of the combined methods' mean; null without a backtest. */
  rmsse: number | null;
  /**
   * Whether the backtest had sales to measure against. Without any, every method that forecasts zero
   * scores a perfect 0: the scores still choose a method, but say nothing of accuracy.
   */
  measured: boolean;
  /** The promotions in the forecast: how many days are promoted and the lift of those without a planned one. */
  promotion: { days: number; lift: number } | null;
  notes: string[];
}

const DEFAULT_LEVELS = [0.5, 0.8, 0.9, 0.95, 0.99];

/**
 * RMSSE as in the M5 competition: the forecast's root mean squared error over `actual`, scaled by the
 * in-sample mean squared one-day change of `history` (the error of yesterday's value). Days of
 * unknown demand (NaN) in `actual` are not scored; NaN when none is known.
 */
export function rmsse(history: Series, actual: Series, forecast: readonly number[]): number {
  // Pairs of days with an unknown one (NaN: out of stock) say nothing of the day-to-day change.
  let scale = 0;
  let pairs = 0;
  for (let t = 1; t < history.length; t++) {
    const change = (history[t]! - history[t - 1]!) ** 2;
    if (Number.isNaN(change)) continue;
    scale += change;
    pairs += 1;
  }
  scale /= Math.max(1, pairs);
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
 * days (fitted on what came before each origin); the best and those within 25 % of its mean RMSSE, up
 * to `combine`, are fitted on the whole history and averaged, and the spread comes from the average's
 * backtest errors. A series without sales
 * forecasts zero; one too short to backtest falls back to SBA when intermittent, else a moving
 * average (or the last value), with σ from its own day-to-day spread.
 *
 * @example
 * const f = forecastSeries(prepareSeries(points).values, { horizon: 28 });
 * f.method; // 'holt_winters'
 */
export function forecastSeries(
  series: Series,
  options: ForecastOptions = {},
  promotions?: ForecastPromotions,
): SeriesForecast {
  const maxHistory = options.maxHistory ?? 728;
  const horizon = options.horizon ?? 28;
  const season = options.season ?? 7;
  const notes: string[] = [];
  const first = Math.max(0, series.length - maxHistory);
  let observed = first > 0 ? slice(series, first, series.length) : series;
  // The promotions the forecast lifts: none when they cannot be told apart from the base level.
  let lifted = promotions;
  if (promotions) {
    const past = promotions.past.subarray(first, series.length);
    // Promoted days are not the base level: left out like days out of stock, and not scored.
    const base = withoutPromotedDays(observed, past);
    if (!promotionsSeparable(past, observed.length)) {
      notes.push('promoted on most days of its history: forecast as it sold, promotions not told apart');
      lifted = undefined;
    } else if (!soldAny(base) && soldAny(observed)) {
      notes.push('sold only while promoted: forecast as it sold, promotions not told apart');
      lifted = undefined;
    } else observed = base;
  }
  // Days of unknown demand (NaN) are estimated from their neighbours for fitting, and left unscored.
  const y = fillUnknownDays(observed, season);
  const windows = options.windows ?? 3;
  const n = y.length;
  // The kind of demand is judged on the days whose demand is known.
  const intermittent =
    averageDemandInterval(Float64Array.from(observed).filter((v) => !Number.isNaN(v))) > INTERMITTENT_INTERVAL;
  const candidates = (options.methods ?? (intermittent ? INTERMITTENT_METHODS : CONTINUOUS_METHODS)).filter(
    (m) => m in METHODS,
  );
  const finish = (
    fit: Fit,
    sigma: number,
    scores: MethodScore[],
    measured = false,
    spread = flatSpread(sigma, horizon),
    combined: MethodName[] = [fit.method],
    score: number | null = scores[0]?.rmsse ?? null,
  ): SeriesForecast => {
    const mean = fit.forecast(horizon).map((v) => Math.max(0, v));
    const promoted = lifted ? promote(mean, spread, lifted) : { spread, promotion: null };
    if (promoted.promotion)
      notes.push(
        `${promoted.promotion.days} forecast day${promoted.promotion.days === 1 ? '' : 's'} promoted: × ${promoted.promotion.lift.toFixed(2)} where no lift is planned, as past promotions sold`,
      );
    return {
      method: fit.method,
      combined,
      params: fit.params,
      mean,
      sigma,
      spread: promoted.spread,
      intermittent,
      quantiles: intermittent ? dailyQuantiles(observed, mean[0] ?? 0, options.levels ?? DEFAULT_LEVELS) : null,
      scores,
      rmsse: score,
      measured,
      promotion: promoted.promotion,
      notes,
    };
  };

  let sold = 0;
  for (let t = 0; t < n; t++) sold += y[t]!;
  if (sold === 0) {
    notes.push('no sales in the history: forecast zero');
    lifted = undefined;
    return {
      ...finish(naive(Array.from({ length: Math.max(1, n) }, () => 0)), 0, []),
      quantiles: null,
      promotion: null,
    };
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

  // The backtest's windows, oldest first: what was known before each origin, and what came after it.
  const backtest = Array.from({ length: windows }, (_, k) => n - (windows - k) * horizon).map((origin) => ({
    // Unknown days before the origin are filled from what was known then, never from the window ahead.
    history: fillUnknownDays(slice(observed, 0, origin), season),
    actual: slice(observed, origin, origin + horizon),
  }));
  const forecastOf = (method: MethodName, history: Series, profile: number[] | null) =>
    shapeByWeek(
      METHODS[method](history, season).forecast(horizon),
      SEASONAL_METHODS.has(method) ? null : profile,
      history.length,
      n,
    ).map((v) => Math.max(0, v));
  const profiles = backtest.map(({ history }) => weekProfile(history, season, options.weekProfile, n));
  const forecasts = new Map<MethodName, number[][]>();
  for (const method of candidates)
    forecasts.set(
      method,
      backtest.map(({ history }, w) => forecastOf(method, history, profiles[w]!)),
    );
  const scoreOf = (perWindow: readonly (readonly number[])[]) => {
    let total = 0;
    let scored = 0;
    backtest.forEach(({ history, actual }, w) => {
      // A window whose every day was out of stock measures nothing: it is left out, not scored 0.
      const score = rmsse(history, actual, perWindow[w]!);
      if (!Number.isNaN(score)) {
        total += score;
        scored += 1;
      }
    });
    return total / scored;
  };
  const scores: MethodScore[] = candidates.map((method) => ({ method, rmsse: scoreOf(forecasts.get(method)!) }));
  scores.sort((a, b) => a.rmsse - b.rmsse);
  // The best few are combined: their mean forecast errs less than the one that happened to score best.
  // Only those close to the best: one far behind (a method that never lets go of a level when
  // sales have stopped) would pull the mean away.
  const members = scores
    .slice(0, Math.max(1, options.combine ?? 3))
    .filter((s, k) => k === 0 || s.rmsse <= scores[0]!.rmsse * (1 + COMBINE_TOLERANCE))
    .map((s) => s.method);
  const combined = backtest.map((_, w) => meanOf(members.map((m) => forecasts.get(m)![w]!)));
  const residuals = backtest.map(({ actual }, w) =>
    Array.from({ length: horizon }, (_, i) => actual[i]! - combined[w]![i]!),
  );
  const known = residuals.flat().filter((e) => !Number.isNaN(e));
  const sigma = Math.sqrt(known.reduce((s, e) => s + e * e, 0) / Math.max(1, known.length));
  let backtestSold = 0;
  for (let t = n - windows * horizon; t < n; t++) if (!Number.isNaN(observed[t]!)) backtestSold += observed[t]!;
  if (backtestSold === 0)
    notes.push(`no sales in the last ${windows * horizon} days, the backtest window: accuracy not measured`);
  const profile = weekProfile(y, season, options.weekProfile);
  const fits = members.map((m) => METHODS[m](y, season));
  const mean = meanOf(
    fits.map((fit) =>
      shapeByWeek(fit.forecast(horizon), SEASONAL_METHODS.has(fit.method) ? null : profile, n, n).map((v) =>
        Math.max(0, v),
      ),
    ),
  );
  return finish(
    { method: fits[0]!.method, params: fits[0]!.params, forecast: () => mean },
    sigma,
    scores,
    backtestSold > 0,
    spreadFromBacktest(residuals, horizon),
    members,
    scoreOf(combined),
  );
}

/** Whether a series has a day of known demand with sales. */
function soldAny(y: Series): boolean {
  for (let t = 0; t < y.length; t++) if (y[t]! > 0) return true;
  return false;
}

/** How far behind the best backtest score a method may be and still join the combination. */
const COMBINE_TOLERANCE = 0.25;

/** Methods with a weekly season of their own: a pooled weekly profile is not laid over them. */
const SEASONAL_METHODS: ReadonlySet<MethodName> = new Set(['seasonal_naive', 'holt_winters']);

/** The day-by-day mean of equally long forecasts. */
function meanOf(forecasts: readonly (readonly number[])[]): number[] {
  return forecasts[0]!.map((_, i) => forecasts.reduce((s, f) => s + f[i]!, 0) / forecasts.length);
}

/**
 * Lifts the promoted forecast days of `mean` (in place) by their planned lift, else the learned one,
 * and their error σ with them (an error grows with the level); no promotion when no day is promoted.
 */
function promote(
  mean: number[],
  spread: ForecastSpread,
  promotions: ForecastPromotions,
): { spread: ForecastSpread; promotion: SeriesForecast['promotion'] } {
  let days = 0;
  const sigmas = [...spread.sigmas];
  for (let h = 0; h < mean.length; h++)
    if (promotions.future[h] === 1) {
      const lift = promotions.plannedLift[h]! > 0 ? promotions.plannedLift[h]! : promotions.lift;
      mean[h] = mean[h]! * lift;
      sigmas[h] = sigmas[h]! * lift;
      days += 1;
    }
  return { spread: { ...spread, sigmas }, promotion: days === 0 ? null : { days, lift: promotions.lift } };
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
