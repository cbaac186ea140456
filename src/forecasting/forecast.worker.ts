import { parentPort } from 'node:worker_threads';
import type { PoolReply, PoolRequest } from './pool.js';
import { forecastSeries } from './select.js';
import type { ForecastOptions, SeriesForecast } from './select.js';
import type { SeriesContext } from './pool.js';

/** A batch of series to forecast with the same options. */
export interface WorkerRequest {
  series: Float64Array[];
  options: ForecastOptions;
  /** Per series (same order), what it is forecast with beside `options`; missing or null: nothing. */
  contexts: (SeriesContext | null | undefined)[];
}
export type WorkerReply = SeriesForecast[];

parentPort?.on('message', ({ id, work }: PoolRequest<WorkerRequest>) => {
  const result = work.series.map((values, i) => {
    const context = work.contexts[i];
    const options = context?.weekProfile ? { ...work.options, weekProfile: context.weekProfile } : work.options;
    return forecastSeries(values, options, context?.promotions);
  });
  parentPort!.postMessage({ id, result } satisfies PoolReply<WorkerReply>);
});
