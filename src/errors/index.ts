import type { z } from 'zod';

/**
 * Stable error codes. Clients match on these, so a code is never renamed; add a new one instead.
 * They say nothing of HTTP: the API maps each to a status in one place.
 */
export const ERROR_CODES = [
  'validation_failed',
  'unknown_sku',
  'unknown_location',
  'unknown_supplier',
  'invalid_movement',
  'insufficient_stock',
  'location_unavailable',
  'idempotency_conflict',
  'not_found',
  'already_exists',
  'illegal_transition',
  'unauthenticated',
  'forbidden',
  'held_by_document',
  'period_locked',
  'no_unit_cost',
  'lock_timeout',
  'database_unavailable',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One thing wrong with an input, and where: `lines.2.quantity`. */
export interface FieldIssue {
  path: string;
  message: string;
}

/**
 * An error a person can act on: what went wrong (`message`), a stable `code`, and the facts behind it
 * (`details`, e.g. the available quantity when stock is short).
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

export function isDomainError(error: unknown, code?: ErrorCode): error is DomainError {
  return error instanceof DomainError && (code === undefined || error.code === code);
}

export function validationFailed(issues: FieldIssue[], cause?: unknown): DomainError {
  const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  return new DomainError('validation_failed', `Invalid input: ${summary}`, { issues }, { cause });
}

/**
 * Validates `input` against `schema` and returns the parsed value, or throws `validation_failed`
 * listing every failing field.
 *
 * @example
 * const receipt = parseInput(ReceiveInput, request.body);
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw validationFailed(
    result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
    result.error,
  );
}
