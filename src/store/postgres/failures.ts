import type { DatabaseFailure } from '../failures.js';

/**
 * SQLSTATE classes and codes that mean the server, not the request, failed: connection exceptions
 * (08…), the server shutting down or refusing connections (57P01–57P03), too many connections (53300),
 * an idle transaction cut off by the server (25P03).
 */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300', '25P03']);
const LOCK_NOT_AVAILABLE = '55P03';
/** The statement limit: the server is up, and slow. */
const QUERY_CANCELED = '57014';
/** The pool's word for a request that found every connection in use for the whole connect limit. */
const POOL_SATURATED = 'timeout exceeded when trying to connect';

/** Socket errors of a server that went away or cannot be reached. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/**
 * What `pg` and its pool say when a connection ends, cannot be opened in time, or gets no answer: they
 * carry no code, so their (stable) messages are matched.
 */
const CLIENT_MESSAGES = [
  'Connection terminated',
  // A client of its own (readiness, LISTEN) whose connection was not opened within its limit.
  'timeout expired',
  'Query read timeout',
  'is not queryable',
  'Cannot use a pool after calling end on the pool',
];

export function postgresFailureOf(error: unknown): DatabaseFailure | undefined {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code === LOCK_NOT_AVAILABLE) return 'lock_timeout';
  if (code === QUERY_CANCELED) return 'timeout';
  if (message === POOL_SATURATED) return 'saturated';
  if (typeof code === 'string' && (code.startsWith('08') || UNAVAILABLE_STATES.has(code) || SOCKET_CODES.has(code)))
    return 'unavailable';
  if (typeof message === 'string' && CLIENT_MESSAGES.some((m) => message.includes(m))) return 'unavailable';
  return undefined;
}
