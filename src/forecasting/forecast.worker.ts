import { parentPort } from 'node:worker_threads';
import { forecastSeries } from './select.js';
import type { ForecastOptions, SeriesForecast } from './select.js';

/** A batch of series to forecast, as the pool sends it. */
export interface WorkerRequest {
  id: number;
  series: Float64Array[];
  options: ForecastOptions;
}

export interface WorkerReply {
  id: number;
  forecasts: SeriesForecast[];
}

parentPort?.on('message', (request: WorkerRequest) => {
  const forecasts = request.series.map((values) => forecastSeries(values, request.options));
  parentPort!.postMessage({ id: request.id, forecasts } satisfies WorkerReply);
});
