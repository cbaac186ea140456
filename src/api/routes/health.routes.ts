import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../errors/index.js';
import { RETRY_AFTER_SECONDS } from '../../store/index.js';
import { Problem } from '../schemas.js';
import type { Services } from '../services.js';

/** Readiness answers within this, whatever the database does: a probe that hangs is no answer. */
const READY_WITHIN_MS = 2_000;

export async function healthRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { store } = services;
  routes.get(
    '/health',
    {
      schema: {
        tags: ['health'],
        summary: 'Liveness: the process answers (whether or not the database does)',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
  routes.get(
    '/ready',
    {
      schema: {
        tags: ['health'],
        summary:
          "Readiness: the database answers, on a connection apart from the requests' (503 with Retry-After while it does not)",
        response: { 200: z.object({ status: z.literal('ready'), database: z.string() }), 503: Problem },
      },
    },
    async () => {
      let timer: NodeJS.Timeout | undefined;
      const silent = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new DomainError(
                'database_unavailable',
                `The database is unavailable (no answer within ${READY_WITHIN_MS / 1000} s).`,
                { retryAfterSeconds: RETRY_AFTER_SECONDS, failure: 'unavailable' },
              ),
            ),
          // The ping has the same limit of its own; this only makes sure of it.
          READY_WITHIN_MS + 500,
        );
      });
      try {
        await Promise.race([store.ping(READY_WITHIN_MS), silent]);
      } finally {
        clearTimeout(timer);
      }
      return { status: 'ready' as const, database: store.capabilities.name };
    },
  );
}
