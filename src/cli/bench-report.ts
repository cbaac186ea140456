import { isPostgresUrl } from '../store/index.js';

/** A benchmark's result: its figures by name, for `--json`, and its table, for people. */
export interface BenchResult {
  figures: Record<string, number>;
  table: string;
}

/** The PostgreSQL URL to measure on, if DATABASE_URL names one and `--no-postgres` was not given. */
export function postgres(options: { json?: boolean; postgres: boolean }): string | undefined {
  const url = process.env.DATABASE_URL;
  const postgresUrl = options.postgres && url && isPostgresUrl(url) ? url : undefined;
  if (!postgresUrl && !options.json)
    process.stderr.write('PostgreSQL not measured: set DATABASE_URL=postgres://… to include it.\n');
  return postgresUrl;
}

export function print(options: { json?: boolean }, ...results: BenchResult[]): void {
  if (options.json) process.stdout.write(`${JSON.stringify(Object.assign({}, ...results.map((r) => r.figures)))}\n`);
  else process.stdout.write(results.map((r) => r.table).join('\n'));
}

export const whole = (n: number) => Math.round(n).toLocaleString('en');

/** A plain text table; `right` lists the columns aligned to the right (numbers). */
export function columns(header: string[], rows: string[][], right: number[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (right.includes(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}
