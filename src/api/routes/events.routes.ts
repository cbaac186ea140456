import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AnyLocationId, Sku } from '../../catalog/index.js';
import { concerns, EVENT_TYPES } from '../../events/index.js';
import type { OmnistockEvent } from '../../events/index.js';
import { singleLine } from '../../input/index.js';
import { Problem } from '../schemas.js';
import type { Services } from '../services.js';

const HEARTBEAT_MS = 15_000;

export async function eventRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { feed } = services;
  const streams = new Set<ServerResponse>();
  app.addHook('preClose', async () => {
    for (const stream of streams) stream.end();
    await feed.close();
  });

  routes.get(
    '/events',
    {
      config: { access: 'read' },
      schema: {
        tags: ['events'],
        summary: 'Committed changes as Server-Sent Events; resume with Last-Event-ID (or ?after=) and miss nothing',
        description:
          'Each event has `id:` its position, `event:` its type and `data:` the JSON event. Without Last-Event-ID or `after`, the stream starts with the next change. While the database is away the stream stays open and goes on when it is back.',
        querystring: z.strictObject({
          location: AnyLocationId.optional(),
          sku: Sku.optional(),
          types: singleLine(2000)
            .optional()
            .describe(`comma-separated event types: ${EVENT_TYPES.join(', ')}`),
          after: z.coerce.number().int().min(0).optional(),
        }),
        headers: z.object({ 'last-event-id': z.coerce.number().int().min(0).optional() }),
        response: { 503: Problem },
      },
    },
    async (request, reply) => {
      const { location, sku, types, after } = request.query;
      const wanted = types ? new Set(types.split(',').map((t) => t.trim())) : undefined;
      const position = request.headers['last-event-id'] ?? after ?? (await feed.head());

      // Events that arrive while the stream is being opened wait here, in order.
      const stream = reply.raw;
      let streaming = false;
      const waiting: OmnistockEvent[] = [];
      const send = (events: readonly OmnistockEvent[]) => {
        if (!streaming) return void waiting.push(...events);
        for (const event of events) {
          if ((wanted && !wanted.has(event.type)) || !concerns(event, { location, sku })) continue;
          stream.write(`id: ${event.position}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
        }
      };
      // Subscribing reads what a resuming client missed: if the database cannot answer, this request
      // still answers 503 rather than opening a stream that says nothing.
      const unsubscribe = await feed.subscribe(position, send);

      reply.hijack();
      stream.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      stream.write(`retry: 1000\n: streaming events after position ${position}\n\n`);
      streaming = true;
      send(waiting.splice(0));
      streams.add(stream);
      const heartbeat = setInterval(() => stream.write(': still here\n\n'), HEARTBEAT_MS);
      const close = () => {
        clearInterval(heartbeat);
        unsubscribe();
        streams.delete(stream);
      };
      request.raw.on('close', close);
      stream.on('close', close);
    },
  );
}
