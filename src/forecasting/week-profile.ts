import type { Series } from './methods.js';

/** Units of a series' own sales that weigh as much as the pooled weekly profile. */
const PROFILE_POOLING_UNITS = 50;

/**
 * The weekly profile of `y`, by position counted back from day `end` (index k: days t with
 * (t − end) mod season = k; `end` is where the series' forecast starts, which a backtest's history
 * stops short of), mean 1: each position's units over the level around them (a centred moving
 * average over one season, so a trend is not taken for a weekday), shrunk towards `pooled` (its
 * category's, counted from the same day) as far as the series has sold few units; null without either.
 */
export function weekProfile(
  y: Series,
  season: number,
  pooled: readonly number[] | undefined,
  end = y.length,
): number[] | null {
  if (season <= 1) return null;
  const sold = new Array<number>(season).fill(0);
  const level = new Array<number>(season).fill(0);
  const half = Math.floor(season / 2);
  let total = 0;
  let window = 0;
  for (let t = 0; t < Math.min(season, y.length); t++) window += y[t]!;
  for (let t = half; t + season - half <= y.length; t++) {
    const k = (((t - end) % season) + season) % season;
    sold[k] = sold[k]! + y[t]!;
    level[k] = level[k]! + window / season;
    total += y[t]!;
    if (t + season - half < y.length) window += y[t + season - half]! - y[t - half]!;
  }
  const prior = pooled ?? new Array<number>(season).fill(1);
  if (total === 0) return pooled ? [...pooled] : null;
  const own = sold.map((units, k) => (level[k]! === 0 ? 1 : units / level[k]!));
  const mean = own.reduce((a, b) => a + b, 0) / season;
  return own.map((o, k) => (total * (o / mean) + PROFILE_POOLING_UNITS * prior[k]!) / (total + PROFILE_POOLING_UNITS));
}

/**
 * A flat forecast laid over the weekly profile: day i after a history of `historyLength` days sits at
 * position (historyLength + i − end) mod season of a profile counted back from `end`.
 */
export function shapeByWeek(
  forecast: number[],
  profile: number[] | null,
  historyLength: number,
  end: number,
): number[] {
  if (!profile) return forecast;
  const season = profile.length;
  return forecast.map((v, i) => v * profile[(((historyLength + i - end) % season) + season) % season]!);
}

/** Known days a series needs to add its weekdays to a group's profile: four whole weeks. */
const POOLED_KNOWN_WEEKS = 4;

/**
 * The weekly profile of a group of series that end on the same day (a category's SKU × locations),
 * by position counted back from the end, mean 1: each series' own shares by position (its mean on
 * each against its mean over all), weighted by its units. Days of unknown demand (NaN) are left out,
 * and so is a series with fewer than four weeks of known days at any position (a product launched
 * last week would lend its few weekdays all its weight); null when no series is left.
 *
 * @example
 * pooledWeekProfile([Float64Array.from({ length: 28 }, (_, t) => (t % 2 ? 3 : 1))], 2); // [1.5, 0.5]: the last day sells most
 */
export function pooledWeekProfile(group: Iterable<Series>, season: number): number[] | null {
  const pooled = new Array<number>(season).fill(0);
  let weight = 0;
  const sums = new Array<number>(season).fill(0);
  const days = new Array<number>(season).fill(0);
  for (const y of group) {
    sums.fill(0);
    days.fill(0);
    let units = 0;
    for (let t = 0; t < y.length; t++)
      if (!Number.isNaN(y[t]!)) {
        const k = (((t - y.length) % season) + season) % season;
        sums[k] = sums[k]! + y[t]!;
        days[k] = days[k]! + 1;
        units += y[t]!;
      }
    if (units === 0 || days.some((d) => d < POOLED_KNOWN_WEEKS)) continue;
    const means = sums.map((sum, k) => sum / days[k]!);
    const mean = means.reduce((a, b) => a + b, 0) / season;
    means.forEach((m, k) => (pooled[k] = pooled[k]! + (units * m) / mean));
    weight += units;
  }
  return weight === 0 ? null : pooled.map((v) => v / weight);
}
