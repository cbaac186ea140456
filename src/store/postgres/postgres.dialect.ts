import { createHash } from 'node:crypto';
import pg from 'pg';
import { PostgresDialect, sql } from 'kysely';
import type { Dialect } from 'kysely';
import type { StoreCapabilities } from '../capabilities.js';
import type { DirectExecutor } from '../statements.js';

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
}

export function createPostgresDialect(options: PostgresOptions): { dialect: Dialect; pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 20,
    types,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  return { dialect: new PostgresDialect({ pool }), pool };
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
