import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ApproveSuggestion,
  DismissSuggestion,
  PlanRun,
  PlanSettingsInput,
  PolicyQuery,
  StockPolicy,
  Suggestion,
  SuggestionFilter,
} from '../../plans/index.js';
import { authorize } from '../../security/index.js';
import { caller } from '../auth.js';
import { IdParams, page, SkuParams } from '../schemas.js';
import type { Services } from '../services.js';
import { z } from 'zod';

export async function planRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { plans } = services;
  const tags = ['planning'];
  const read = { access: 'read' as const };

  /** The caller, if they may plan at every location the suggestion concerns. */
  async function decider(request: FastifyRequest, id: string) {
    const principal = caller(request);
    const suggestion = await plans.suggestion(id);
    authorize(principal, 'plan', [suggestion.locationId, ...(suggestion.fromId ? [suggestion.fromId] : [])]);
    return principal;
  }

  routes.post(
    '/plans/runs',
    {
      // A plan sets every location's policies and replaces open suggestions across the network.
      config: { access: 'plan', network: true, errors: ['not_found', 'illegal_transition'] },
      schema: {
        tags,
        summary: 'Plan the network on the latest forecast (for large networks, prefer `omnistock plan`)',
        description:
          'Sets every SKU × location policy (safety stock, reorder point, order-up-to level, per week of the ' +
          'latest forecast), places safety stock across the tree of locations, and suggests purchase orders, ' +
          'transfers from parents, moves between stores and range changes; open suggestions of earlier plans ' +
          'expire. Needs a planner or admin token for the whole network; `not_found` before any forecast. The ' +
          'request lasts as long as the plan.',
        body: PlanSettingsInput.prefault({}),
        response: { 201: PlanRun },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await plans.run({ settings: request.body, actor: caller(request).name })),
  );
  routes.get(
    '/plans/runs/latest',
    {
      config: { ...read, errors: ['not_found'] },
      schema: {
        tags,
        summary: 'The latest plan: its settings, suggestions by kind and value, and where safety stock sits',
        description: 'Any token may read it; before any plan it is `not_found`.',
        response: { 200: PlanRun },
      },
    },
    async () => plans.latestRun(),
  );
  routes.get(
    '/plans/runs/:id',
    {
      config: { ...read, errors: ['not_found'] },
      schema: {
        tags,
        summary: 'One plan run',
        description: 'Any token may read it; an id no plan has is `not_found`.',
        params: IdParams,
        response: { 200: PlanRun },
      },
    },
    async (request) => plans.getRun(request.params.id),
  );
  routes.get(
    '/products/:sku/policies',
    {
      config: { ...read, errors: ['not_found', 'unknown_sku', 'unknown_location', 'validation_failed'] },
      schema: {
        tags,
        summary: "A SKU's stock policy at every location (or one), per dated period of the latest plan",
        description:
          'Safety stock, reorder point, order-up-to level and lot, with what they were computed from: demand, ' +
          'lead time and its spread, service target and its basis. `location` narrows to one location, `on` to ' +
          'the row holding on one day. Any token may read them; before any plan it is `not_found`.',
        params: SkuParams,
        querystring: PolicyQuery,
        response: {
          200: z.object({
            sku: z.string().describe('The product'),
            policies: z.array(StockPolicy).describe('By location, then from the earliest period'),
          }),
        },
      },
    },
    async (request) => ({
      sku: request.params.sku,
      policies: await plans.policies(request.params.sku, request.query),
    }),
  );
  routes.get(
    '/suggestions',
    {
      config: { ...read, errors: ['validation_failed'] },
      schema: {
        tags,
        summary: 'Suggestions of plans, filtered by kind, status, location, supplier, SKU and value',
        description:
          'In the order they were made, a page at a time, each with its lines and reasons. Any token may read them.',
        querystring: SuggestionFilter,
        response: { 200: page(Suggestion) },
      },
    },
    async (request) => plans.suggestions(request.query),
  );
  routes.get(
    '/suggestions/:id',
    {
      config: { ...read, errors: ['not_found'] },
      schema: {
        tags,
        summary: 'One suggestion, with its lines and reasons',
        description: 'Any token may read it; an id no plan made is `not_found`.',
        params: IdParams,
        response: { 200: Suggestion },
      },
    },
    async (request) => plans.suggestion(request.params.id),
  );
  routes.post(
    '/suggestions/:id/approve',
    {
      config: {
        access: 'plan',
        errors: ['not_found', 'illegal_transition', 'unknown_location', 'unknown_sku', 'validation_failed'],
      },
      schema: {
        tags,
        summary: 'Approve a suggestion: its purchase order or transfer is created, once',
        description:
          'A planner whose token covers its locations approves an open suggestion. In the same transaction a ' +
          'purchase order is placed with the supplier (a draft with `submit: false`) or a transfer drafted from ' +
          'its source; an approved range change is recorded, and the next plan plans the store’s range as ' +
          'decided (a delisted SKU is no longer replenished there, an added one is planned at its similar ' +
          'stores’ rate). A suggestion already decided, or expired by a newer plan, is 409 `illegal_transition`: ' +
          'of two planners approving at once, one wins and the other is told.',
        params: IdParams,
        body: ApproveSuggestion,
        response: { 200: Suggestion },
      },
    },
    async (request) => {
      const principal = await decider(request, request.params.id);
      return plans.approve(request.params.id, request.body, principal.name);
    },
  );
  routes.post(
    '/suggestions/:id/dismiss',
    {
      config: { access: 'plan', errors: ['not_found', 'illegal_transition', 'validation_failed'] },
      schema: {
        tags,
        summary: 'Dismiss a suggestion, with a note saying why',
        description:
          'A planner whose token covers its locations dismisses an open suggestion; a dismissed range change is ' +
          'not suggested again. Decided or expired: 409 `illegal_transition`.',
        params: IdParams,
        body: DismissSuggestion,
        response: { 200: Suggestion },
      },
    },
    async (request) => {
      const principal = await decider(request, request.params.id);
      return plans.dismiss(request.params.id, request.body, principal.name);
    },
  );
}
