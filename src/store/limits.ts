/**
 * How long a request may wait on the database before it gives up and says so. Without limits a frozen
 * server, a dead network or a lock held elsewhere holds every request (and readiness) for as long as
 * it lasts.
 */
export interface DatabaseLimits {
  /** Opening a connection (PostgreSQL) — a server that does not answer is unavailable after this. */
  connectTimeoutMs: number;
  /** One statement; 0 for no limit (bulk commands: import, demo, forecast, verify). */
  statementTimeoutMs: number;
  /** Waiting for a row lock another transaction holds (PostgreSQL), or for the write lock (SQLite). */
  lockTimeoutMs: number;
}

/**
 * The server's limits: a request's statements take milliseconds when the database is well; seconds mean
 * it is not. A lock wait is part of its statement, so its limit is shorter: a lock held elsewhere must
 * answer as such (409), not as a slow database.
 */
export const SERVER_LIMITS: DatabaseLimits = {
  connectTimeoutMs: 5_000,
  statementTimeoutMs: 5_000,
  lockTimeoutMs: 3_000,
};

/** Commands that work through a whole network (import, demo, forecast, verify) run long statements on purpose. */
export const BULK_LIMITS: DatabaseLimits = { connectTimeoutMs: 5_000, statementTimeoutMs: 0, lockTimeoutMs: 30_000 };

/**
 * How long a client waits for any answer before it takes the server for frozen: past the server's own
 * statement limit, which answers first while the server is alive.
 */
export function answerDeadlineMs(limits: DatabaseLimits): number {
  const longest = Math.max(limits.statementTimeoutMs, limits.lockTimeoutMs);
  return limits.statementTimeoutMs === 0 ? 0 : longest + 2_000;
}
