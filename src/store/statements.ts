import { CompiledQuery } from 'kysely';
import type { QueryResult } from 'kysely';
import type { StoreCapabilities } from './capabilities.js';
import type { Db } from './store.js';

const numbered = new Map<string, string>();

/**
 * Runs a hand-written statement whose parameters are marked `?`, on either database (PostgreSQL wants
 * `$1, $2, …`; the conversion is done once per text and remembered).
 *
 * The ledger's hot path uses these instead of the query builder: building and compiling a query costs
 * more than SQLite takes to run it, and a posting runs several.
 *
 * @example
 * await runStatement(trx, capabilities, 'update balances set reserved = reserved + ? where sku = ?', [1, 'TEA']);
 */
export function runStatement<Row>(
  db: Db,
  capabilities: StoreCapabilities,
  text: string,
  parameters: readonly unknown[],
): Promise<QueryResult<Row>> {
  let sql = text;
  if (capabilities.placeholders === 'numbered') {
    sql = numbered.get(text) ?? numberPlaceholders(text);
    if (numbered.size < 1000) numbered.set(text, sql);
  }
  return db.executeQuery<Row>(CompiledQuery.raw(sql, [...parameters]));
}

function numberPlaceholders(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

/** `(?, ?, ?), (?, ?, ?)`: `rows` groups of `columns` placeholders, each group wrapped by `group`. */
export function placeholderRows(rows: number, columns: number, group = (marks: string) => `(${marks})`): string {
  const one = group(Array.from({ length: columns }, () => '?').join(', '));
  return Array.from({ length: rows }, () => one).join(', ');
}
