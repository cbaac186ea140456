import { createHash } from 'node:crypto';
import pg from 'pg';
import { PostgresDialect, sql } from 'kysely';
import type { DatabaseIntrospector, Dialect, Kysely } from 'kysely';
import type { StoreCapabilities } from '../capabilities.js';
import type { DatabaseLimits } from '../limits.js';
import { answerDeadlineMs } from '../limits.js';
import type { DirectExecutor } from '../statements.js';
import { omnistockClient } from './client.js';
import { StoreSchemaIntrospector } from './introspector.js';
import { postgresFailureOf } from './failures.js';

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/** SQLSTATEs that mean "run the transaction again": serialization failure and deadlock. */
const RETRYABLE_STATES = new Set(['40001', '40P01']);

export const postgresCapabilities: StoreCapabilities = {
  name: 'postgres',
  timestampType: 'timestamptz',
  quantityType: 'bigint',
  decimalType: 'double precision',
  utcDay: (column) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD')`,
  placeholders: 'numbered',
  async lockUntilCommit(trx, key) {
    await sql`select pg_advisory_xact_lock(${key})`.execute(trx);
  },
  isRetryable(error) {
    const code = (error as { code?: unknown } | null)?.code;
    return typeof code === 'string' && RETRYABLE_STATES.has(code);
  },
  failureOf: postgresFailureOf,
};

/**
 * Quantities are `bigint` columns and sums come back as `numeric`; both are parsed to numbers here
 * rather than by changing `pg`'s global parsers, which other code in the same process may rely on.
 */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as pg.CustomTypesConfig;

export interface PostgresOptions {
  connectionString: string;
  /** Schema every table lives in (tests use one fresh schema each). */
  schema?: string;
  poolSize?: number;
  limits: DatabaseLimits;
  /** Told of every connection the server ends or that breaks: a request that used it fails by itself. */
  onConnectionError: (error: Error) => void;
}

/** PostgreSQL, whose migrator asks only about the store's own schema (see `StoreSchemaIntrospector`). */
class StorePostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new StoreSchemaIntrospector(db);
  }
}

export function createPostgresDialect(options: PostgresOptions): { dialect: Dialect; pool: pg.Pool } {
  const { limits } = options;
  // The server enforces the statement and lock limits itself (and ends a transaction left idle), so a
  // slow statement or a lock held elsewhere ends with an error the request can answer with.
  const settings = [
    ...(options.schema ? [`search_path=${options.schema}`] : []),
    `statement_timeout=${limits.statementTimeoutMs}`,
    `lock_timeout=${limits.lockTimeoutMs}`,
    `idle_in_transaction_session_timeout=${limits.statementTimeoutMs === 0 ? 0 : Math.max(limits.statementTimeoutMs, limits.lockTimeoutMs) * 6}`,
  ];
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 20,
    types,
    // Operators (and tests) find Omnistock's connections, per schema, in pg_stat_activity by this name.
    application_name: applicationName(options.schema),
    connectionTimeoutMillis: limits.connectTimeoutMs,
    keepAlive: true,
    Client: omnistockClient({ deadlineMs: answerDeadlineMs(limits), onError: options.onConnectionError }),
    options: settings.map((setting) => `-c ${setting}`).join(' '),
  });
  // Without a listener, an idle connection that the server ends (a restart, a failover,
  // pg_terminate_backend) is an unhandled 'error' event, which ends the process.
  pool.on('error', options.onConnectionError);
  return { dialect: new StorePostgresDialect({ pool }), pool };
}

/**
 * Runs one statement on a connection of its own, outside any pool, and closes it: creating and dropping
 * schemas or databases, and asking whether the server answers at all. A connection the server ends
 * meanwhile fails the statement; its 'error' event must not end the process.
 *
 * @example
 * await runOnPostgres('postgres://postgres@127.0.0.1:5432/test', 'create schema if not exists tea');
 */
export async function runOnPostgres(
  connectionString: string,
  statement: string,
  options: { applicationName?: string; connectTimeoutMs?: number; answerWithinMs?: number } = {},
): Promise<void> {
  const client = new pg.Client({
    connectionString,
    ...(options.applicationName ? { application_name: options.applicationName } : {}),
    ...(options.connectTimeoutMs ? { connectionTimeoutMillis: options.connectTimeoutMs } : {}),
    ...(options.answerWithinMs ? { query_timeout: options.answerWithinMs } : {}),
  });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query(statement);
  } catch (error) {
    // Closing a connection that failed may wait on a server that does not answer: it is not waited for.
    void client.end().catch(() => {});
    throw error;
  }
  await client.end().catch(() => {});
}

/**
 * Whether the server answers `select 1` within `withinMs`, on a connection apart from the pool's: even
 * while every pooled connection is busy serving requests.
 */
export function pingPostgres(connectionString: string, schema: string | undefined, withinMs: number): Promise<void> {
  return runOnPostgres(connectionString, 'select 1', {
    applicationName: applicationName(schema),
    connectTimeoutMs: withinMs,
    answerWithinMs: withinMs,
  });
}

/** `omnistock`, or `omnistock:<schema>` for a store in a schema of its own. */
export function applicationName(schema: string | undefined): string {
  return (schema ? `omnistock:${schema}` : 'omnistock').slice(0, 63);
}

/**
 * Runs statements on the pool as named prepared statements: PostgreSQL plans each text once per
 * connection. Only for statements of a fixed text (a name stands for one text forever).
 */
export function preparedStatements(pool: pg.Pool): DirectExecutor {
  const names = new Map<string, string>();
  return async (sql, parameters) => {
    let name = names.get(sql);
    if (!name) {
      name = `omnistock_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
      if (names.size < 1000) names.set(sql, name);
    }
    const result = await pool.query({ name, text: sql, values: parameters });
    return { rows: result.rows, ...(result.rowCount === null ? {} : { numAffectedRows: BigInt(result.rowCount) }) };
  };
}
