import { z } from 'zod';
import { createdAt, time, timeOrNull } from '../output/index.js';
import { ROLES } from './roles.js';

export const Token = z
  .object({
    id: z.string().describe("The token's id, to revoke it by (not the secret)"),
    name: z.string().describe('Who holds it: postings and the audit log name it as the actor'),
    role: z
      .enum(ROLES)
      .describe(
        '`viewer` reads; `operator` also posts movements and reservations, receives, ships and counts; `planner` also places purchase orders, approves count variances and runs forecasts; `admin` also manages locations, products, suppliers, tokens and webhooks, and reads the audit log',
      ),
    locations: z.array(z.string()).nullable().describe('The locations it may change stock at; null for every location'),
    createdAt,
    createdBy: z.string().describe('Who made it'),
    revokedAt: timeOrNull('When it was revoked; null while it works'),
  })
  .meta({ id: 'Token', description: 'An API token: who holds it and what it may do' });
export type Token = z.output<typeof Token>;

/** A token as made: the only time its secret is shown. */
export const TokenWithSecret = Token.extend({
  token: z
    .string()
    .describe('The secret, `omni_…`: send it as `Authorization: Bearer <token>`. Shown in this answer only'),
});
export type TokenWithSecret = z.output<typeof TokenWithSecret>;

/** One write through the API: who, what, on what, with which outcome. */
export const AuditEntry = z
  .object({
    id: z.string().describe("The entry's id"),
    actor: z.string().describe('Who sent the request: the name of the token used'),
    action: z.string().describe('The method and route, e.g. `POST /api/v1/movements`'),
    target: z
      .string()
      .nullable()
      .describe(
        'What it acted on: the id, SKU or dataset in the path, or the location, transfer or reference in the body; null if none',
      ),
    status: z.number().int().describe('The HTTP status it was answered with'),
    idempotencyKey: z.string().nullable().describe('The Idempotency-Key header it carried; null if none'),
    at: time('When it was answered'),
  })
  .meta({ id: 'AuditEntry', description: 'One write request by a token holder, accepted or refused' });
export type AuditEntry = z.output<typeof AuditEntry>;
