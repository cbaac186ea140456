import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  blindLines,
  CancelCount,
  CountAccuracy,
  CountFilter,
  CountLineInput,
  CountSession,
  NewCountSession,
} from '../../procedures/index.js';
import { authorize } from '../../security/index.js';
import { caller } from '../auth.js';
import { IdParams, IdSkuParams, page } from '../schemas.js';
import type { Services } from '../services.js';

export async function cycleCountRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { cycleCounts } = services;
  const tags = ['cycle counts'];
  const read = { access: 'read' as const };
  /** Posting the variances meets the ledger's refusals: stock sold meanwhile, a closed location, a locked period. */
  const posting = [
    'not_found',
    'illegal_transition',
    'insufficient_stock',
    'location_unavailable',
    'period_locked',
  ] as const;

  /** The acting caller, if they may do `access` at the count's location. */
  const actorAt = (request: FastifyRequest, access: 'write' | 'plan', location: string) => {
    const principal = caller(request);
    authorize(principal, access, [location]);
    return principal.name;
  };

  /**
   * Counts as the caller may see them: a caller counting some SKUs now sees their system quantities
   * in no count, not even a finished one, until their own count is submitted.
   */
  const shown = async (request: FastifyRequest, sessions: CountSession[]): Promise<CountSession[]> => {
    const counting = await cycleCounts.blindSkus(caller(request).name);
    return counting.size === 0 ? sessions : sessions.map((s) => blindLines(s, (sku) => counting.has(sku)));
  };
  const shownOne = async (request: FastifyRequest, session: CountSession) => (await shown(request, [session]))[0]!;

  routes.post(
    '/cycle-counts',
    {
      config: { access: 'write', errors: ['unknown_location', 'unknown_sku', 'already_exists'] },
      schema: {
        tags,
        summary:
          'Start a count at a location: all its SKUs, a list, an ABC class, or those not counted lately (409 while another open count there covers any of them)',
        description:
          'An operator, planner or admin whose token covers `location` starts a count of the SKUs its scope covers there; a scope that covers none is refused (400). Counting is blind: what the system holds is shown only once the count is submitted, and never to someone counting the same SKUs meanwhile. While it is open or waits for approval, no other count at the location may cover any of its SKUs (409 `already_exists`, naming it).',
        body: NewCountSession.omit({ actor: true }),
        response: { 201: CountSession },
      },
    },
    async (request, reply) => {
      const actor = actorAt(request, 'write', request.body.location);
      return reply.code(201).send(await shownOne(request, await cycleCounts.create({ ...request.body, actor })));
    },
  );
  routes.get(
    '/cycle-counts',
    {
      config: read,
      schema: {
        tags,
        summary: 'List counts (a token limited to locations sees theirs); system quantities only once submitted',
        description:
          "Any token may list counts; one limited to some locations sees only the counts there. Counts come in order of their number, a page at a time. A line's system quantity and variance show only once its count is submitted, and never to someone counting that SKU now.",
        querystring: CountFilter,
        response: { 200: page(CountSession) },
      },
    },
    async (request) => {
      const counts = await cycleCounts.list(request.query, caller(request).locations);
      return { ...counts, items: await shown(request, counts.items) };
    },
  );
  routes.get(
    '/cycle-counts/:id',
    {
      config: { ...read, errors: ['not_found'] },
      schema: {
        tags,
        summary: 'Read a count (system quantities only once submitted)',
        description:
          "Any token may read a count by its number, whatever its locations. A line's system quantity and variance show only once the count is submitted, and never to someone counting that SKU now.",
        params: IdParams,
        response: { 200: CountSession },
      },
    },
    async (request) => shownOne(request, await cycleCounts.get(request.params.id)),
  );
  routes.put(
    '/cycle-counts/:id/lines/:sku',
    {
      config: { access: 'write', errors: ['not_found', 'illegal_transition'] },
      schema: {
        tags,
        summary: 'Record what was counted for a SKU (again, to recount)',
        description:
          "An operator, planner or admin whose token covers the count's location records what was found on the shelf for a SKU of an open count, with what the system holds at that moment (hidden until the count is submitted). Recording it again replaces both. A SKU not in the count is refused (400); a count no longer open, 409 `illegal_transition`.",
        params: IdSkuParams,
        body: CountLineInput.omit({ actor: true }),
        response: { 200: CountSession },
      },
    },
    async (request) => {
      const session = await cycleCounts.get(request.params.id);
      const actor = actorAt(request, 'write', session.locationId);
      return shownOne(request, await cycleCounts.count(session.id, request.params.sku, { ...request.body, actor }));
    },
  );
  for (const [action, access, summary, description] of [
    [
      'submit',
      'write',
      'Finish counting: small variances post at once, large ones wait for a planner',
      "An operator, planner or admin whose token covers the count's location ends counting an open count. Each counted line's variance within both thresholds posts at once as an adjustment; a larger one is held, and the count waits for approval (`pending_approval`), else it is `closed`. Lines not counted post nothing.",
    ],
    [
      'approve',
      'plan',
      "Approve a count's large variances, posting them: by someone who neither started nor counted it",
      "A planner or admin whose token covers the count's location posts the held variances of a count waiting for approval as adjustments, closing it. Four eyes: whoever started the count or counted a line of it is refused (403 `forbidden`).",
    ],
  ] as const) {
    routes.post(
      `/cycle-counts/:id/${action}`,
      {
        config: { access, errors: posting },
        schema: { tags, summary, description, params: IdParams, response: { 200: CountSession } },
      },
      async (request) => {
        const session = await cycleCounts.get(request.params.id);
        const actor = actorAt(request, access, session.locationId);
        return shownOne(request, await cycleCounts[action](session.id, actor));
      },
    );
  }
  routes.post(
    '/cycle-counts/:id/cancel',
    {
      config: { access: 'write', errors: ['not_found', 'illegal_transition'] },
      schema: {
        tags,
        summary:
          'Cancel a count that posted nothing, posting nothing: while counting, or (a planner) refusing its held variances',
        description:
          'While a count is open, an operator, planner or admin whose token covers its location may cancel it; once it waits for approval, only a planner or admin may, refusing its held variances. Either way nothing is posted. A count that already posted a variance cannot be cancelled (409 `illegal_transition`).',
        params: IdParams,
        body: CancelCount.omit({ actor: true }),
        response: { 200: CountSession },
      },
    },
    async (request) => {
      const session = await cycleCounts.get(request.params.id);
      // Stopping a count is the counters' call; setting aside variances a planner was to judge is a
      // planner's. Asked of the status seen here, so a count submitted meanwhile is refused, not cancelled.
      const rejecting = session.status === 'pending_approval';
      const actor = actorAt(request, rejecting ? 'plan' : 'write', session.locationId);
      const from = rejecting ? (['pending_approval'] as const) : (['open'] as const);
      return shownOne(request, await cycleCounts.cancel(session.id, { ...request.body, actor }, from));
    },
  );
  routes.get(
    '/locations/:id/count-accuracy',
    {
      config: { ...read, errors: ['unknown_location'] },
      schema: {
        tags,
        summary: "How well a location's records matched its shelves in its counts",
        description:
          "Any token may read it. Over the location's submitted counts (closed or waiting for approval): how many lines were counted, the share that matched the system exactly, and the variances in units and at cost, added up whatever their sign. A location without such counts, or unknown, answers zeros and a null accuracy.",
        params: IdParams,
        response: { 200: CountAccuracy },
      },
    },
    async (request) => cycleCounts.accuracy(request.params.id),
  );
}
