import { CompiledQuery } from 'kysely';
import type { QueryResult } from 'kysely';
import type { StoreCapabilities } from './capabilities.js';
import type { PrepareStatement } from './sqlite/sqlite.dialect.js';
import type { Db } from './store.js';

const numbered = new Map<string, string>();

/**
 * Transactions whose hand-written statements may run straight on their SQLite connection. Kysely runs
 * every statement through several promises; better-sqlite3 runs in-process and synchronously, so inside
 * a transaction (which already holds the store's one connection) the direct call is both safe and the
 * larger part of the cost saved. Outside a transaction the connection may be another's: never direct.
 */
const directConnections = new WeakMap<Db, PrepareStatement>();

export function runDirectlyWithin(trx: Db, prepare: PrepareStatement): void {
  directConnections.set(trx, prepare);
}

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
  const prepare = directConnections.get(db);
  if (prepare) {
    try {
      const statement = prepare(text);
      if (statement.reader) return Promise.resolve({ rows: statement.all([...parameters]) as Row[] });
      const { changes } = statement.run([...parameters]);
      return Promise.resolve({ rows: [], numAffectedRows: BigInt(changes) });
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }
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

const rowsOfPlaceholders = new Map<string, string>();

/**
 * `(?, ?, ?), (?, ?, ?)`: `rows` groups of `columns` placeholders, each group shaped by `group`
 * (give it a stable function, e.g. a module constant: results are remembered per shape).
 */
export function placeholderRows(
  rows: number,
  columns: number,
  group: (marks: string) => string = parenthesised,
): string {
  const key = `${rows}:${columns}:${group === parenthesised ? '' : group('?')}`;
  let text = rowsOfPlaceholders.get(key);
  if (text === undefined) {
    const one = group(Array.from({ length: columns }, () => '?').join(', '));
    text = Array.from({ length: rows }, () => one).join(', ');
    if (rowsOfPlaceholders.size < 10_000) rowsOfPlaceholders.set(key, text);
  }
  return text;
}

const parenthesised = (marks: string) => `(${marks})`;
