import type { Selectable } from 'kysely';
import type { ForecastSeriesTable } from '../store/index.js';
import type { Forecast } from './forecasts.schemas.js';
import type { MethodName } from './methods.js';

/** A stored series as the API answers it; `from` is its run's first forecast day. */
export function toForecast(row: Selectable<ForecastSeriesTable>, from: string): Forecast {
  return {
    runId: row.run_id,
    sku: row.sku,
    locationId: row.location_id,
    from,
    method: row.method as MethodName,
    params: JSON.parse(row.params) as Record<string, number>,
    mean: JSON.parse(row.mean) as number[],
    sigma: row.sigma,
    intermittent: row.intermittent === 1,
    quantiles: row.quantiles === null ? null : (JSON.parse(row.quantiles) as Forecast['quantiles']),
    rmsse: row.rmsse,
    scores: JSON.parse(row.scores) as Forecast['scores'],
    notes: JSON.parse(row.notes) as string[],
  };
}
