import { parentPort } from 'node:worker_threads';
import type { PoolReply, PoolRequest } from './pool.js';
import { forecastSeries } from './select.js';
import type { ForecastOptions, SeriesForecast } from './select.js';

/** A batch of series to forecast with the same options. */
export interface WorkerRequest {
  series: Float64Array[];
  options: ForecastOptions;
}
export type WorkerReply = SeriesForecast[];

parentPort?.on('message', ({ id, work }: PoolRequest<WorkerRequest>) => {
  const result = work.series.map((values) => forecastSeries(values, work.options));
  parentPort!.postMessage({ id, result } satisfies PoolReply<WorkerReply>);
});
