import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Forecast,
  ForecastAccuracy,
  ForecastListQuery,
  ForecastRun,
  LeadTimeDemand,
  LeadTimeQuery,
  SkuForecast,
} from '../../forecasting/index.js';
import { yesterday } from '../../calendar/index.js';
import { calendarDate } from '../../input/index.js';
import { caller } from '../auth.js';
import { page, SkuParams } from '../schemas.js';
import type { Services } from '../services.js';

/** The last day of history a run may be asked to forecast from: yesterday at the latest (UTC). */
const HistoryUntil = calendarDate()
  .refine((day) => day <= yesterday(), 'must be a day that has ended: yesterday (UTC) at the latest')
  .describe(
    'The last day of sales history to use (YYYY-MM-DD, yesterday at the latest): the forecast starts the day after. Left out: the last day with a sales record anywhere in the network',
  );

export async function forecastRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { forecasts, forecastList } = services;
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
          'Forecasts daily demand for every SKU at every location with sales in its history up to `until`, ' +
          'choosing for each the method with the lowest backtest error, and stores the run: it becomes the latest, ' +
          'which forecasts, days of supply and accuracy are read from. Needs a planner or admin token for the whole ' +
          'network. The request lasts as long as the run.',
        body: z
          .strictObject({
            horizon: z.number().int().min(1).max(365).default(28).describe('Days to forecast, 1–365; default 28'),
            until: HistoryUntil.optional(),
          })
          .default({ horizon: 28 }),
        response: { 201: ForecastRun },
      },
    },
    async (request, reply) => {
      const { horizon, until } = request.body;
      const run = await forecasts.run({
        horizon,
        ...(until === undefined ? {} : { until }),
        actor: caller(request).name,
      });
      return reply.code(201).send(run);
    },
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
        summary: "The latest run's forecasts, by location, SKU and region: daily means, σ, method and accuracy",
        description:
          'From the latest run, each series (a SKU at a location) that matches every filter given, in SKU then ' +
          'location order, a page at a time. With both `sku` and `location` the answer is that one series itself ' +
          '(a `Forecast`, not a page), `not_found` where the SKU had no sales there. A filter naming an unknown SKU ' +
          'or location is `unknown_sku` / `unknown_location`, a region no location is in `not_found`; before any ' +
          'run it is `not_found`. Any token may read it. For every series at once, export them: ' +
          '`GET /exports/forecasts`.',
        querystring: ForecastListQuery,
        response: { 200: z.union([Forecast, page(Forecast)]) },
      },
    },
    async (request) => {
      const { sku, location, region } = request.query;
      return sku !== undefined && location !== undefined
        ? forecastList.one({ sku, location, region })
        : forecastList.list(request.query);
    },
  );
  routes.get(
    '/forecasts/lead-time-demand',
    {
      config: { ...read, errors: ['not_found', 'unknown_sku', 'unknown_location'] },
      schema: {
        tags,
        summary: "A SKU's demand at a location over the next days (a lead time), with its quantiles",
        description:
          'From the latest run: the forecast demand summed over `days` days from the first forecast day, its σ ' +
          "(each day's error, neighbouring days' errors correlated as the series' backtest found) and quantiles " +
          'p10 … p99 in whole units, for setting safety stock and reorder points. `not_found` before any run or ' +
          'where the SKU had no sales at the location. Any token may read it.',
        querystring: LeadTimeQuery,
        response: { 200: LeadTimeDemand },
      },
    },
    async (request) => forecasts.leadTimeDemand(request.query),
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
