import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { concerns, EVENT_TYPES, eventsAfter, latestPosition } from '../../events/index.js';
import type { Services } from '../services.js';

const POLL_MS = 200;
const HEARTBEAT_MS = 15_000;

export async function eventRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  routes.get(
    '/events',
    {
      config: { access: 'read' },
      schema: {
        tags: ['events'],
        summary: 'Committed changes as Server-Sent Events; resume with Last-Event-ID (or ?after=) and miss nothing',
        description:
          'Each event has `id:` its position, `event:` its type and `data:` the JSON event. Without Last-Event-ID or `after`, the stream starts with the next change.',
        querystring: z.strictObject({
          location: z.string().optional(),
          sku: z.string().optional(),
          types: z
            .string()
            .optional()
            .describe(`comma-separated event types: ${EVENT_TYPES.join(', ')}`),
          after: z.coerce.number().int().min(0).optional(),
        }),
        headers: z.object({ 'last-event-id': z.coerce.number().int().min(0).optional() }),
      },
    },
    async (request, reply) => {
      const { location, sku, types, after } = request.query;
      const wanted = types ? new Set(types.split(',').map((t) => t.trim())) : undefined;
      let position = request.headers['last-event-id'] ?? after ?? (await latestPosition(services.store.db));

      reply.hijack();
      const out = reply.raw;
      out.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      out.write(`retry: 1000\n: streaming events after position ${position}\n\n`);
      let open = true;
      request.raw.on('close', () => (open = false));
      let quietSince = Date.now();
      while (open && !app.closing) {
        const events = await eventsAfter(services.store, position);
        for (const event of events) {
          position = event.position;
          if ((wanted && !wanted.has(event.type)) || !concerns(event, { location, sku })) continue;
          out.write(`id: ${event.position}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
          quietSince = Date.now();
        }
        if (Date.now() - quietSince > HEARTBEAT_MS) {
          out.write(': still here\n\n');
          quietSince = Date.now();
        }
        if (events.length === 0) await sleep(POLL_MS);
      }
      out.end();
    },
  );
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Set once the server starts closing, so that long-lived streams end. */
    closing?: boolean;
  }
}
