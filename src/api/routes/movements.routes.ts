import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { transitLocationId } from '../../catalog/index.js';
import { ApiBodies, IdempotencyKey, MovementFilter } from '../../ledger/index.js';
import type { Posting } from '../../ledger/index.js';
import { mayWriteAt } from '../auth.js';
import { Movement, page, Posting as PostingSchema } from '../schemas.js';
import type { Services } from '../services.js';
import { blindCounting } from '../blind-counting.js';

/** The `Idempotency-Key` header: the same key sent again returns the first response and posts nothing. */
export const IdempotencyHeaders = z.object({
  'idempotency-key': IdempotencyKey.optional().describe(
    'Makes a retry harmless: the same key returns the first response',
  ),
});

/** Who is posting and under which key: the caller's token name and the request's header. */
export function postingContext(
  request: FastifyRequest,
  touched: readonly string[],
): { actor: string; idempotencyKey?: string } {
  const principal = mayWriteAt(request, touched);
  const key = request.headers['idempotency-key'];
  return { actor: principal.name, ...(typeof key === 'string' ? { idempotencyKey: key } : {}) };
}

export async function movementRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { ledger } = services;
  const blind = blindCounting(services);
  const tags = ['movements'];
  const write = { access: 'write' as const };
  const posted = { 201: PostingSchema };

  routes.get(
    '/movements',
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'The ledger, filtered, oldest first',
        querystring: MovementFilter,
        response: { 200: page(Movement) },
      },
    },
    async (request) => {
      const page = await ledger.movements(request.query);
      return { ...page, items: await blind.withoutCounted(request, page.items) };
    },
  );

  /**
   * Declares one posting endpoint: its body, the real locations it acts at (which the caller's scope
   * must cover), and the operation.
   */
  function posting<B extends z.ZodType>(
    url: string,
    summary: string,
    body: B,
    actsAt: (body: z.output<B>) => string[] | Promise<string[]>,
    operation: (input: z.output<B> & { actor: string; idempotencyKey?: string }) => Promise<Posting>,
  ) {
    routes.post(
      url,
      { config: write, schema: { tags, summary, body, headers: IdempotencyHeaders, response: posted } },
      async (request, reply) => {
        const input = request.body as z.output<B> & object;
        const context = postingContext(request, await actsAt(input));
        return reply.code(201).send(await operation({ ...input, ...context }));
      },
    );
  }

  posting(
    '/movements',
    'Post a batch of movements, all or nothing (stock a transfer or a return holds moves only through it)',
    ApiBodies.post,
    (b) => ledger.scopeOf(b.movements),
    ledger.post,
  );
  posting(
    '/movements/receive',
    'Receive goods from a supplier',
    ApiBodies.receive,
    (b) => [b.location],
    ledger.receive,
  );
  posting('/movements/sell', 'Record a sale to a customer', ApiBodies.sell, (b) => [b.location], ledger.sell);
  posting('/movements/ship', 'Ship goods to a customer', ApiBodies.sell, (b) => [b.location], ledger.ship);
  posting(
    '/movements/return',
    'Take back goods from a customer',
    ApiBodies.return,
    (b) => [b.location],
    ledger.returnGoods,
  );
  posting(
    '/movements/adjust',
    'Correct stock found to differ, with a reason',
    ApiBodies.adjust,
    (b) => [b.location],
    ledger.adjust,
  );
  posting(
    '/movements/scrap',
    'Write off damaged or lost goods, with a reason',
    ApiBodies.scrap,
    (b) => [b.location],
    ledger.scrap,
  );
  posting(
    '/transfers/ship',
    'Ship a transfer: goods leave for transit',
    ApiBodies.transferShip,
    (b) => ledger.scopeOf([{ kind: 'transfer_ship', from: b.from, to: transitLocationId(b.transferId) }]),
    ledger.shipTransfer,
  );
  // Receiving is the destination's act: the caller answers for where the transfer is going (which
  // the ledger resolves from the transit), not only for where the request says the goods arrive.
  posting(
    '/transfers/receive',
    'Receive a transfer, writing off any shortfall',
    ApiBodies.transferReceive,
    (b) => ledger.scopeOf([{ kind: 'transfer_receive', from: transitLocationId(b.transferId), to: b.to }]),
    ledger.receiveTransfer,
  );
}
