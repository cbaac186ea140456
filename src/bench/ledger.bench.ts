import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCatalog } from '../catalog/index.js';
import type { Progress } from '../progress/index.js';
import { createLedger, createReservations } from '../ledger/index.js';
import { dropSchema, newId, openStore } from '../store/index.js';
import type { Store } from '../store/index.js';
import { openBareDriver } from './bare-driver.js';
import type { BareDriver, BareMovement } from './bare-driver.js';

export interface LedgerBenchOptions {
  /** PostgreSQL to measure as well (a fresh schema is made and dropped); SQLite is always measured. */
  postgresUrl?: string | undefined;
  /** Multiplies every operation count (default 1: about a minute for both databases). */
  scale?: number;
  progress: Progress;
}

/** One comparison: our rate, the bare driver's rate on the same rows, and their ratio. */
export interface Comparison {
  database: 'sqlite' | 'postgres';
  measure: string;
  unit: string;
  ledger: number;
  bare: number;
  ratio: number;
}

const ROUNDS = 10;
const SKUS = 2000;
const CONCURRENCY = 16;

/**
 * Measures posting and reservation throughput against the bare-driver floor, on SQLite (a WAL file)
 * and, when given, PostgreSQL. Our side and the floor run in alternating rounds on the same database,
 * so drift of the machine affects both alike, and each side's figure is its median round.
 */
export async function benchLedger(options: LedgerBenchOptions): Promise<Comparison[]> {
  const scale = options.scale ?? 1;
  const results: Comparison[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'omnistock-bench-'));
  try {
    const targets: { url: string; schema?: string }[] = [{ url: `sqlite:${join(dir, 'bench.db')}` }];
    if (options.postgresUrl) targets.push({ url: options.postgresUrl, schema: `bench_${Date.now().toString(36)}` });
    for (const target of targets) {
      const store = await openStore(target.url, {
        poolSize: CONCURRENCY,
        ...(target.schema ? { schema: target.schema } : {}),
      });
      const bare = openBareDriver(store, target.url);
      try {
        results.push(...(await benchOne(store, bare, scale, options.progress)));
      } finally {
        await bare.close();
        await store.close();
        if (target.schema) await dropSchema(target.url, target.schema);
      }
    }
  } finally {
    options.progress.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

async function benchOne(store: Store, bare: BareDriver, scale: number, progress: Progress): Promise<Comparison[]> {
  const database = store.capabilities.name;
  const ledger = createLedger(store);
  const reservations = createReservations(store);
  const skus = Array.from({ length: SKUS }, (_, i) => `P${String(i).padStart(5, '0')}`);

  progress.start(`${database}: setting up`, skus.length);
  const catalog = createCatalog(store);
  await catalog.createLocation({ id: 'dc-1', name: 'Bench DC', kind: 'distribution_centre' });
  await catalog.createLocation({ id: 'store-1', name: 'Bench store', kind: 'store' });
  for (const sku of skus) {
    await catalog.createProduct({ sku, name: sku });
    progress.tick();
  }
  await ledger.receive({ location: 'dc-1', lines: skus.map((sku) => ({ sku, quantity: 1e9 })), actor: 'bench' });
  await ledger.receive({ location: 'store-1', lines: [{ sku: skus[0]!, quantity: 1e9 }], actor: 'bench' });

  const sale = (sku: string): BareMovement => {
    const at = new Date().toISOString();
    return { id: newId(), postingId: newId(), sku, from: 'dc-1', to: 'customer', quantity: 1, at };
  };
  const results: Comparison[] = [];

  const single = Math.round(4000 * scale);
  results.push(
    await compare(database, 'post: 1 movement per transaction', 'movements/s', single, progress, {
      ledger: async (i) => {
        await ledger.sell({ location: 'dc-1', lines: [{ sku: skus[i % SKUS]!, quantity: 1 }], actor: 'bench' });
        return 1;
      },
      bare: async (i) => {
        await bare.post([sale(skus[i % SKUS]!)]);
        return 1;
      },
    }),
  );

  const batches = Math.max(ROUNDS, Math.round(12 * scale));
  const batch = 1000;
  results.push(
    await compare(database, `post: batches of ${batch}`, 'movements/s', batches, progress, {
      ledger: async (i) => {
        const movements = Array.from({ length: batch }, (_, j) => ({
          sku: skus[(i * batch + j) % SKUS]!,
          from: 'dc-1',
          to: 'customer',
          quantity: 1,
          kind: 'sell' as const,
        }));
        await ledger.post({ movements, actor: 'bench' });
        return batch;
      },
      bare: async (i) => {
        await bare.post(Array.from({ length: batch }, (_, j) => sale(skus[(i * batch + j) % SKUS]!)));
        return batch;
      },
    }),
  );

  const takes = Math.round(4000 * scale);
  results.push(
    await compare(database, `reserve: one hot SKU, ${CONCURRENCY} at once`, 'reservations/s', takes, progress, {
      concurrency: CONCURRENCY,
      ledger: async () => {
        await reservations.take({ sku: skus[0]!, location: 'store-1', quantity: 1, actor: 'bench', ttlSeconds: 3600 });
        return 1;
      },
      bare: async () => {
        if (!(await bare.reserveOne(skus[0]!, 'store-1'))) throw new Error('bare reservation refused');
        return 1;
      },
    }),
  );
  return results;
}

interface Sides {
  /** Runs operation `i`, returns how many units of work (movements, reservations) it did. */
  ledger: (i: number) => Promise<number>;
  bare: (i: number) => Promise<number>;
  concurrency?: number;
}

async function compare(
  database: Comparison['database'],
  measure: string,
  unit: string,
  operations: number,
  progress: Progress,
  sides: Sides,
): Promise<Comparison> {
  const rates: Record<'ledger' | 'bare', number[]> = { ledger: [], bare: [] };
  const perRound = Math.max(1, Math.floor(operations / ROUNDS));
  progress.start(`${database}: ${measure}`, perRound * ROUNDS * 2);
  let next = 0;
  // A short warm-up of each side so that neither pays for first-use costs (statement caches, JIT).
  await run(sides.ledger, Math.min(perRound, 200), sides.concurrency ?? 1, () => next++);
  await run(sides.bare, Math.min(perRound, 200), sides.concurrency ?? 1, () => next++);
  for (let round = 0; round < ROUNDS; round++) {
    for (const side of ['bare', 'ledger'] as const) {
      const started = performance.now();
      const work = await run(sides[side], perRound, sides.concurrency ?? 1, () => {
        progress.tick();
        return next++;
      });
      rates[side].push((work / (performance.now() - started)) * 1000);
    }
  }
  // The median round: a disk flush or a checkpoint that lands in one round does not decide the result.
  const ledger = median(rates.ledger);
  const bare = median(rates.bare);
  return { database, measure, unit, ledger, bare, ratio: ledger / bare };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Runs `count` operations, `concurrency` at a time; returns the work done. */
async function run(
  operation: (i: number) => Promise<number>,
  count: number,
  concurrency: number,
  index: () => number,
): Promise<number> {
  let remaining = count;
  let work = 0;
  const worker = async () => {
    while (remaining > 0) {
      remaining--;
      // Not `work += await …`: that reads `work` before the await and loses the other workers' counts.
      const done = await operation(index());
      work += done;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return work;
}
