import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { WorkerReply, WorkerRequest } from './forecast.worker.js';
import type { ForecastOptions, SeriesForecast } from './select.js';

const BATCH = 64;

/**
 * Forecasts many series in parallel on worker threads (one per core by default), in batches, calling
 * `done` as each batch finishes (for progress). Results come back in the order of `series`.
 *
 * @example
 * const forecasts = await forecastInParallel(series.map((s) => s.values), { horizon: 28 });
 */
export async function forecastInParallel(
  series: readonly Float64Array[],
  options: ForecastOptions,
  { workers = availableParallelism(), done }: { workers?: number; done?: (count: number) => void } = {},
): Promise<SeriesForecast[]> {
  const results = new Array<SeriesForecast>(series.length);
  const batches: { id: number; from: number; to: number }[] = [];
  for (let from = 0, id = 0; from < series.length; from += BATCH, id++)
    batches.push({ id, from, to: Math.min(series.length, from + BATCH) });
  if (batches.length === 0) return results;
  const pool = Array.from({ length: Math.max(1, Math.min(workers, batches.length)) }, startWorker);
  try {
    let next = 0;
    await Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              const batch = batches[next++];
              if (!batch) return resolve();
              const request: WorkerRequest = { id: batch.id, series: series.slice(batch.from, batch.to), options };
              worker.postMessage(request);
            };
            worker.on('message', (reply: WorkerReply) => {
              const batch = batches[reply.id]!;
              reply.forecasts.forEach((f, i) => (results[batch.from + i] = f));
              done?.(reply.forecasts.length);
              send();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => {
              if (code !== 0) reject(new Error(`a forecasting worker stopped with code ${code}`));
            });
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
  return results;
}

/**
 * A worker running forecast.worker.ts. Omnistock runs from its TypeScript sources through tsx, whose
 * loader a worker does not inherit: the worker registers it first, then loads the forecasting code.
 */
function startWorker(): Worker {
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./forecast.worker.ts', import.meta.url).href;
  return new Worker(
    `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`,
    { eval: true },
  );
}
