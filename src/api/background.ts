import type { FastifyInstance } from 'fastify';
import { isDomainError } from '../errors/index.js';
import type { Services } from './services.js';

const RELAY_MS = 200;
const DELIVERY_MS = 1_000;
const SWEEP_MS = 15_000;
/** The longest a task waits between tries while the database is away. */
const MOST_BACKOFF_MS = 5_000;

declare module 'fastify' {
  interface FastifyInstance {
    /** Set once the server starts closing, so that background work and long-lived streams end. */
    closing?: boolean;
  }
}

/**
 * The event relay, webhook deliveries and reservation expiry, for as long as the app runs. A task whose
 * database is away (or locked past the lock limit) pauses: it says so once, tries again less and less
 * often, and says when it runs again. Nothing a task does can end the process.
 */
export function startBackgroundWork(app: FastifyInstance, services: Services): void {
  const timers: NodeJS.Timeout[] = [];
  const waiting = new Set<() => void>();
  const every = (ms: number, name: string, work: () => Promise<unknown>) => {
    let running = false;
    let paused = false;
    let backoff = ms;
    let nextAt = 0;
    // Once anything finds the database back, paused tasks run at their next tick, not after their wait.
    waiting.add(() => (nextAt = 0));
    const timer = setInterval(() => {
      if (running || app.closing || Date.now() < nextAt) return;
      running = true;
      work()
        .then(() => {
          if (paused) app.log.info(`${name} resumed`);
          paused = false;
          backoff = ms;
        })
        .catch((error: unknown) => {
          if (!isDomainError(error, 'database_unavailable') && !isDomainError(error, 'lock_timeout')) {
            app.log.error({ err: error }, `${name} failed`);
            return;
          }
          if (!paused) app.log.warn({ reason: error.message }, `${name} paused: the database is unavailable`);
          paused = true;
          backoff = Math.min(backoff * 2, MOST_BACKOFF_MS);
          nextAt = Date.now() + backoff;
        })
        .finally(() => (running = false));
    }, ms);
    timer.unref();
    timers.push(timer);
  };
  app.addHook('onReady', async () => {
    every(RELAY_MS, 'event relay', () => services.relayEvents());
    every(DELIVERY_MS, 'webhook delivery', () => services.webhooks.deliverDue());
    every(SWEEP_MS, 'reservation expiry', () => services.reservations.sweepExpired());
  });
  const stop = services.database.health.onChange((state) => {
    if (state.available) for (const resume of waiting) resume();
  });
  app.addHook('onClose', async () => {
    stop();
    for (const timer of timers) clearInterval(timer);
  });
}

/** Logs each change of the database's state once, however many statements saw it. */
export function logDatabaseHealth(app: FastifyInstance, services: Services): void {
  const stop = services.database.health.onChange((state) => {
    if (state.available) app.log.info('the database answers again');
    else app.log.warn({ reason: state.reason }, 'the database is unavailable: requests that need it answer 503');
  });
  app.addHook('onClose', async () => stop());
}
