import type { DatabaseFailure } from './failures.js';
import type { Db } from './store.js';

/**
 * What differs between the databases Omnistock runs on, asked as plain facts instead of
 * `if (sqlite)` checks spread over the code.
 */
export interface StoreCapabilities {
  /** Short name for logs and reports: `sqlite` or `postgres`. */
  readonly name: 'sqlite' | 'postgres';
  /** Column type used for points in time. */
  readonly timestampType: 'text' | 'timestamptz';
  /** Column type used for stock quantities. */
  readonly quantityType: 'integer' | 'bigint';
  /** Column type used for money and weights. */
  readonly decimalType: 'real' | 'double precision';
  /** SQL for the UTC calendar day (`YYYY-MM-DD`) of a timestamp column: sales per day group by it. */
  utcDay(column: string): string;
  /** How hand-written statements mark parameters: `?` (SQLite) or `$1, $2, …` (PostgreSQL). */
  readonly placeholders: 'question' | 'numbered';
  /**
   * Takes a lock, named by `key`, held until the transaction ends, so that one such transaction runs at
   * a time across every process (PostgreSQL: an advisory lock; SQLite: the write lock already is one).
   */
  lockUntilCommit(trx: Db, key: number): Promise<void>;
  /** Whether an error means "the transaction lost a race; run it again". */
  isRetryable(error: unknown): boolean;
  /** Whether an error is the database failing (unreachable, silent, locked) rather than the request; see `DatabaseFailure`. */
  failureOf(error: unknown): DatabaseFailure | undefined;
}
