import { Command } from 'commander';
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
  return bench;
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
  const rows = results.map((r) => [
    r.database,
    r.measure,
    Math.round(r.ledger).toLocaleString('en'),
    Math.round(r.bare).toLocaleString('en'),
    r.ratio.toFixed(2),
    r.unit,
  ]);
  const header = ['database', 'measure', 'ledger', 'bare driver', 'ratio', 'unit'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i >= 2 && i <= 4 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}
