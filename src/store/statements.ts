import { CompiledQuery } from 'kysely';
import type { QueryResult } from 'kysely';
import type { StoreCapabilities } from './capabilities.js';
import type { PrepareStatement } from './sqlite/sqlite.dialect.js';
import type { Db } from './store.js';

const numbered = new Map<string, string>();
/**
 * Statement texts are remembered only while short: a batch statement's text (hundreds of rows of
 * placeholders) costs little to rebuild next to running it, while caching every shape of it held
 * tens of megabytes through a long import.
 */
const CACHED_TEXT_LENGTH = 4096;

/** Runs a statement, its parameters already in the database's placeholder style, outside Kysely. */
export type DirectExecutor = (sql: string, parameters: unknown[]) => Promise<QueryResult<unknown>>;

/**
 * Kysely handles whose hand-written statements skip Kysely's own path:
 *
 * - an SQLite transaction, which already holds the store's one writing connection: better-sqlite3 runs
 *   in-process and synchronously, while Kysely passes every statement through several promises, the
 *   larger part of a small statement's cost;
 * - the store's root handle on SQLite, whose statements go to a separate read-only connection, so that
 *   they can never run inside (and see the uncommitted writes of) somebody else's transaction;
 * - the store's root handle on PostgreSQL, whose statements run as named prepared statements, planned
 *   once per connection instead of on every call.
 */
const directExecutors = new WeakMap<Db, DirectExecutor>();

export function runDirectlyOn(db: Db, executor: DirectExecutor): void {
  directExecutors.set(db, executor);
}

/** A direct executor over an SQLite connection's prepared statements. */
export function sqliteExecutor(prepare: PrepareStatement): DirectExecutor {
  return (sql, parameters) => {
    try {
      const statement = prepare(sql);
      if (statement.reader) return Promise.resolve({ rows: statement.all(parameters) });
      const { changes } = statement.run(parameters);
      return Promise.resolve({ rows: [], numAffectedRows: BigInt(changes) });
    } catch (error) {
      return Promise.reject(error as Error);
    }
  };
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
  let sql = text;
  if (capabilities.placeholders === 'numbered') {
    sql = numbered.get(text) ?? numberPlaceholders(text);
    if (numbered.size < 1000 && text.length <= CACHED_TEXT_LENGTH) numbered.set(text, sql);
  }
  const direct = directExecutors.get(db);
  if (direct) return direct(sql, [...parameters]) as Promise<QueryResult<Row>>;
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
    if (rowsOfPlaceholders.size < 1000 && text.length <= CACHED_TEXT_LENGTH) rowsOfPlaceholders.set(key, text);
  }
  return text;
}

const parenthesised = (marks: string) => `(${marks})`;

/**
 * Rows per multi-row statement. A fixed size means the same few statement texts recur, so SQLite reuses
 * their prepared form instead of parsing thousands of placeholders for every posting; it also stays far
 * below both databases' limits on parameters (13 × 256 for movements).
 */
export const ROWS_PER_STATEMENT = 256;

/** `items` in consecutive slices of `size`. */
export function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
