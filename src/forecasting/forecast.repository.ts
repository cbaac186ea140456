import type { Selectable } from 'kysely';
import type { ForecastSeriesTable } from '../store/index.js';
import type { Forecast } from './forecasts.schemas.js';
import type { MethodName } from './methods.js';
import { dayDemandQuantiles } from './uncertainty.js';

/** A stored series' daily means and the spread of their errors. */
export function demandOf(
  row: Pick<Selectable<ForecastSeriesTable>, 'mean' | 'sigma' | 'sigmas' | 'error_correlation'>,
): { mean: number[]; spread: { sigmas: number[]; errorCorrelation: number } } {
  const mean = JSON.parse(row.mean) as number[];
  // Series stored before spreads were kept: one σ for every day, days independent.
  const sigmas = row.sigmas === null ? mean.map(() => row.sigma) : (JSON.parse(row.sigmas) as number[]);
  return { mean, spread: { sigmas, errorCorrelation: row.error_correlation ?? 0 } };
}

/** A stored series as the API answers it; `from` is its run's first forecast day. */
export function toForecast(row: Selectable<ForecastSeriesTable>, from: string): Forecast {
  const {
    mean,
    spread: { sigmas, errorCorrelation },
  } = demandOf(row);
  return {
    runId: row.run_id,
    sku: row.sku,
    locationId: row.location_id,
    from,
    method: row.method as MethodName,
    combined: row.combined === null ? [row.method as MethodName] : (JSON.parse(row.combined) as MethodName[]),
    promotion: row.promotion === null ? null : (JSON.parse(row.promotion) as Forecast['promotion']),
    params: JSON.parse(row.params) as Record<string, number>,
    mean,
    sigma: row.sigma,
    intermittent: row.intermittent === 1,
    quantiles: row.quantiles === null ? null : (JSON.parse(row.quantiles) as Forecast['quantiles']),
    rmsse: row.rmsse,
    scores: JSON.parse(row.scores) as Forecast['scores'],
    notes: JSON.parse(row.notes) as string[],
    sigmas,
    errorCorrelation,
    intervals: mean.map((m, day) => dayDemandQuantiles(m, sigmas[day] ?? row.sigma)),
  };
}
