import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { WorkerReply, WorkerRequest } from './forecast.worker.js';
import type { ForecastOptions, ForecastPromotions, SeriesForecast } from './select.js';

const BATCH = 64;

/** A message to a pool worker: a batch's position and its work. */
export interface PoolRequest<T> {
  id: number;
  work: T;
}

/** A worker's answer to a batch. */
export interface PoolReply<R> {
  id: number;
  result: R;
}

/**
 * Runs `batches` on worker threads running `entry` (one per core by default), each worker taking the
 * next batch when it finishes one; returns the results in the order of `batches`. A worker answers a
 * `PoolRequest` with a `PoolReply` of the same id.
 */
export async function runOnWorkers<T, R>(
  entry: URL,
  batches: readonly T[],
  { workers = availableParallelism(), done }: { workers?: number; done?: (result: R) => void } = {},
): Promise<R[]> {
  const results = new Array<R>(batches.length);
  if (batches.length === 0) return results;
  const pool = Array.from({ length: Math.max(1, Math.min(workers, batches.length)) }, () => startWorker(entry));
  try {
    let next = 0;
    await Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              const id = next++;
              if (id >= batches.length) return resolve();
              worker.postMessage({ id, work: batches[id]! } satisfies PoolRequest<T>);
            };
            worker.on('message', (reply: PoolReply<R>) => {
              results[reply.id] = reply.result;
              done?.(reply.result);
              send();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => {
              if (code !== 0) reject(new Error(`a worker stopped with code ${code}`));
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
 * A worker running `entry`. Omnistock runs from its TypeScript sources through tsx, whose loader a
 * worker does not inherit (--import in its execArgv is not enough on Node 20): the worker registers
 * it first, then loads its code.
 */
function startWorker(entry: URL): Worker {
  const tsx = import.meta.resolve('tsx/esm/api');
  return new Worker(
    `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`,
    { eval: true },
  );
}

/** What one series is forecast with beside its values: its category's weekly profile, its promotions. */
export interface SeriesContext {
  weekProfile?: readonly number[];
  promotions?: ForecastPromotions;
}

/**
 * Forecasts many series in parallel on worker threads, in batches, calling `done` with the number
 * of series each finished batch held (for progress). Results come back in the order of `series`;
 * `contexts[i]`, where given, is what series i is forecast with beside the common `options`.
 *
 * @example
 * const forecasts = await forecastInParallel(series.map((s) => s.values), { horizon: 28 });
 */
export async function forecastInParallel(
  series: readonly Float64Array[],
  options: ForecastOptions,
  {
    workers,
    done,
    contexts,
  }: { workers?: number; done?: (count: number) => void; contexts?: readonly (SeriesContext | null)[] } = {},
): Promise<SeriesForecast[]> {
  const batches: WorkerRequest[] = [];
  for (let from = 0; from < series.length; from += BATCH)
    batches.push({
      series: series.slice(from, from + BATCH),
      options,
      contexts: contexts?.slice(from, from + BATCH) ?? [],
    });
  const results = await runOnWorkers<WorkerRequest, WorkerReply>(
    new URL('./forecast.worker.ts', import.meta.url),
    batches,
    {
      ...(workers ? { workers } : {}),
      done: (forecasts) => done?.(forecasts.length),
    },
  );
  return results.flat();
}
