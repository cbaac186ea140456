import type { DatabaseConnection, Driver, QueryResult } from 'kysely';
import { DomainError, isDomainError } from '../errors/index.js';
import type { StoreCapabilities } from './capabilities.js';
import type { DatabaseHealth } from './health.js';
import type { DatabaseLimits } from './limits.js';
import type { DirectExecutor } from './statements.js';

/**
 * What a failed statement says about the database rather than about the request:
 * - `unavailable`: unreachable, restarting, ending connections, or silent past the limits — the only
 *   kind that says the database is down;
 * - `timeout`: a statement ran past the statement limit and the database stopped it;
 * - `lock_timeout`: a row lock the statement needed stayed with another transaction past the lock limit;
 * - `write_locked`: SQLite's one write lock stayed with another connection past the lock limit;
 * - `saturated`: every pooled connection stayed in use past the connect limit (the server is overloaded).
 */
export type DatabaseFailure = 'unavailable' | 'timeout' | 'lock_timeout' | 'write_locked' | 'saturated';

/** How long a client should wait before trying again, in seconds (the `Retry-After` of a 503). */
const RETRY_AFTER_SECONDS = 2;

/**
 * Turns a failure of the database itself into the domain error a caller can act on (`database_unavailable`
 * or `lock_timeout`, keeping the original as `cause`), and leaves every other error as it is.
 *
 * The database rolls back a transaction whose statement it stopped or whose connection it lost before
 * the commit; a connection lost while committing leaves the outcome unknown, which only the
 * Idempotency-Key of a write resolves — so the message says so rather than promise nothing was written.
 */
function describeFailure(error: unknown, capabilities: StoreCapabilities, limits: DatabaseLimits): unknown {
  if (isDomainError(error)) return error;
  const failure = capabilities.failureOf(error);
  if (!failure) return error;
  const details = { retryAfterSeconds: RETRY_AFTER_SECONDS, failure };
  const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
  if (failure === 'lock_timeout') {
    return new DomainError(
      'lock_timeout',
      `Another transaction held stock or a document this request needed for more than ${seconds(limits.lockTimeoutMs)}; nothing was written. Try again.`,
      details,
      { cause: error },
    );
  }
  const stopped = 'nothing was written. Try again in a few seconds.';
  const message: Record<Exclude<DatabaseFailure, 'lock_timeout'>, string> = {
    unavailable:
      `The database is unavailable (${reasonOf(error)}). A write cut off before it committed was rolled back; ` +
      'one cut off while committing may have been saved: try again in a few seconds, with the same ' +
      'Idempotency-Key for a write, and it is posted once either way.',
    timeout: `The database took longer than ${seconds(limits.statementTimeoutMs)} over one statement of this request and stopped it (it may be overloaded); ${stopped}`,
    write_locked: `The database is busy: another connection held its write lock for more than ${seconds(limits.lockTimeoutMs)}; ${stopped}`,
    saturated: `The database is busy: every connection to it stayed in use for more than ${seconds(limits.connectTimeoutMs)}; ${stopped}`,
  };
  return new DomainError('database_unavailable', message[failure], details, { cause: error });
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
            throw failed(guard, error);
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
