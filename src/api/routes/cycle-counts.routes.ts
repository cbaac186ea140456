import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { blindLines, CancelCount, CountFilter, CountLineInput, NewCountSession } from '../../procedures/index.js';
import type { CountSession } from '../../procedures/index.js';
import { authorize } from '../../security/index.js';
import { caller } from '../auth.js';
import { CountAccuracy, CountSession as CountSessionShape, IdParams, IdSkuParams, page } from '../schemas.js';
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
        body: NewCountSession.omit({ actor: true }),
        response: { 201: CountSessionShape },
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
        querystring: CountFilter,
        response: { 200: page(CountSessionShape) },
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
        params: IdParams,
        response: { 200: CountSessionShape },
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
        params: IdSkuParams,
        body: CountLineInput.omit({ actor: true }),
        response: { 200: CountSessionShape },
      },
    },
    async (request) => {
      const session = await cycleCounts.get(request.params.id);
      const actor = actorAt(request, 'write', session.locationId);
      return shownOne(request, await cycleCounts.count(session.id, request.params.sku, { ...request.body, actor }));
    },
  );
  for (const [action, access, summary] of [
    ['submit', 'write', 'Finish counting: small variances post at once, large ones wait for a planner'],
    [
      'approve',
      'plan',
      "Approve a count's large variances, posting them: by someone who neither started nor counted it",
    ],
  ] as const) {
    routes.post(
      `/cycle-counts/:id/${action}`,
      {
        config: { access, errors: posting },
        schema: { tags, summary, params: IdParams, response: { 200: CountSessionShape } },
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
        params: IdParams,
        body: CancelCount.omit({ actor: true }),
        response: { 200: CountSessionShape },
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
      config: read,
      schema: {
        tags,
        summary: "How well a location's records matched its shelves in its counts",
        params: IdParams,
        response: { 200: CountAccuracy },
      },
    },
    async (request) => cycleCounts.accuracy(request.params.id),
  );
}
