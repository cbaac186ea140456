import fastifyCors from '@fastify/cors';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController } from 'fastify';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { jsonSchemaTransformObject, validatorCompiler } from 'fastify-type-provider-zod';
import { version } from '../version/index.js';
import { isDomainError } from '../errors/index.js';
import { excerpt } from '../input/index.js';
import { authenticate } from './auth.js';
import { logDatabaseHealth, startBackgroundWork } from './background.js';
import { errorHandler, problem, sendProblem } from './problem.js';
import { serializerCompiler } from './serializer.js';
import { adminRoutes } from './routes/admin.routes.js';
import { catalogRoutes } from './routes/catalog.routes.js';
import { suppliersRoutes } from './routes/suppliers.routes.js';
import { exchangeRoutes } from './routes/exchange.routes.js';
import { purchaseOrderRoutes } from './routes/purchase-orders.routes.js';
import { transferOrderRoutes } from './routes/transfer-orders.routes.js';
import { cycleCountRoutes } from './routes/cycle-counts.routes.js';
import { returnRoutes } from './routes/returns.routes.js';
import { forecastRoutes } from './routes/forecasts.routes.js';
import { planRoutes } from './routes/plans.routes.js';
import { promotionRoutes } from './routes/promotions.routes.js';
import { orderRoutes } from './routes/orders.routes.js';
import { eventRoutes } from './routes/events.routes.js';
import { healthRoutes } from './routes/health.routes.js';
import { movementRoutes } from './routes/movements.routes.js';
import { reservationRoutes } from './routes/reservations.routes.js';
import { overviewRoutes } from './routes/overview.routes.js';
import { stockRoutes } from './routes/stock.routes.js';
import type { Services } from './services.js';
import { acceptEmptyBodies } from './bodies.js';
import { documentErrors, watchUndocumentedErrors } from './documented-errors.js';
import { watchUnservedFields } from './served-fields.js';

export const API_PREFIX = '/api/v1';

export interface AppOptions {
  services: Services;
  logger?: FastifyServerOptions['logger'];
  /** Largest request body accepted, in bytes (default 4 MiB: a batch of 10,000 movements fits). */
  bodyLimit?: number;
  /** Run the background work (event relay, webhook deliveries, reservation expiry). Default true. */
  background?: boolean;
  /** Origins allowed to call the API from a browser. */
  corsOrigins?: string[];
  /** Called for every problem a route answers with a code its OpenAPI document does not list (tests). */
  onUndocumentedError?: (route: string, status: number, code: string) => void;
  /** Called for every field of an answer its response schema would drop (tests). */
  onUnservedField?: (route: string, status: number, field: string) => void;
}

/**
 * The HTTP API under `/api/v1`, its OpenAPI document at `/api/v1/openapi.json` and interactive docs at
 * `/docs`. Routes validate with the same zod schemas the domain uses, which also write the document.
 *
 * @example
 * const app = await buildApp({ services: createServices(store) });
 * await app.listen({ port: 3000 });
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { services } = options;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 4 * 1024 * 1024,
    // One line per request, written by the onResponse hook below, instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    forceCloseConnections: true,
    // Errors the router raises before any route runs (a malformed or overlong URL) get problem+json too.
    frameworkErrors: (error, request, reply) => {
      const status = error.statusCode ?? 400;
      const code = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'uri_too_long' : 'bad_url';
      return sendProblem(reply, problem(status, code, error.message, request));
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  acceptEmptyBodies(app);
  if (options.onUndocumentedError) watchUndocumentedErrors(app, options.onUndocumentedError);
  if (options.onUnservedField) watchUnservedFields(app, options.onUnservedField);
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, problem(404, 'not_found', `No route ${request.method} ${request.url.split('?')[0]}`, request)),
  );
  app.decorate('closing', false);
  app.addHook('preClose', async () => {
    app.closing = true;
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Omnistock API',
        version,
        description:
          'Distributed inventory management: one stock ledger for a network of locations. Errors are application/problem+json (RFC 9457).',
      },
      components: {
        securitySchemes: { token: { type: 'http', scheme: 'bearer', description: 'An Omnistock API token' } },
      },
      security: [{ token: [] }],
    },
    transform: documentErrors,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  app.addHook('onRequest', authenticate(services.tokens));
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        url: request.url,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
        actor: request.principal?.name,
      },
      'request',
    );
    if (request.principal && request.method !== 'GET' && request.method !== 'HEAD') {
      const params = (request.params ?? {}) as Record<string, string | undefined>;
      const body = (request.body ?? {}) as Record<string, unknown>;
      const target =
        params.id ??
        params.sku ??
        params.dataset ??
        (typeof body.location === 'string' ? body.location : null) ??
        (typeof body.transferId === 'string' ? body.transferId : null) ??
        (typeof body.reference === 'string' ? body.reference : null);
      const key = request.headers['idempotency-key'];
      // A refused request's target and key are whatever the caller sent: kept short and printable.
      await services.audit
        .record({
          actor: request.principal.name,
          action: `${request.method} ${request.routeOptions.url ?? request.url}`,
          target: target ? excerpt(target, 200) : null,
          status: reply.statusCode,
          idempotencyKey: typeof key === 'string' ? excerpt(key, 200) : null,
        })
        .catch((error: unknown) => {
          // While the database is away every refused write would log this; the outage is logged once.
          const level = isDomainError(error, 'database_unavailable') ? 'debug' : 'error';
          request.log[level]({ err: error }, 'audit entry not written');
        });
    }
  });

  if (options.corsOrigins?.length) {
    const origins = options.corsOrigins;
    await app.register(fastifyCors, {
      origin: origins.includes('*') ? true : origins,
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'last-event-id'],
    });
  }

  await app.register(
    async (api) => {
      for (const routes of [
        healthRoutes,
        catalogRoutes,
        suppliersRoutes,
        exchangeRoutes,
        purchaseOrderRoutes,
        transferOrderRoutes,
        cycleCountRoutes,
        returnRoutes,
        forecastRoutes,
        planRoutes,
        promotionRoutes,
        orderRoutes,
        stockRoutes,
        overviewRoutes,
        movementRoutes,
        reservationRoutes,
        adminRoutes,
        eventRoutes,
      ]) {
        await api.register(routes, { services });
      }
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    },
    { prefix: API_PREFIX },
  );

  logDatabaseHealth(app, services);
  if (options.background ?? true) startBackgroundWork(app, services);
  return app;
}
