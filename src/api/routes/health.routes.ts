import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Problem } from '../schemas.js';
import type { Services } from '../services.js';

/** Readiness answers within this, whatever the database does: a probe that hangs is no answer. */
const READY_WITHIN_MS = 2_000;

export async function healthRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { database } = services;
  routes.get(
    '/health',
    {
      schema: {
        tags: ['health'],
        summary: 'Liveness: the process answers (whether or not the database does)',
        description:
          'Answers 200 while the process runs, without asking the database: for a liveness probe, which should restart the process only when this fails. Needs no token.',
        response: { 200: z.object({ status: z.literal('ok').describe('Always `ok`') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
  routes.get(
    '/ready',
    {
      config: { errors: ['database_unavailable'] },
      schema: {
        tags: ['health'],
        summary:
          "Readiness: the database answers, on a connection apart from the requests' (503 with Retry-After while it does not)",
        description: `Pings the database on a connection of its own and answers 200 when it answers within ${READY_WITHIN_MS / 1000} seconds, else 503 \`database_unavailable\` with Retry-After: for a readiness probe or a load balancer. Needs no token.`,
        response: {
          200: z.object({
            status: z.literal('ready').describe('Always `ready`'),
            database: z.string().describe('The kind of database Omnistock runs on: `postgres` or `sqlite`'),
          }),
          503: Problem,
        },
      },
    },
    async () => {
      // The ping's own connection and answer limits bound it: a hanging database is no answer.
      await database.ping(READY_WITHIN_MS);
      return { status: 'ready' as const, database: database.capabilities.name };
    },
  );
}
