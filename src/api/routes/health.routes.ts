import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
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
      // The ping's own connection and answer limits bound it: a hanging database is no answer.
      await store.ping(READY_WITHIN_MS);
      return { status: 'ready' as const, database: store.capabilities.name };
    },
  );
}
