import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AnyLocationId, Sku } from '../../catalog/index.js';
import { Forecast, ForecastAccuracy, ForecastRun, SkuForecast } from '../../forecasting/index.js';
import { caller } from '../auth.js';
import { SkuParams } from '../schemas.js';
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
        description:
          'Forecasts daily demand for every SKU at every location with sales in its history up to yesterday, ' +
          'choosing for each the method with the lowest backtest error, and stores the run: it becomes the latest, ' +
          'which forecasts, days of supply and accuracy are read from. Needs a planner or admin token for the whole ' +
          'network. The request lasts as long as the run.',
        body: z
          .strictObject({
            horizon: z.number().int().min(1).max(365).default(28).describe('Days to forecast, 1–365; default 28'),
          })
          .default({ horizon: 28 }),
        response: { 201: ForecastRun },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await forecasts.run({ horizon: request.body.horizon, actor: caller(request).name })),
  );
  routes.get(
    '/forecasts/runs/latest',
    {
      config: { ...read, errors: ['not_found'] },
      schema: {
        tags,
        summary: 'The latest forecast run',
        description:
          'When the latest run was made, over what history and horizon, and how many series each method won. Any ' +
          'token may read it; before any run it is `not_found`.',
        response: { 200: ForecastRun },
      },
    },
    async () => forecasts.latestRun(),
  );
  routes.get(
    '/forecasts',
    {
      config: { ...read, errors: ['not_found', 'unknown_sku', 'unknown_location'] },
      schema: {
        tags,
        summary: "A SKU's forecast at a location: daily means, σ, method and accuracy",
        description:
          'From the latest run. Any token may read it. It is `not_found` before any run, and where the SKU had no ' +
          'sales at the location.',
        querystring: z.strictObject({ sku: Sku, location: AnyLocationId }),
        response: { 200: Forecast },
      },
    },
    async (request) => forecasts.forLocation(request.query.sku, request.query.location),
  );
  routes.get(
    '/products/:sku/forecast',
    {
      config: { ...read, errors: ['not_found', 'unknown_sku'] },
      schema: {
        tags,
        summary: "A SKU's forecast at every location, summed by region and for the network",
        description:
          'From the latest run: each location where the SKU sells, and their sums per region and for the network ' +
          '(σ of a sum assumes independent errors). Any token may read it; before any run it is `not_found`.',
        params: SkuParams,
        response: { 200: SkuForecast },
      },
    },
    async (request) => forecasts.forSku(request.params.sku),
  );
  routes.get(
    '/forecasts/accuracy',
    {
      config: { ...read, errors: ['not_found'] },
      schema: {
        tags,
        summary: 'Which methods won where, and the backtest error by category and region',
        description:
          'For the latest run: how many series each method won, and the mean backtest error (RMSSE) per method, ' +
          'product category and region. Any token may read it; before any run it is `not_found`.',
        response: { 200: ForecastAccuracy },
      },
    },
    async () => forecasts.accuracy(),
  );
}
