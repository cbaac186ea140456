import type { Db } from '../store/index.js';
import { addDays } from '../calendar/index.js';
import { demandOf } from './forecast.repository.js';
import type { ForecastSpread } from './uncertainty.js';

/** One series of a run as planning reads it: the daily means and the spread of their errors. */
export interface DemandSeries {
  sku: string;
  locationId: string;
  mean: number[];
  spread: ForecastSpread;
}

/** The latest run's series, every one, with the run's first forecast day; null before any run. */
export interface LatestForecast {
  runId: string;
  /** The first forecast day (YYYY-MM-DD). */
  from: string;
  horizon: number;
  series: DemandSeries[];
}

/**
 * Every series of the latest forecast run in one read, for planning the whole network.
 *
 * @example
 * const latest = await latestForecast(db);
 * latest?.series.find((s) => s.sku === 'TEA-1' && s.locationId === 'store-1')?.mean[0]; // units expected on the first day
 */
export async function latestForecast(db: Db): Promise<LatestForecast | null> {
  const run = await db
    .selectFrom('forecast_runs')
    .select(['id', 'history_until', 'horizon'])
    .orderBy('finished_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!run) return null;
  const rows = await db
    .selectFrom('forecast_series')
    .select(['sku', 'location_id', 'mean', 'sigma', 'sigmas', 'error_correlation'])
    .where('run_id', '=', run.id)
    .execute();
  return {
    runId: run.id,
    from: addDays(run.history_until, 1),
    horizon: run.horizon,
    series: rows.map((row) => ({ sku: row.sku, locationId: row.location_id, ...demandOf(row) })),
  };
}
