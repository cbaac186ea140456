import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  MAX_PLANNED_LIFT,
  MAX_PROMOTION_DAYS,
  NewPromotion,
  Promotion,
  PromotionChanges,
  PromotionFilter,
  PromotionId,
} from '../../forecasting/index.js';
import { caller } from '../auth.js';
import { page } from '../schemas.js';
import type { Services } from '../services.js';

/** The path's code checked as the calendar checks it, so a malformed one is said to be in the path. */
const PromotionParams = z.object({ id: PromotionId.describe('The promotion the path names, by its code') });

/** What every write is refused for, said once for the document. */
const RULES =
  'A promotion names a `sku` or a `category`, not both; a `location`, a `region`, or neither for the whole network; ' +
  `\`from\` to \`to\` is at most ${MAX_PROMOTION_DAYS} days, the last included; \`plannedLift\`, if given, is above 0 ` +
  `and at most ${MAX_PLANNED_LIFT}. The SKU, the category (some product is in it), the location (a real one) and ` +
  'the region (some location is in it) must exist. A promotion breaking a rule is refused whole (400 ' +
  '`validation_failed`, naming each field at fault) and nothing is written.';

export async function promotionRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { promotions } = services;
  const tags = ['promotions'];
  const read = { access: 'read' as const };
  // The calendar is the network's: a planner limited to some locations may not change it.
  const plan = { access: 'plan' as const, network: true };

  routes.post(
    '/promotions',
    {
      config: { ...plan, errors: ['already_exists'] },
      schema: {
        tags,
        summary: 'Put a promotion on the calendar',
        description:
          'Records a promotion: what is promoted, where, on which days, and the lift planned for it if any. Past ' +
          'days are fine: the forecast learns the lift from past promotions and leaves their days out of the base ' +
          'level. Needs a planner or admin token without location limits. The code is chosen by the caller and ' +
          'cannot be changed later; a code in use is answered 409 `already_exists`, so a request sent twice ' +
          `records one promotion. ${RULES}`,
        body: NewPromotion,
        response: { 201: Promotion },
      },
    },
    async (request, reply) => reply.code(201).send(await promotions.create(request.body, caller(request).name)),
  );
  routes.get(
    '/promotions',
    {
      config: read,
      schema: {
        tags,
        summary: 'List promotions: by product, category, place and the days they run',
        description:
          'The promotions that match every filter given, by code, a page at a time. `from` and `to` list those ' +
          'running on at least one day of that period, first and last day included. `sku`, `category`, ' +
          '`location` and `region` match what a promotion names, exactly: one for a whole region is not listed ' +
          'under one of its locations. Any token may read them.',
        querystring: PromotionFilter,
        response: { 200: page(Promotion) },
      },
    },
    async (request) => promotions.list(request.query),
  );
  routes.get(
    '/promotions/:id',
    {
      config: { ...read, errors: ['not_found'] },
      schema: {
        tags,
        summary: 'Read a promotion',
        description: 'One promotion by its code; an unknown code is 404 `not_found`. Any token may read it.',
        params: PromotionParams,
        response: { 200: Promotion },
      },
    },
    async (request) => promotions.get(request.params.id),
  );
  routes.patch(
    '/promotions/:id',
    {
      config: { ...plan, errors: ['not_found'] },
      schema: {
        tags,
        summary: 'Change a promotion (its days, place, planned lift …)',
        description:
          'Changes the fields sent and keeps the others; the code stays. Send null to clear a field: to move a ' +
          'promotion from a SKU to a category, send the category and `sku: null`. The promotion that results must ' +
          `keep every rule. Needs a planner or admin token without location limits. ${RULES}`,
        params: PromotionParams,
        body: PromotionChanges,
        response: { 200: Promotion },
      },
    },
    async (request) => promotions.update(request.params.id, request.body),
  );
  routes.delete(
    '/promotions/:id',
    {
      config: { ...plan, errors: ['not_found'] },
      schema: {
        tags,
        summary: 'Take a promotion off the calendar',
        description:
          'Removes a promotion: forecasts made afterwards neither leave its days out of the base level nor apply a ' +
          'lift to them. Needs a planner or admin token without location limits. An unknown or already removed ' +
          'promotion is 404 `not_found`.',
        params: PromotionParams,
        response: { 204: z.undefined() },
      },
    },
    async (request, reply) => {
      await promotions.remove(request.params.id);
      return reply.code(204).send();
    },
  );
}
