import type { Command } from 'commander';
import { benchListeners, benchOutage } from '../bench/index.js';
import type { PhaseFigure } from '../bench/index.js';
import { positiveNumber } from './arguments.js';
import { columns, postgres, print, whole } from './bench-report.js';
import type { BenchResult } from './bench-report.js';
import { terminalProgress } from '../progress/index.js';

const OUTAGE =
  'PostgreSQL taken away under load (8 clients, half stock reads, half receipts): its connections reset and refused, then frozen, for 10 s each. What clients got before, during and after, the time from its return to the first success, and whether every acknowledged posting is in a ledger that verifies. Needs DATABASE_URL.';
const LISTENERS =
  'Transactions per second PostgreSQL runs for a server with 0, 50 and 200 idle Server-Sent Events listeners (its background work on), each in a database of its own. Needs DATABASE_URL.';

/** `bench outage` and `bench listeners`: how the server behaves when its database does not. */
export function faultBenchCommands(bench: Command): void {
  bench
    .command('outage')
    .description(OUTAGE)
    .option('--json', 'print one JSON object: figure name → number')
    .option('--seconds <n>', 'seconds PostgreSQL is away', positiveNumber, 10)
    .action(async (options: { json?: boolean; seconds: number }) => {
      print(options, await outage(requirePostgres(), options.seconds));
    });
  bench
    .command('listeners')
    .description(LISTENERS)
    .option('--json', 'print one JSON object: figure name → number')
    .option('--seconds <n>', 'seconds each measurement counts', positiveNumber, 10)
    .action(async (options: { json?: boolean; seconds: number }) => {
      print(options, await listeners(requirePostgres(), options.seconds));
    });
}

function requirePostgres(): string {
  const url = postgres({ json: true, postgres: true });
  if (!url) throw new Error('this benchmark needs PostgreSQL: set DATABASE_URL=postgres://…');
  return url;
}

async function outage(postgresUrl: string, seconds: number): Promise<BenchResult> {
  const results = await benchOutage({ postgresUrl, outageSeconds: seconds, progress: terminalProgress() });
  const figures: Record<string, number> = {};
  const rows: string[][] = [];
  for (const f of results) {
    for (const [phase, p] of [
      ['before', f.before],
      ['during', f.during],
      ['after', f.after],
    ] as const) {
      const name = `outage.${f.outage}.${phase}`;
      figures[`${name}.requests`] = p.requests;
      for (const [status, n] of Object.entries(p.statuses)) figures[`${name}.status_${status}`] = n;
      figures[`${name}.p50_ms`] = p.p50Ms;
      figures[`${name}.max_ms`] = p.maxMs;
      rows.push([f.outage, phase, whole(p.requests), statuses(p), String(p.p50Ms), whole(p.maxMs)]);
    }
    figures[`outage.${f.outage}.first_success_after_ms`] = f.firstSuccessAfterMs;
    figures[`outage.${f.outage}.acknowledged`] = f.acknowledged;
    figures[`outage.${f.outage}.found`] = f.found;
  }
  const table = columns(['outage', 'phase', 'requests', 'answers', 'p50 ms', 'max ms'], rows, [2, 4, 5]);
  const after = results
    .map(
      (f) =>
        `${f.outage}: first success ${f.firstSuccessAfterMs} ms after PostgreSQL was back; ${whole(f.found)} of ${whole(f.acknowledged)} acknowledged postings in the ledger; verify ${f.ledgerVerifies ? 'clean' : 'FAILED'}`,
    )
    .join('\n');
  return { figures, table: `${table}${after}\n` };
}

/** `201 ×120, 503 ×8`; `none` for a connection refused or reset. */
function statuses(phase: PhaseFigure): string {
  return Object.entries(phase.statuses)
    .map(([status, n]) => `${status === '0' ? 'none' : status} ×${whole(n)}`)
    .join(', ');
}

async function listeners(postgresUrl: string, seconds: number): Promise<BenchResult> {
  const results = await benchListeners({ postgresUrl, seconds, progress: terminalProgress() });
  const figures: Record<string, number> = {};
  for (const f of results) {
    figures[`listeners.${f.listeners}.transactions_per_s`] = Number(f.transactionsPerSecond.toFixed(1));
    figures[`listeners.${f.listeners}.ratio`] = Number(f.ratio.toFixed(2));
    figures[`listeners.${f.listeners}.feed_reads_per_s`] = Number(f.feedReadsPerSecond.toFixed(2));
  }
  const table = columns(
    ['idle listeners', 'transactions/s', 'ratio to none', 'event reads/s'],
    results.map((f) => [
      String(f.listeners),
      f.transactionsPerSecond.toFixed(1),
      f.ratio.toFixed(2),
      f.feedReadsPerSecond.toFixed(2),
    ]),
    [0, 1, 2, 3],
  );
  return { figures, table };
}
