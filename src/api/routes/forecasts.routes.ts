import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AnyLocationId, Sku } from '../../catalog/index.js';
import { caller } from '../auth.js';
import { Forecast, ForecastAccuracy, ForecastRun, SkuForecast, SkuParams } from '../schemas.js';
import type { Services } from '../services.js';

export async function forecastRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { forecasts } = services;
  const tags = ['forecasts'];
  const read = { access: 'read' as const };

  routes.post(
    '/forecasts/runs',
    {
      // A run forecasts every location: a planner limited to some may not replace the network's.
      config: { access: 'plan', network: true },
      schema: {
        tags,
        summary: 'Forecast every SKU × location with sales now (for large networks, prefer `omnistock forecast`)',
        body: z.strictObject({ horizon: z.number().int().min(1).max(365).default(28) }).default({ horizon: 28 }),
        response: { 201: ForecastRun },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await forecasts.run({ horizon: request.body.horizon, actor: caller(request).name })),
  );
  routes.get(
    '/forecasts/runs/latest',
    { config: read, schema: { tags, summary: 'The latest forecast run', response: { 200: ForecastRun } } },
    async () => forecasts.latestRun(),
  );
  routes.get(
    '/forecasts',
    {
      config: read,
      schema: {
        tags,
        summary: "A SKU's forecast at a location: daily means, σ, method and accuracy",
        querystring: z.strictObject({ sku: Sku, location: AnyLocationId }),
        response: { 200: Forecast },
      },
    },
    async (request) => forecasts.forLocation(request.query.sku, request.query.location),
  );
  routes.get(
    '/products/:sku/forecast',
    {
      config: read,
      schema: {
        tags,
        summary: "A SKU's forecast at every location, summed by region and for the network",
        params: SkuParams,
        response: { 200: SkuForecast },
      },
    },
    async (request) => forecasts.forSku(request.params.sku),
  );
  routes.get(
    '/forecasts/accuracy',
    {
      config: read,
      schema: {
        tags,
        summary: 'Which methods won where, and the backtest error by category and region',
        response: { 200: ForecastAccuracy },
      },
    },
    async () => forecasts.accuracy(),
  );
}
