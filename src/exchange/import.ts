import { once } from 'node:events';
import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Progress } from '../progress/index.js';
import { DomainError, isDomainError } from '../errors/index.js';
import { excerpt } from '../input/index.js';
import type { Store } from '../store/index.js';
import { readRow } from './cells.js';
import type { ImportReport, RowError } from './exchange.schemas.js';
import { readCsv } from './csv.js';
import type { ColumnMapping } from './csv.js';
import { addCounts, noCounts } from './dataset.js';
import type { Dataset, Lined } from './dataset.js';

export interface ImportOptions {
  /** Which header holds each column, where the file names it differently. */
  mapping?: ColumnMapping | undefined;
  /** Check the whole file and say what would change, writing nothing. */
  dryRun?: boolean | undefined;
  /** Import the good rows of a file that has bad ones (the bad ones are still reported). */
  skipErrors?: boolean | undefined;
  /** Who the imported changes are recorded as made by. */
  actor: string;
  progress?: Progress | undefined;
  /** The file's size in bytes, for progress. */
  size?: number | undefined;
}

export const ERRORS_LISTED = 1_000;
const BATCH_ROWS = 1_000;

/**
 * Imports a CSV file into `dataset` in two passes: the first reads the stream `source` and checks
 * every row (format, references, stock that would go below zero) without writing, keeping the good
 * rows in a temporary file; the second writes them, a batch per transaction, only if the file is
 * clean or `skipErrors` is set. So a file with errors changes nothing, and a file of millions of rows
 * is never held in memory. Every dataset
 * imports idempotently: the same file twice changes nothing the second time.
 *
 * @example
 * const report = await importCsv(store, PRODUCTS, createReadStream('products.csv'), { actor: 'ana' });
 */
export async function importCsv<Row>(
  store: Store,
  dataset: Dataset<Row>,
  source: Readable,
  options: ImportOptions,
): Promise<ImportReport> {
  const importer = dataset.importer(store, options.actor);
  const progress = options.progress;
  const errors: RowError[] = [];
  const badLines = new Set<number>();
  let errorCount = 0;
  const record = (found: readonly RowError[]) => {
    for (const error of found) {
      errorCount += 1;
      if (errors.length < ERRORS_LISTED) errors.push(error);
      badLines.add(error.line);
    }
  };

  let rows = 0;
  const predicted = noCounts();
  // The rows that passed, batch by batch, for the write pass: on disk, so memory stays flat, and
  // already parsed, so the file is read once.
  const spill = options.dryRun ? null : await Spill.create();
  try {
    progress?.start(`Checking ${dataset.name}`, options.size ?? 0);
    const first = await readBatches(dataset, source, options.mapping, progress, async (batch, problems) => {
      rows += batch.length + new Set(problems.map((p) => p.line)).size;
      record(problems);
      const checked = await importer.check(batch);
      record(checked.errors);
      addCounts(predicted, checked.counts);
      const bad = new Set(checked.errors.map((e) => e.line));
      await spill?.write(batch.filter((l) => !bad.has(l.line)));
    });
    record(first.problems);
    rows += first.problems.filter((p) => p.line > 1).length;
    errors.sort((a, b) => a.line - b.line);

    const report: ImportReport = {
      dataset: dataset.name,
      rows,
      badRows: [...badLines].filter((line) => line > 1).length,
      ...predicted,
      errors,
      errorCount,
      unusedHeaders: first.unusedHeaders,
      unusedHeaderCount: first.unusedHeaderCount,
      dryRun: options.dryRun ?? false,
      applied: false,
    };
    const headerBroken = first.problems.some((p) => p.line === 1);
    if (!spill || headerBroken || (errorCount > 0 && !options.skipErrors)) return report;

    const done = noCounts();
    // Not inside progress?.start(…): without a progress bar its arguments would never run, and the
    // spill file would be read before its last batch is written.
    const spilled = await spill.finish();
    progress?.start(`Importing ${dataset.name}`, spilled);
    let at = 0;
    try {
      for await (const batch of spill.batches<Row>(progress)) {
        at = batch[0]!.line;
        addCounts(done, await importer.apply(batch));
      }
    } catch (error) {
      // The file checked clean, so something changed meanwhile (another user sold the stock). What
      // was written stays; importing the file again skips it and goes on from here.
      // A database's message may quote the row it choked on: keep it short.
      const reason = excerpt(error instanceof Error ? error.message : String(error), 300);
      throw new DomainError(
        isDomainError(error) ? error.code : 'illegal_transition',
        `Import stopped at line ${at}: ${reason}. The rows before it were imported (${done.created} created, ${done.updated} updated); import the file again to go on from there.`,
        { line: at, ...done },
        { cause: error },
      );
    }
    return { ...report, ...done, applied: true };
  } finally {
    progress?.stop();
    spill?.remove();
  }
}

/** Checked batches kept in a temporary file, one JSON line per batch, until the write pass reads them. */
class Spill {
  private constructor(
    private readonly dir: string,
    private readonly path: string,
    private readonly out: WriteStream,
  ) {}

  static async create(): Promise<Spill> {
    const dir = await mkdtemp(join(tmpdir(), 'omnistock-import-'));
    const path = join(dir, 'checked.ndjson');
    return new Spill(dir, path, createWriteStream(path));
  }

  async write(batch: readonly Lined<unknown>[]): Promise<void> {
    if (batch.length > 0 && !this.out.write(`${JSON.stringify(batch)}\n`)) await once(this.out, 'drain');
  }

  /** Closes the file; returns its size. */
  async finish(): Promise<number> {
    this.out.end();
    await once(this.out, 'finish');
    return this.out.bytesWritten;
  }

  /**
   * The batches in order. The file is read as a stream, a chunk at a time, and the next chunk only
   * when the batches read so far are written (readline's iterator would queue the whole file when
   * the writing is slower than the reading).
   */
  async *batches<Row>(progress: Progress | undefined): AsyncGenerator<Lined<Row>[]> {
    let pending = '';
    for await (const chunk of createReadStream(this.path, { encoding: 'utf8' }) as AsyncIterable<string>) {
      pending += chunk;
      let start = 0;
      for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n', start)) {
        const line = pending.slice(start, end);
        start = end + 1;
        progress?.tick(Buffer.byteLength(line) + 1);
        yield JSON.parse(line) as Lined<Row>[];
      }
      pending = pending.slice(start);
    }
  }

  remove(): void {
    // Closing early (a file with errors) is no failure of the spill file.
    this.out.on('error', () => {});
    this.out.destroy();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Reads the file into batches of well-formed rows (about `BATCH_ROWS`, never splitting a group),
 * handing each to `use` with the format problems of the lines it covered.
 */
async function readBatches<Row>(
  dataset: Dataset<Row>,
  source: Readable,
  mapping: ColumnMapping | undefined,
  progress: Progress | undefined,
  use: (batch: Lined<Row>[], problems: RowError[]) => Promise<void>,
) {
  const reading = readCsv(source, dataset.columns, mapping);
  let batch: Lined<Row>[] = [];
  let problems: RowError[] = [];
  let bytes = 0;
  let group: string | null = null;
  for await (const { line, cells, bytes: read } of reading.records) {
    progress?.tick(read - bytes);
    bytes = read;
    const parsed = readRow(dataset.columns, dataset.schema, cells, line);
    if ('errors' in parsed) {
      problems.push(...parsed.errors);
      continue;
    }
    const key = dataset.groupKey?.(parsed.row) ?? null;
    if (batch.length >= BATCH_ROWS && (key === null || key !== group)) {
      await use(batch, problems);
      batch = [];
      problems = [];
    }
    group = key;
    batch.push({ line, row: parsed.row });
  }
  await use(batch, problems);
  return reading;
}
