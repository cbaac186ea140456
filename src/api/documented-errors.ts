import type { SwaggerTransform } from '@fastify/swagger';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { ErrorCode } from '../errors/index.js';
import { STATUS_OF } from './problem.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The domain errors a route's own work may answer (`not_found`, `insufficient_stock` …). Those every
     * route of its kind may answer — a refused token, a bad request, the database away — are added.
     */
    errors?: readonly ErrorCode[];
  }
}

/** Codes that are not domain errors: Fastify's own refusals of a request, before any route runs. */
const HTTP_CODES = { malformed_json: 400, unsupported_media_type: 415, request_body_too_large: 413 } as const;
type HttpCode = keyof typeof HTTP_CODES;

const statusOf = (code: ErrorCode | HttpCode) =>
  code in HTTP_CODES ? HTTP_CODES[code as HttpCode] : STATUS_OF[code as ErrorCode];

interface RouteFacts {
  method: RouteOptions['method'];
  config?: unknown;
  schema?: unknown;
}

/**
 * Every code a route may answer, by HTTP status: its own (`config.errors`) and those of its kind. A
 * route with a token answers `unauthenticated` and `forbidden`; one with inputs, `validation_failed`;
 * one with a body, malformed JSON, a wrong media type or an oversized body; every route behind the
 * database, `database_unavailable`; every write, `lock_timeout`.
 */
export function errorCodesOf(route: RouteFacts): Map<number, string[]> {
  const schema = (route.schema ?? {}) as Record<string, unknown>;
  const method = [route.method].flat()[0] ?? 'GET';
  const config = (route.config ?? {}) as { access?: string; errors?: readonly ErrorCode[] };
  const codes = new Set<ErrorCode | HttpCode>(config.errors ?? []);
  if (config.access) {
    codes.add('unauthenticated');
    codes.add('forbidden');
    codes.add('database_unavailable');
  }
  if (schema.params || schema.querystring || schema.body || schema.headers) codes.add('validation_failed');
  // An import reads a CSV body that no JSON schema describes: it is refused the same ways.
  if (schema.body || schema.consumes)
    for (const code of ['malformed_json', 'unsupported_media_type', 'request_body_too_large'] as const) codes.add(code);
  if (config.access && method !== 'GET' && method !== 'HEAD') codes.add('lock_timeout');
  const byStatus = new Map<number, string[]>();
  for (const code of [...codes].sort()) {
    const status = statusOf(code);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return byStatus;
}

/**
 * The OpenAPI transform: the zod schemas' JSON Schema, and for every route its error responses —
 * problem+json, with the codes each status may carry.
 */
export const documentErrors: SwaggerTransform = (input) => {
  const transformed = jsonSchemaTransform(input as Parameters<typeof jsonSchemaTransform>[0]);
  const responses = ((transformed.schema as { response?: Record<string, unknown> }).response ??= {});
  for (const [status, codes] of errorCodesOf({ ...input.route, schema: input.schema })) {
    responses[String(status)] = {
      description: `Problem details; \`code\` is one of: ${codes.map((c) => `\`${c}\``).join(', ')}`,
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    };
  }
  return transformed;
};

/**
 * Calls `report` for every problem a route answers with a code its document does not list: tests
 * turn it on, so that the document and the behaviour cannot drift apart.
 */
export function watchUndocumentedErrors(
  app: FastifyInstance,
  report: (route: string, status: number, code: string) => void,
): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const url = request.routeOptions.url;
    if (!url || reply.statusCode < 400 || typeof payload !== 'string') return payload;
    if (!String(reply.getHeader('content-type') ?? '').startsWith('application/problem+json')) return payload;
    const code = (JSON.parse(payload) as { code?: string }).code ?? '';
    const documented = errorCodesOf({
      method: request.method as RouteOptions['method'],
      config: request.routeOptions.config,
      schema: request.routeOptions.schema,
    });
    if (!documented.get(reply.statusCode)?.includes(code)) report(`${request.method} ${url}`, reply.statusCode, code);
    return payload;
  });
}
