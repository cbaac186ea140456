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
          'Each event has `id:` its position, `event:` its type and `data:` the JSON event. Without Last-Event-ID or `after`, the stream starts with the next change. While the database is away the stream stays open and goes on when it is back. Any token may read it.',
        querystring: z.strictObject({
          location: AnyLocationId.optional().describe('Only events that touch this location'),
          sku: Sku.optional().describe('Only events that touch this SKU'),
          types: singleLine(2000)
            .optional()
            .describe(`Only events of these types, comma-separated: ${EVENT_TYPES.join(', ')}`),
          after: z.coerce
            .number()
            .int()
            .min(0)
            .optional()
            .describe(
              'Start after this position: the `id:` of the last event received. Last-Event-ID wins when both are sent; without either, the stream starts with the next change',
            ),
        }),
        headers: z.object({
          'last-event-id': z.coerce
            .number()
            .int()
            .min(0)
            .optional()
            .describe(
              'The `id:` of the last event received, as a browser sends it when it reconnects: the stream resumes after it',
            ),
        }),
        response: { 503: Problem },
      },
    },
    async (request, reply) => {
      const { location, sku, types, after } = request.query;
      const wanted = types ? new Set(types.split(',').map((t) => t.trim())) : undefined;
      // Asking for the newest position checks that the database answers: if it does not, this request
      // answers 503 before any stream is opened.
      const head = await feed.head();
      const position = request.headers['last-event-id'] ?? after ?? head;

      reply.hijack();
      const stream = reply.raw;
      stream.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      stream.write(`retry: 1000\n: streaming events after position ${position}\n\n`);
      streams.add(stream);
      const gone = new AbortController();
      let unsubscribe = () => {};
      const heartbeat = setInterval(() => stream.write(': still here\n\n'), HEARTBEAT_MS);
      const close = () => {
        gone.abort();
        clearInterval(heartbeat);
        unsubscribe();
        streams.delete(stream);
      };
      // The response closes when the client goes (the request's own 'close' only says its body was read).
      stream.on('close', close);
      if (stream.destroyed || request.raw.socket.destroyed) close();

      const drained = () =>
        new Promise<void>((resolve) => {
          const done = () => {
            stream.off('drain', done);
            stream.off('close', done);
            resolve();
          };
          stream.on('drain', done);
          stream.on('close', done);
        });
      const send = (events: readonly OmnistockEvent[]) => {
        for (const event of events) {
          if ((wanted && !wanted.has(event.type)) || !concerns(event, { location, sku })) continue;
          stream.write(`id: ${event.position}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
        }
        // A client that reads slowly makes catching up wait for it, instead of the history piling up here.
        return stream.writableNeedDrain ? drained() : undefined;
      };
      try {
        unsubscribe = await feed.subscribe(position, send, gone.signal);
      } catch {
        // The database went away while this client caught up: it reconnects (`retry:`) and resumes.
        stream.end();
        return;
      }
      if (gone.signal.aborted) unsubscribe();
    },
  );
}
