import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { transitLocationId } from '../../catalog/index.js';
import { ApiBodies, IdempotencyKey, Movement, MovementFilter, Posting } from '../../ledger/index.js';
import type { ErrorCode } from '../../errors/index.js';
import { mayWriteAt } from '../auth.js';
import { page } from '../schemas.js';
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
  const posted = { 201: Posting };

  routes.get(
    '/movements',
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'The ledger, filtered, oldest first',
        description:
          'Movements in the order they were recorded (a backdated movement comes where it was posted, not where it ' +
          'occurred), a page at a time, filtered by posting, SKU, location, kind, reference, actor or when they occurred. ' +
          'Any token may read it. Whoever is counting a SKU in an open count sees none of its movements until the count ' +
          'is submitted.',
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
   * Declares one posting endpoint: what the document says of it and the codes it may answer, its body,
   * the real locations it acts at (which the caller's scope must cover), and the operation.
   */
  function posting<B extends z.ZodType>(
    url: string,
    about: { summary: string; description: string; errors: readonly ErrorCode[] },
    body: B,
    actsAt: (body: z.output<B>) => string[] | Promise<string[]>,
    operation: (input: z.output<B> & { actor: string; idempotencyKey?: string }) => Promise<Posting>,
  ) {
    const { summary, description, errors } = about;
    routes.post(
      url,
      {
        config: { ...write, errors },
        schema: { tags, summary, description, body, headers: IdempotencyHeaders, response: posted },
      },
      async (request, reply) => {
        const input = request.body as z.output<B> & object;
        const context = postingContext(request, await actsAt(input));
        return reply.code(201).send(await operation({ ...input, ...context }));
      },
    );
  }

  /** What every posting may be refused for: a name that does not exist, a locked period, a reused key. */
  const anyPosting = ['unknown_sku', 'unknown_location', 'period_locked', 'idempotency_conflict'] as const;
  const who = 'Needs an operator, planner or admin token allowed to write at';

  posting(
    '/movements',
    {
      summary: 'Post a batch of movements, all or nothing (stock a transfer or a return holds moves only through it)',
      description:
        'Posts movements of any kinds, each between the kinds of location its kind joins: all are written, or, if ' +
        `any is refused, none. ${who} every real location they touch. Where a location may not go negative, only ` +
        'its available units may leave, and its stock may not fall below zero at any time since `occurredAt`. Stock in a ' +
        "transfer's transit or a location's quarantine moves only through the transfer's or the return's own routes.",
      errors: [...anyPosting, 'invalid_movement', 'location_unavailable', 'insufficient_stock', 'held_by_document'],
    },
    ApiBodies.post,
    (b) => ledger.scopeOf(b.movements),
    ledger.post,
  );
  posting(
    '/movements/receive',
    {
      summary: 'Receive goods from a supplier',
      description:
        'Takes goods into stock at a location: a `receive` movement from `supplier` per line. ' +
        `${who} the location; a closed location takes no stock. ` +
        'A delivery against a purchase order is received through the order (`POST /purchase-orders/{id}/receive`), ' +
        'which also records what differs from it.',
      errors: [...anyPosting, 'location_unavailable'],
    },
    ApiBodies.receive,
    (b) => [b.location],
    ledger.receive,
  );
  posting(
    '/movements/sell',
    {
      summary: 'Record a sale to a customer',
      description:
        'Records a sale at a till: a `sell` movement from the location to `customer` per line. ' +
        `${who} the location. Only available units may be sold (not those reserved), unless the location allows ` +
        'negative stock.',
      errors: [...anyPosting, 'insufficient_stock'],
    },
    ApiBodies.sell,
    (b) => [b.location],
    ledger.sell,
  );
  posting(
    '/movements/ship',
    {
      summary: 'Ship goods to a customer',
      description:
        'Records goods shipped to a customer: a `ship` movement from the location to `customer` per line. ' +
        `${who} the location. Only available units may be shipped, unless the location allows negative stock; to ` +
        'ship units a reservation holds, commit the reservation (`POST /reservations/{id}/commit`).',
      errors: [...anyPosting, 'insufficient_stock'],
    },
    ApiBodies.sell,
    (b) => [b.location],
    ledger.ship,
  );
  posting(
    '/movements/return',
    {
      summary: 'Take back goods from a customer',
      description:
        'Takes returned goods straight back into available stock at the location: a `return` movement from ' +
        `\`customer\` per line. ${who} the location; a closed location takes no stock. Goods that need inspection ` +
        'first go through `POST /returns`, which can hold them in quarantine.',
      errors: [...anyPosting, 'location_unavailable'],
    },
    ApiBodies.return,
    (b) => [b.location],
    ledger.returnGoods,
  );
  posting(
    '/movements/adjust',
    {
      summary: 'Correct stock found to differ, with a reason',
      description:
        'Corrects the books where the shelf differs: each line moves units between the location and `adjustment`, ' +
        `up or down. ${who} the location. A decrease may not take reserved units, nor go below zero where the ` +
        'location forbids it; an increase is refused at a closed location.',
      errors: [...anyPosting, 'insufficient_stock', 'location_unavailable'],
    },
    ApiBodies.adjust,
    (b) => [b.location],
    ledger.adjust,
  );
  posting(
    '/movements/scrap',
    {
      summary: 'Write off damaged or lost goods, with a reason',
      description:
        'Writes goods off: a `scrap` movement from the location to `scrap` per line. ' +
        `${who} the location. Reserved units cannot be scrapped, nor stock go below zero where the location forbids it.`,
      errors: [...anyPosting, 'insufficient_stock'],
    },
    ApiBodies.scrap,
    (b) => [b.location],
    ledger.scrap,
  );
  posting(
    '/transfers/ship',
    {
      summary: 'Ship a transfer: goods leave for transit',
      description:
        'Ships goods between two locations without a transfer order: they leave `from` for `transit:<transferId>`, ' +
        `where they count as in transit to \`to\` until received. ${who} \`from\`. A second shipment under the ` +
        'same id joins the transfer if it takes the same route; the id of a transfer order is refused (ship the ' +
        'order instead).',
      errors: [...anyPosting, 'invalid_movement', 'insufficient_stock', 'held_by_document'],
    },
    ApiBodies.transferShip,
    (b) => ledger.scopeOf([{ kind: 'transfer_ship', from: b.from, to: transitLocationId(b.transferId) }]),
    ledger.shipTransfer,
  );
  // Receiving is the destination's act: the caller answers for where the transfer is going (which
  // the ledger resolves from the transit), not only for where the request says the goods arrive.
  posting(
    '/transfers/receive',
    {
      summary: 'Receive a transfer, writing off any shortfall',
      description:
        'Receives goods of a transfer shipped by `POST /transfers/ship` at its destination, and writes off to ' +
        `\`adjustment\` what will never arrive, with a reason. ${who} the destination. No line may take more ` +
        'than is still in transit; a transfer order is received through its own route.',
      errors: [...anyPosting, 'invalid_movement', 'insufficient_stock', 'location_unavailable', 'held_by_document'],
    },
    ApiBodies.transferReceive,
    (b) => ledger.scopeOf([{ kind: 'transfer_receive', from: transitLocationId(b.transferId), to: b.to }]),
    ledger.receiveTransfer,
  );
}
