import pg from 'pg';

/** `pg`'s error when a query got no answer within `query_timeout`. */
const NO_ANSWER = 'Query read timeout';

/**
 * The client class of Omnistock's pool, for two failures `pg` leaves to its user:
 *
 * - A connection that ends while the pool has lent it out (between two statements of a transaction, say)
 *   emits 'error' on the client with nobody listening, which ends the process. Here somebody always
 *   listens: `onError` hears it, and the lent client's next statement fails, as it should.
 * - `pg`'s `query_timeout` only stops waiting: the connection stays busy with the lost query, goes back
 *   to the pool and fails every later request that draws it, until the server answers or TCP gives up,
 *   minutes later. Here a query unanswered after `deadlineMs` (0: no deadline) drops its connection, so
 *   that a frozen server or a dead network costs the requests of that moment, not the next ones.
 */
export function omnistockClient(options: { deadlineMs: number; onError: (error: Error) => void }): typeof pg.Client {
  const { deadlineMs, onError } = options;
  return class OmnistockClient extends pg.Client {
    constructor(config?: string | pg.ClientConfig) {
      super({
        ...(typeof config === 'string' ? { connectionString: config } : config),
        ...(deadlineMs > 0 ? { query_timeout: deadlineMs } : {}),
      });
      this.on('error', onError);
    }

    // Every form of `query` ends in a callback (the pool's) or a promise (Kysely's); both are watched.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    override query(...args: any[]): any {
      const last: unknown = args.at(-1);
      if (typeof last === 'function') {
        args[args.length - 1] = (error: unknown, result: unknown) => {
          this.#dropIfUnanswered(error);
          (last as (error: unknown, result: unknown) => void)(error, result);
        };
        return super.query(...(args as Parameters<pg.Client['query']>));
      }
      const result: unknown = super.query(...(args as Parameters<pg.Client['query']>));
      if (result instanceof Promise) result.catch((error: unknown) => this.#dropIfUnanswered(error));
      return result;
    }

    #dropIfUnanswered(error: unknown): void {
      if ((error as Error | null)?.message === NO_ANSWER) this.connection.stream.destroy();
    }
  };
}
