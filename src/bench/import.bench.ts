import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCatalog } from '../catalog/index.js';
import type { Progress } from '../progress/index.js';
import { DATASETS, importCsv } from '../exchange/index.js';
import { createLedger } from '../ledger/index.js';
import type { MovementLine } from '../ledger/index.js';
import { dropSchema, openStore } from '../store/index.js';
import type { Store } from '../store/index.js';

export interface ImportBenchOptions {
  postgresUrl?: string | undefined;
  /** Rows in the generated movements file (default 1,000,000). */
  rows?: number;
  progress: Progress;
}

export interface ImportFigure {
  database: 'sqlite' | 'postgres';
  rows: number;
  fileMb: number;
  /** Rows per second of the whole import: both passes, check and write. */
  importPerSecond: number;
  /** Rows per second of posting the same movements through the ledger in batches of 1,000. */
  postingPerSecond: number;
  ratio: number;
  /** Peak resident memory of the process during the import, and during an import of a tenth of the file. */
  peakRssMb: number;
  tenthPeakRssMb: number;
}

const STORES = 20;
const SKUS = 500;
const BLOCK = 10;
const BATCH = 1000;

interface BenchRow {
  occurredAt: string;
  kind: 'receive' | 'sell';
  sku: string;
  from: string;
  to: string;
  quantity: number;
  reference: string | null;
}

/**
 * The benchmark's movements: blocks of ten rows per store and SKU in turn, a receipt of 50 then nine
 * sales of 1–5, a second apart, ending a day ago: valid at every step, so every row imports.
 */
function* benchRows(count: number, end = Date.now() - 86_400_000): Generator<BenchRow> {
  const start = end - count * 1000;
  for (let i = 0; i < count; i++) {
    const block = Math.floor(i / BLOCK);
    const pair = block % (STORES * SKUS);
    const store = `store-${pair % STORES}`;
    const sku = `SKU-${Math.floor(pair / STORES)}`;
    const occurredAt = new Date(start + i * 1000).toISOString();
    yield i % BLOCK === 0
      ? { occurredAt, kind: 'receive', sku, from: 'supplier', to: store, quantity: 50, reference: `PO-${block}` }
      : { occurredAt, kind: 'sell', sku, from: store, to: 'customer', quantity: 1 + (i % 5), reference: null };
  }
}

function* batches<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

async function writeBenchFile(path: string, rows: number, end: number): Promise<void> {
  const out = createWriteStream(path);
  out.write('occurred_at,kind,sku,from,to,quantity,reference\n');
  for (const r of benchRows(rows, end)) {
    const line = `${r.occurredAt},${r.kind},${r.sku},${r.from},${r.to},${r.quantity},${r.reference ?? ''}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function setUpNetwork(store: Store): Promise<void> {
  const catalog = createCatalog(store);
  for (let s = 0; s < STORES; s++)
    await catalog.createLocation({ id: `store-${s}`, name: `Store ${s}`, kind: 'store' });
  for (let p = 0; p < SKUS; p++) await catalog.createProduct({ sku: `SKU-${p}`, name: `Product ${p}` });
}

/** Peak resident memory while `work` runs, sampled every 20 ms. */
async function withPeakMemory<T>(work: () => Promise<T>): Promise<{ result: T; peakRssMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    const result = await work();
    return { result, peakRssMb: Math.round(Math.max(peak, process.memoryUsage().rss) / 2 ** 20) };
  } finally {
    clearInterval(timer);
  }
}

/**
 * Imports a generated movements CSV (default 1,000,000 rows) into a fresh database, and posts the same
 * movements through the ledger in batches of 1,000 into another, on SQLite and, when given, PostgreSQL.
 * Reports rows per second of each and their ratio, and the peak memory of the import for the whole
 * file and for a tenth of it (flat means the file's size does not matter).
 */
export async function benchImport(options: ImportBenchOptions): Promise<ImportFigure[]> {
  const rows = options.rows ?? 1_000_000;
  const { progress } = options;
  const dir = mkdtempSync(join(tmpdir(), 'omnistock-bench-import-'));
  const figures: ImportFigure[] = [];
  try {
    const end = Date.now() - 86_400_000;
    const file = join(dir, 'movements.csv');
    const tenth = join(dir, 'movements-tenth.csv');
    progress.start('Writing the movements file', 1);
    await writeBenchFile(file, rows, end);
    await writeBenchFile(tenth, Math.max(1, Math.round(rows / 10)), end);
    progress.stop();

    const targets: {
      database: 'sqlite' | 'postgres';
      open: (name: string) => Promise<Store>;
      drop: () => Promise<void>;
    }[] = [
      {
        database: 'sqlite',
        open: (name) => openStore(`sqlite:${join(dir, `${name}.db`)}`),
        drop: async () => {},
      },
    ];
    if (options.postgresUrl) {
      const url = options.postgresUrl;
      const schemas: string[] = [];
      targets.push({
        database: 'postgres',
        open: (name) => {
          const schema = `bench_import_${name}_${Date.now().toString(36)}`;
          schemas.push(schema);
          return openStore(url, { schema });
        },
        drop: async () => {
          for (const schema of schemas) await dropSchema(url, schema);
        },
      });
    }

    for (const target of targets) {
      try {
        const importInto = async (name: string, path: string) => {
          const store = await target.open(name);
          try {
            await setUpNetwork(store);
            const size = statSync(path).size;
            return await withPeakMemory(async () => {
              const started = performance.now();
              const report = await importCsv(store, DATASETS.movements, createReadStream(path), {
                actor: 'bench',
                progress,
                size,
              });
              if (report.errorCount > 0 || report.created !== report.rows)
                throw new Error(`the bench file did not import cleanly: ${JSON.stringify(report.errors.slice(0, 3))}`);
              return performance.now() - started;
            });
          } finally {
            await store.close();
          }
        };
        const small = await importInto('tenth', tenth);
        const whole = await importInto('whole', file);

        const store = await target.open('posting');
        let postingMs = 0;
        try {
          await setUpNetwork(store);
          const ledger = createLedger(store);
          progress.start(`${target.database}: posting through the ledger`, rows);
          const started = performance.now();
          for (const batch of batches(benchRows(rows, end), BATCH)) {
            const movements: MovementLine[] = batch.map((r) => ({
              sku: r.sku,
              from: r.from,
              to: r.to,
              quantity: r.quantity,
              kind: r.kind,
              ...(r.reference ? { reference: r.reference } : {}),
            }));
            await ledger.post({ movements, actor: 'bench', occurredAt: batch[batch.length - 1]!.occurredAt });
            progress.tick(batch.length);
          }
          postingMs = performance.now() - started;
          progress.stop();
        } finally {
          await store.close();
        }
        const importPerSecond = (rows / whole.result) * 1000;
        const postingPerSecond = (rows / postingMs) * 1000;
        figures.push({
          database: target.database,
          rows,
          fileMb: Math.round(statSync(file).size / 2 ** 20),
          importPerSecond,
          postingPerSecond,
          ratio: importPerSecond / postingPerSecond,
          peakRssMb: whole.peakRssMb,
          tenthPeakRssMb: small.peakRssMb,
        });
      } finally {
        await target.drop();
      }
    }
  } finally {
    progress.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}
