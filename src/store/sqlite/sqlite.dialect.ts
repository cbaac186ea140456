import { mkdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, SqliteAdapter, SqliteDialect } from 'kysely';
import type { DatabaseConnection, Dialect, Driver } from 'kysely';
import type { StoreCapabilities } from '../capabilities.js';

/** The longest pause between two tries for the write lock. */
const LOCK_POLL_MS = 20;

export const sqliteCapabilities: StoreCapabilities = {
  name: 'sqlite',
  timestampType: 'text',
  quantityType: 'integer',
  decimalType: 'real',
  // Timestamps are ISO-8601 text in UTC: the day is its first ten characters.
  utcDay: (column) => `substr(${column}, 1, 10)`,
  placeholders: 'question',
  // BEGIN IMMEDIATE already holds the one write lock for the whole transaction.
  lockUntilCommit: async () => {},
  // A plain SQLITE_BUSY comes after the busy timeout has been waited out (transactions take the write
  // lock up front): that is the lock limit, not a race worth running again.
  isRetryable(error) {
    const code = (error as { code?: unknown } | null)?.code;
    return code === 'SQLITE_BUSY_SNAPSHOT' || code === 'SQLITE_LOCKED';
  },
  failureOf(error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code !== 'string') return undefined;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_TIMEOUT') return 'write_locked';
    // The file cannot be read or written: a full disk, a lost volume, a read-only mount.
    if (/^SQLITE_(IOERR|FULL|CANTOPEN|READONLY|NOTADB|CORRUPT)/.test(code)) return 'unavailable';
    return undefined;
  },
};

/**
 * Opens (creating if needed) an SQLite database file in WAL mode.
 *
 * Transactions start with `BEGIN IMMEDIATE`, taking the write lock up front: with the default deferred
 * `BEGIN`, two processes that both read and then write would fail with SQLITE_BUSY instead of waiting.
 */
export function createSqliteDialect(
  filename: string,
  lockTimeoutMs: number,
): {
  dialect: Dialect;
  prepare: PrepareStatement;
  prepareRead: PrepareStatement | undefined;
} {
  const inMemory = filename === ':memory:';
  if (!inMemory) mkdirSync(dirname(filename), { recursive: true });
  const database = new SqliteDatabase(filename);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  // The writer never waits inside SQLite (that would block the process): `sqliteDriver` waits instead.
  database.pragma('busy_timeout = 0');
  // A second, read-only connection for reads outside transactions: in WAL mode it sees the last
  // committed state and never waits for the writer. (An in-memory database cannot have a second one.)
  const reader = inMemory ? undefined : new SqliteDatabase(filename, { readonly: true, fileMustExist: true });
  reader?.pragma(`busy_timeout = ${lockTimeoutMs}`);
  const statements = reusingStatements(database, () => reader?.close());
  const dialect = new SqliteDialect({ database: statements });
  return {
    dialect: {
      // SQLite runs schema changes inside transactions; Kysely's adapter does not claim so, and its
      // migrator then runs migrations without one, so two processes opening a new file at once both
      // applied the first migration. Said here, the migrations run in one BEGIN IMMEDIATE transaction.
      createAdapter: () => new TransactionalDdlAdapter(),
      createIntrospector: (db) => dialect.createIntrospector(db),
      createQueryCompiler: () => dialect.createQueryCompiler(),
      createDriver: () => sqliteDriver(dialect.createDriver(), lockTimeoutMs),
    },
    prepare: statements.prepare,
    prepareRead: reader ? reusingStatements(reader).prepare : undefined,
  };
}

/** Prepares (or reuses) a statement on one of the store's SQLite connections. */
export type PrepareStatement = (sql: string) => SqliteDatabase.Statement;

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query afresh, and on SQLite preparing (parsing and planning the SQL) costs
 * more than running a small statement. This keeps the most recently used statements by their SQL text.
 * A statement still being iterated (`busy`) is not shared: the caller gets a fresh one.
 */
function reusingStatements(
  database: SqliteDatabase.Database,
  onClose?: () => void,
): { close(): void; prepare: PrepareStatement } {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => {
      database.close();
      onClose?.();
    },
    prepare(sql: string) {
      const cached = cache.get(sql);
      if (cached && !cached.busy) {
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = database.prepare(sql);
      if (!cached) {
        cache.set(sql, statement);
        if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      return statement;
    },
  };
}

class TransactionalDdlAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/**
 * The driver with two changes. Transactions start with `BEGIN IMMEDIATE` (see above). And a statement
 * that finds the write lock taken by another connection waits for it here, asynchronously, until the
 * lock limit: better-sqlite3 waits out SQLite's own busy timeout synchronously, which would stop the
 * whole server — every request, every read — for as long as another process (an import, a second
 * server) holds the lock.
 */
function sqliteDriver(driver: Driver, lockTimeoutMs: number): Driver {
  const waitingForTheLock = (connection: DatabaseConnection): DatabaseConnection => ({
    async executeQuery(query) {
      const deadline = Date.now() + lockTimeoutMs;
      for (let wait = 1; ; wait = Math.min(wait * 2, LOCK_POLL_MS)) {
        try {
          return await connection.executeQuery(query);
        } catch (error) {
          if ((error as { code?: unknown }).code !== 'SQLITE_BUSY' || Date.now() >= deadline) throw error;
          await sleep(Math.min(wait, Math.max(1, deadline - Date.now())));
        }
      }
    },
    streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
  });
  return {
    init: () => driver.init(),
    acquireConnection: async () => waitingForTheLock(await driver.acquireConnection()),
    async beginTransaction(connection: DatabaseConnection) {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    },
    commitTransaction: (connection) => driver.commitTransaction(connection),
    rollbackTransaction: (connection) => driver.rollbackTransaction(connection),
    releaseConnection: (connection) => driver.releaseConnection(connection),
    destroy: () => driver.destroy(),
  };
}
