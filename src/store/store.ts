import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kysely } from 'kysely';
import type { Dialect, Transaction } from 'kysely';
import type { StoreCapabilities } from './capabilities.js';
import { failed, reportingExecutorFailures, reportingFailures } from './failures.js';
import type { Guard } from './failures.js';
import { DatabaseHealth } from './health.js';
import { SERVER_LIMITS } from './limits.js';
import { postgresSignals } from './postgres/listener.js';
import { processSignals } from './signals.js';
import type { Signals } from './signals.js';
import type { DatabaseLimits } from './limits.js';
import { migrateToLatest } from './migrations/index.js';
import {
  createPostgresDialect,
  pingPostgres,
  postgresCapabilities,
  runOnPostgres,
} from './postgres/postgres.dialect.js';
import type { Database } from './schema.js';
import { createSqliteDialect, sqliteCapabilities } from './sqlite/sqlite.dialect.js';
import { runDirectlyOn, runStatement, sqliteExecutor } from './statements.js';
import type { DirectExecutor } from './statements.js';
import { preparedStatements } from './postgres/postgres.dialect.js';

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;

export interface Store {
  readonly db: Db;
  readonly capabilities: StoreCapabilities;
  /** Where the data lives, without credentials, for people to read. */
  readonly location: string;
  /** The PostgreSQL schema the tables live in; undefined on SQLite. */
  readonly schema: string | undefined;
  /** Whether the database answers, as the last statement found. */
  readonly health: DatabaseHealth;
  /** How long statements may wait on the database. */
  readonly limits: DatabaseLimits;
  /** Wake-up calls to the processes that share the database (see `Signals`). */
  readonly signals: Signals;
  /**
   * Whether the database answers a trivial statement within `withinMs`, asked apart from the requests'
   * connections (readiness must not queue behind a busy pool). Throws `database_unavailable` if not.
   */
  ping(withinMs: number): Promise<void>;
  /**
   * Runs `work` in one transaction, and runs it again (up to `attempts` times, with jittered backoff)
   * when the database says the transaction lost a race. `work` must therefore only touch the database.
   */
  transaction<T>(work: (trx: Trx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** PostgreSQL schema to use (created if missing). */
  schema?: string;
  /** PostgreSQL pool size. */
  poolSize?: number;
  /** Apply pending migrations on open (default true). */
  migrate?: boolean;
  /** How long statements may wait (default: the server's limits). */
  limits?: DatabaseLimits;
}

const TRANSACTION_ATTEMPTS = 8;

/** The default database: a SQLite file in the data directory. */
export function defaultDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  const dataDir = env.OMNISTOCK_DATA_DIR ?? './data';
  return `sqlite:${resolve(dataDir, 'omnistock.db')}`;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/**
 * Opens the store named by `url`: `postgres://…[?schema=name]` for PostgreSQL; `sqlite:<path>`, `file:<path>`, a plain
 * path or `:memory:` for SQLite. Pending migrations are applied unless `migrate` is false.
 *
 * @example
 * const store = await openStore('sqlite:./data/omnistock.db');
 * await store.close();
 */
export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  const limits = options.limits ?? SERVER_LIMITS;
  const health = new DatabaseHealth();
  const postgres = isPostgresUrl(url);
  const capabilities: StoreCapabilities = postgres ? postgresCapabilities : sqliteCapabilities;
  // Every statement's failure goes through `guard`: a database that went away answers as such.
  const guard: Guard = { capabilities, limits, health };
  let db: Db;
  let location: string;
  let schema: string | undefined;
  let writer: DirectExecutor | undefined;
  let signals: Signals;
  let ping: (withinMs: number) => Promise<void>;
  if (postgres) {
    // `?schema=name` in the URL keeps Omnistock's tables in a schema of their own.
    const parsed = new URL(url);
    const requested = options.schema ?? parsed.searchParams.get('schema') ?? undefined;
    parsed.searchParams.delete('schema');
    const connectionString = parsed.toString();
    schema = requested ?? 'public';
    if (requested) await createSchema(connectionString, requested, limits);
    const { dialect, pool } = createPostgresDialect({
      connectionString,
      limits,
      onConnectionError: (error) => failed(guard, error),
      ...(requested ? { schema: requested } : {}),
      ...(options.poolSize ? { poolSize: options.poolSize } : {}),
    });
    db = new Kysely<Database>({ dialect: reportingDialect(dialect, guard) });
    runDirectlyOn(db, reportingExecutorFailures(preparedStatements(pool), guard));
    signals = postgresSignals(db, connectionString, schema, limits);
    ping = (withinMs) => pingPostgres(connectionString, requested, withinMs);
    location = `postgres://${parsed.host}${parsed.pathname}${requested ? ` (schema ${requested})` : ''}`;
  } else {
    const filename = url.replace(/^(sqlite|file):/, '');
    const sqlite = createSqliteDialect(filename, limits.lockTimeoutMs);
    db = new Kysely<Database>({ dialect: reportingDialect(sqlite.dialect, guard) });
    // Statements inside a transaction are not wrapped one by one (that is the ledger's hot path): the
    // transaction reports their failure once, below.
    writer = sqliteExecutor(sqlite.prepare);
    if (sqlite.prepareRead) runDirectlyOn(db, reportingExecutorFailures(sqliteExecutor(sqlite.prepareRead), guard));
    signals = processSignals();
    // On the read-only connection: it never waits for a writer, here or in another process.
    ping = async () => void (await runStatement(db, capabilities, 'select 1', []));
    location = filename;
  }

  const store: Store = {
    db,
    capabilities,
    location,
    schema,
    health,
    limits,
    signals,
    async ping(withinMs) {
      try {
        await ping(withinMs);
        health.answered();
      } catch (error) {
        throw failed(guard, error);
      }
    },
    async transaction(work) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await db.transaction().execute((trx) => {
            if (writer) runDirectlyOn(trx, writer);
            return work(trx);
          });
        } catch (error) {
          if (attempt >= TRANSACTION_ATTEMPTS || !capabilities.isRetryable(error)) throw failed(guard, error);
          await sleep(Math.random() * 2 ** attempt * 5);
        }
      }
    },
    async close() {
      await signals.close();
      await db.destroy();
    },
  };
  if (options.migrate ?? true) {
    try {
      await migrateToLatest(store);
    } catch (error) {
      await store.close();
      throw error;
    }
  }
  return store;
}

/** `dialect` with its driver reporting the database's failures (see `reportingFailures`). */
function reportingDialect(dialect: Dialect, guard: Guard): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createDriver: () => reportingFailures(dialect.createDriver(), guard),
  };
}

function createSchema(url: string, schema: string, limits: DatabaseLimits): Promise<void> {
  return runOnPostgres(url, `create schema if not exists ${schemaName(schema)}`, {
    connectTimeoutMs: limits.connectTimeoutMs,
  });
}

/** Drops a PostgreSQL schema and everything in it (tests and benchmarks clean up with this). */
export function dropSchema(url: string, schema: string): Promise<void> {
  return runOnPostgres(url, `drop schema if exists ${schemaName(schema)} cascade`);
}

function schemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name: ${schema}`);
  return schema;
}
