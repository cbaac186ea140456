import { Command } from 'commander';
import { benchApi } from '../bench/api.bench.js';
import { benchLedger } from '../bench/ledger.bench.js';
import type { Comparison } from '../bench/ledger.bench.js';
import { isPostgresUrl } from '../store/index.js';
import { terminalProgress } from './progress.js';

export function benchCommand(): Command {
  const bench = new Command('bench').description('Measure throughput against a baseline taken in the same run.');
  bench
    .command('ledger')
    .description(
      'Posting (1 movement per transaction, batches of 1,000) and reservations (16 at once on one hot SKU), each against the bare driver writing the same rows, on SQLite and, when DATABASE_URL names one, PostgreSQL.',
    )
    .option('--json', 'print one JSON object: figure name → number')
    .option('--scale <factor>', 'multiply the operation counts', parseFloat, 1)
    .option('--no-postgres', 'measure SQLite only')
    .action(async (options: { json?: boolean; scale: number; postgres: boolean }) => {
      const url = process.env.DATABASE_URL;
      const postgresUrl = options.postgres && url && isPostgresUrl(url) ? url : undefined;
      if (!postgresUrl && !options.json)
        process.stderr.write('PostgreSQL not measured: set DATABASE_URL=postgres://… to include it.\n');
      const results = await benchLedger({ postgresUrl, scale: options.scale, progress: terminalProgress() });
      process.stdout.write(options.json ? `${JSON.stringify(asFigures(results))}\n` : table(results));
    });
  bench
    .command('api')
    .description(
      'HTTP throughput with autocannon: GET one stock row and POST one movement, each against a bare Fastify route answering a constant (the ceiling), on SQLite and, when DATABASE_URL names one, PostgreSQL.',
    )
    .option('--json', 'print one JSON object: figure name → number')
    .option('--seconds <n>', 'seconds per measurement', parseFloat, 5)
    .option('--connections <n>', 'concurrent connections', parseFloat, 10)
    .option('--no-postgres', 'measure SQLite only')
    .action(async (options: { json?: boolean; seconds: number; connections: number; postgres: boolean }) => {
      const url = process.env.DATABASE_URL;
      const postgresUrl = options.postgres && url && isPostgresUrl(url) ? url : undefined;
      if (!postgresUrl && !options.json)
        process.stderr.write('PostgreSQL not measured: set DATABASE_URL=postgres://… to include it.\n');
      const figures = await benchApi({
        postgresUrl,
        seconds: options.seconds,
        connections: options.connections,
        progress: terminalProgress(),
      });
      if (options.json) {
        const named: Record<string, number> = {};
        for (const f of figures) {
          const name = `${f.database}.${slug(f.measure)}`;
          named[`${name}.requests_per_s`] = Math.round(f.requestsPerSecond);
          named[`${name}.p50_ms`] = f.p50Ms;
          named[`${name}.p99_ms`] = f.p99Ms;
          named[`${name}.ratio`] = Number(f.ratio.toFixed(3));
        }
        process.stdout.write(`${JSON.stringify(named)}\n`);
        return;
      }
      process.stdout.write(
        columns(
          ['database', 'measure', 'requests/s', 'p50 ms', 'p99 ms', 'ratio'],
          figures.map((f) => [
            f.database,
            f.measure,
            Math.round(f.requestsPerSecond).toLocaleString('en'),
            String(f.p50Ms),
            String(f.p99Ms),
            f.ratio.toFixed(2),
          ]),
          [2, 3, 4, 5],
        ),
      );
    });
  return bench;
}

/** A plain text table; `right` lists the columns aligned to the right (numbers). */
function columns(header: string[], rows: string[][], right: number[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (right.includes(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

export function asFigures(results: Comparison[]): Record<string, number> {
  const figures: Record<string, number> = {};
  for (const r of results) {
    const name = `${r.database}.${slug(r.measure)}`;
    figures[`${name}.ledger_per_s`] = Math.round(r.ledger);
    figures[`${name}.bare_per_s`] = Math.round(r.bare);
    figures[`${name}.ratio`] = Number(r.ratio.toFixed(3));
  }
  return figures;
}

function table(results: Comparison[]): string {
  return columns(
    ['database', 'measure', 'ledger', 'bare driver', 'ratio', 'unit'],
    results.map((r) => [
      r.database,
      r.measure,
      Math.round(r.ledger).toLocaleString('en'),
      Math.round(r.bare).toLocaleString('en'),
      r.ratio.toFixed(2),
      r.unit,
    ]),
    [2, 3, 4],
  );
}
