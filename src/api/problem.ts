import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isDomainError } from '../errors/index.js';
import type { ErrorCode, FieldIssue } from '../errors/index.js';
import { excerpt } from '../input/index.js';

/** The one place where domain error codes meet HTTP. */
export const STATUS_OF: Readonly<Record<ErrorCode, number>> = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  unknown_sku: 404,
  unknown_location: 404,
  unknown_supplier: 404,
  not_found: 404,
  insufficient_stock: 409,
  location_unavailable: 409,
  already_exists: 409,
  illegal_transition: 409,
  invalid_movement: 422,
  idempotency_conflict: 422,
  // Stock a document (a transfer, a return in quarantine) holds moves only through that document.
  held_by_document: 409,
  // Nothing may be posted on or before the lock date an admin set.
  period_locked: 422,
  // A purchase-order line whose cost nobody knows: not given, not in the supplier's terms, not in the catalog.
  no_unit_cost: 422,
  // A row the request needs stayed locked by another transaction beyond the lock wait limit.
  lock_timeout: 409,
  // The database did not answer in time or is unreachable: try again later (with Retry-After).
  database_unavailable: 503,
};

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad request',
  401: 'Unauthenticated',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Request body too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  422: 'Unprocessable request',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
};

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance: string;
  errors?: (FieldIssue & { in?: string })[];
  [fact: string]: unknown;
}

export function problem(
  status: number,
  code: string,
  detail: string,
  request: FastifyRequest,
  facts: Record<string, unknown> = {},
): ProblemBody {
  return {
    ...facts,
    type: `urn:omnistock:problem:${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    instance: request.url,
  };
}

export function sendProblem(reply: FastifyReply, body: ProblemBody): FastifyReply {
  return reply.code(body.status).type('application/problem+json').send(body);
}

/** Field issues listed in one answer; a body with more says how many more. */
const MOST_ISSUES = 100;

const WHERE: Record<string, string> = { body: 'body', querystring: 'query', params: 'path', headers: 'header' };

/**
 * Turns any error into problem+json: domain errors by their code, request validation failures with
 * every failing field, Fastify's own (malformed JSON, body too large, wrong media type) by their status,
 * and anything else as a 500 whose detail hides the internals (they are logged with the request id).
 */
export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = WHERE[error.validationContext ?? 'body'] ?? 'body';
    // Messages quote what was sent (an unknown key, say): each is cut short, and so is the list.
    const errors = error.validation.slice(0, MOST_ISSUES).map((issue) => ({
      path: excerpt(issue.instancePath.replace(/^\//, '').replaceAll('/', '.'), 200),
      message: excerpt(issue.message ?? 'invalid', 300),
      in: where,
    }));
    const more = error.validation.length - errors.length;
    const summary = [
      ...errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)),
      ...(more > 0 ? [`and ${more} more`] : []),
    ].join('; ');
    return sendProblem(reply, {
      ...problem(400, 'validation_failed', `Invalid ${where}: ${summary}`, request),
      errors,
    });
  }
  if (isDomainError(error)) {
    const status = STATUS_OF[error.code];
    const { issues, ...facts } = error.details as { issues?: FieldIssue[]; retryAfterSeconds?: unknown };
    const body = problem(status, error.code, error.message, request, facts);
    if (issues) body.errors = issues.map((i) => ({ ...i, in: 'body' }));
    // A database that is away or a lock held elsewhere passes: say when to try again.
    if (typeof facts.retryAfterSeconds === 'number') reply.header('retry-after', String(facts.retryAfterSeconds));
    return sendProblem(reply, body);
  }
  const status = error.statusCode ?? 500;
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    // Say what to send instead: a CSV import reads text/csv, everything else JSON.
    const consumes = (request.routeOptions.schema as { consumes?: string[] } | undefined)?.consumes ?? [
      'application/json',
    ];
    const sent = excerpt(request.headers['content-type'] ?? 'none', 100);
    return sendProblem(
      reply,
      problem(
        415,
        'unsupported_media_type',
        `${request.method} ${request.routeOptions.url ?? request.url} reads ${consumes.join(' or ')}, not '${sent}': send the body with Content-Type: ${consumes[0]}`,
        request,
        { accepts: consumes },
      ),
    );
  }
  if (status >= 400 && status < 500) {
    const code =
      error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError
        ? 'malformed_json'
        : httpCode(status);
    return sendProblem(reply, problem(status, code, error.message, request));
  }
  request.log.error({ err: error }, 'request failed');
  return sendProblem(
    reply,
    problem(
      500,
      'internal_error',
      `Something went wrong on our side; the request changed nothing. Reference: ${request.id}`,
      request,
    ),
  );
}

function httpCode(status: number): string {
  return (TITLES[status] ?? 'error').toLowerCase().replaceAll(' ', '_');
}
