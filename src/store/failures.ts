import type { DatabaseConnection, Driver, QueryResult } from 'kysely';
import { DomainError, isDomainError } from '../errors/index.js';
import type { StoreCapabilities } from './capabilities.js';
import type { DatabaseHealth } from './health.js';
import type { DatabaseLimits } from './limits.js';
import type { DirectExecutor } from './statements.js';

/**
 * What a failed statement says about the database rather than about the request:
 * - `unavailable`: unreachable, restarting, closing connections, or silent past its limits;
 * - `lock_timeout`: a lock the statement needed stayed with another transaction past the lock limit;
 * - `busy`: SQLite's one write lock stayed with another connection past the lock limit.
 */
export type DatabaseFailure = 'unavailable' | 'lock_timeout' | 'busy';

/** How long a client should wait before trying again, in seconds (the `Retry-After` of a 503). */
export const RETRY_AFTER_SECONDS = 2;

/**
 * Turns a failure of the database itself into the domain error a caller can act on (`database_unavailable`
 * or `lock_timeout`, keeping the original as `cause`), and leaves every other error as it is. Nothing the
 * request did is kept: the database rolls back a transaction whose connection is lost or whose
 * statement is cancelled.
 */
export function describeFailure(error: unknown, capabilities: StoreCapabilities, limits: DatabaseLimits): unknown {
  if (isDomainError(error)) return error;
  const failure = capabilities.failureOf(error);
  if (!failure) return error;
  const retryAfterSeconds = RETRY_AFTER_SECONDS;
  const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
  if (failure === 'lock_timeout') {
    return new DomainError(
      'lock_timeout',
      `Another transaction held stock or a document this request needed for more than ${seconds(limits.lockTimeoutMs)}; nothing was written. Try again.`,
      { retryAfterSeconds },
      { cause: error },
    );
  }
  const detail =
    failure === 'busy'
      ? `another connection held the database's write lock for more than ${seconds(limits.lockTimeoutMs)}`
      : reasonOf(error);
  return new DomainError(
    'database_unavailable',
    `The database is unavailable (${detail}). A write that was cut off is rolled back by the database; try again in a few seconds, with the same Idempotency-Key for a write.`,
    { retryAfterSeconds },
    { cause: error },
  );
}

function reasonOf(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' && message ? message : 'no answer';
  return typeof code === 'string' && !text.includes(code) ? `${text}; ${code}` : text;
}

export interface Guard {
  capabilities: StoreCapabilities;
  limits: DatabaseLimits;
  health: DatabaseHealth;
}

/**
 * Turns a failure of `work` into what `describeFailure` says, and marks the database down when it is
 * unreachable or up when it answers (one boolean test on the way: this sits under every statement).
 */
function guarded<T>(guard: Guard, work: () => Promise<T>): Promise<T> {
  return work().then(
    (result) => {
      guard.health.answered();
      return result;
    },
    (error: unknown) => {
      throw failed(guard, error);
    },
  );
}

/** `describeFailure`, noting on the store's health an unreachable database. */
export function failed(guard: Guard, error: unknown): unknown {
  if (guard.capabilities.failureOf(error) === 'unavailable') guard.health.failed(reasonOf(error));
  return describeFailure(error, guard.capabilities, guard.limits);
}

/**
 * Wraps a Kysely driver so that every failure of the database surfaces as a domain error, and the store's
 * health follows what the database answers. The driver's own connections are what it gets back.
 */
export function reportingFailures(driver: Driver, guard: Guard): Driver {
  const originals = new WeakMap<DatabaseConnection, DatabaseConnection>();
  const original = (connection: DatabaseConnection) => originals.get(connection) ?? connection;
  return {
    init: () => guarded(guard, () => driver.init()),
    async acquireConnection() {
      const connection = await guarded(guard, () => driver.acquireConnection());
      const wrapped: DatabaseConnection = {
        executeQuery: (query) => guarded(guard, () => connection.executeQuery(query)),
        async *streamQuery(query, chunkSize) {
          try {
            yield* connection.streamQuery(query, chunkSize);
          } catch (error) {
            throw describeFailure(error, guard.capabilities, guard.limits);
          }
        },
      };
      originals.set(wrapped, connection);
      return wrapped;
    },
    beginTransaction: (connection, settings) =>
      guarded(guard, () => driver.beginTransaction(original(connection), settings)),
    commitTransaction: (connection) => guarded(guard, () => driver.commitTransaction(original(connection))),
    rollbackTransaction: (connection) => guarded(guard, () => driver.rollbackTransaction(original(connection))),
    releaseConnection: (connection) => driver.releaseConnection(original(connection)),
    destroy: () => driver.destroy(),
  };
}

/** The same for statements that skip Kysely (see `runDirectlyOn`). */
export function reportingExecutorFailures(executor: DirectExecutor, guard: Guard): DirectExecutor {
  return (sql, parameters): Promise<QueryResult<unknown>> => guarded(guard, () => executor(sql, parameters));
}
