import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kysely } from 'kysely';
import type { Transaction } from 'kysely';
import type { StoreCapabilities } from './capabilities.js';
import { migrateToLatest } from './migrations/index.js';
import { createPostgresDialect, postgresCapabilities } from './postgres/postgres.dialect.js';
import type { Database } from './schema.js';
import { createSqliteDialect, sqliteCapabilities } from './sqlite/sqlite.dialect.js';
import { runDirectlyOn, sqliteExecutor } from './statements.js';
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
  let db: Db;
  let capabilities: StoreCapabilities;
  let location: string;
  let schema: string | undefined;
  let writer: DirectExecutor | undefined;
  if (isPostgresUrl(url)) {
    // `?schema=name` in the URL keeps Omnistock's tables in a schema of their own.
    const parsed = new URL(url);
    const requested = options.schema ?? parsed.searchParams.get('schema') ?? undefined;
    parsed.searchParams.delete('schema');
    const connectionString = parsed.toString();
    schema = requested ?? 'public';
    if (requested) await createSchema(connectionString, requested);
    const { dialect, pool } = createPostgresDialect({
      connectionString,
      ...(requested ? { schema: requested } : {}),
      ...(options.poolSize ? { poolSize: options.poolSize } : {}),
    });
    db = new Kysely<Database>({ dialect });
    runDirectlyOn(db, preparedStatements(pool));
    capabilities = postgresCapabilities;
    location = `postgres://${parsed.host}${parsed.pathname}${requested ? ` (schema ${requested})` : ''}`;
  } else {
    const filename = url.replace(/^(sqlite|file):/, '');
    const sqlite = createSqliteDialect(filename);
    db = new Kysely<Database>({ dialect: sqlite.dialect });
    writer = sqliteExecutor(sqlite.prepare);
    if (sqlite.prepareRead) runDirectlyOn(db, sqliteExecutor(sqlite.prepareRead));
    capabilities = sqliteCapabilities;
    location = filename;
  }

  const store: Store = {
    db,
    capabilities,
    location,
    schema,
    async transaction(work) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await db.transaction().execute((trx) => {
            if (writer) runDirectlyOn(trx, writer);
            return work(trx);
          });
        } catch (error) {
          if (attempt >= TRANSACTION_ATTEMPTS || !capabilities.isRetryable(error)) throw error;
          await sleep(Math.random() * 2 ** attempt * 5);
        }
      }
    },
    close: () => db.destroy(),
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

function createSchema(url: string, schema: string): Promise<void> {
  return onPostgres(url, `create schema if not exists ${schemaName(schema)}`);
}

/** Drops a PostgreSQL schema and everything in it (tests and benchmarks clean up with this). */
export function dropSchema(url: string, schema: string): Promise<void> {
  return onPostgres(url, `drop schema if exists ${schemaName(schema)} cascade`);
}

function schemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name: ${schema}`);
  return schema;
}

async function onPostgres(url: string, statement: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
