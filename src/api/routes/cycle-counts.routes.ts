import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CountLineInput, NewCountSession } from '../../procedures/index.js';
import { authorize } from '../../security/index.js';
import { caller } from '../auth.js';
import { CountAccuracy, CountSession, IdParams, IdSkuParams } from '../schemas.js';
import type { Services } from '../services.js';

export async function cycleCountRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { cycleCounts } = services;
  const tags = ['cycle counts'];
  const write = { access: 'write' as const };

  /** The acting caller, if they may do `access` at the count's location. */
  const actorAt = (request: FastifyRequest, access: 'write' | 'plan', location: string) => {
    const principal = caller(request);
    authorize(principal, access, [location]);
    return principal.name;
  };

  routes.post(
    '/counts',
    {
      config: write,
      schema: {
        tags,
        summary: 'Start a count at a location: all its SKUs, a list, an ABC class, or those not counted lately',
        body: NewCountSession.omit({ actor: true }),
        response: { 201: CountSession },
      },
    },
    async (request, reply) => {
      const actor = actorAt(request, 'write', request.body.location);
      return reply.code(201).send(await cycleCounts.create({ ...request.body, actor }));
    },
  );
  routes.get(
    '/counts/:id',
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'Read a count (without system quantities while counting)',
        params: IdParams,
        response: { 200: CountSession },
      },
    },
    async (request) => cycleCounts.get(request.params.id),
  );
  routes.put(
    '/counts/:id/lines/:sku',
    {
      config: write,
      schema: {
        tags,
        summary: 'Record what was counted for a SKU (again, to recount)',
        params: IdSkuParams,
        body: CountLineInput.omit({ actor: true }),
        response: { 200: CountSession },
      },
    },
    async (request) => {
      const session = await cycleCounts.get(request.params.id);
      const actor = actorAt(request, 'write', session.locationId);
      return cycleCounts.count(session.id, request.params.sku, { ...request.body, actor });
    },
  );
  routes.post(
    '/counts/:id/submit',
    {
      config: write,
      schema: {
        tags,
        summary: 'Finish counting: small variances post at once, large ones wait for a planner',
        params: IdParams,
        response: { 200: CountSession },
      },
    },
    async (request) => {
      const session = await cycleCounts.get(request.params.id);
      return cycleCounts.submit(session.id, actorAt(request, 'write', session.locationId));
    },
  );
  routes.post(
    '/counts/:id/approve',
    {
      config: { access: 'plan' },
      schema: {
        tags,
        summary: "Approve a count's large variances, posting them",
        params: IdParams,
        response: { 200: CountSession },
      },
    },
    async (request) => {
      const session = await cycleCounts.get(request.params.id);
      return cycleCounts.approve(session.id, actorAt(request, 'plan', session.locationId));
    },
  );
  routes.get(
    '/locations/:id/count-accuracy',
    {
      config: { access: 'read' },
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
