import { z } from 'zod';
import { identifier } from '../input/index.js';

/**
 * What every route shares: the path parameters, the problem+json shape of errors and pages of lists.
 * Request bodies, queries and the shapes routes answer with are their capability's own schemas
 * (`catalog.schemas.ts`, `orders.schemas.ts` …); routes only assemble them.
 */

/**
 * The key in a route's path. A malformed one (a control character, a space at either end, too long)
 * is answered 400 before anything is looked up, the same on both databases; an unknown one 404.
 */
const PathId = identifier().describe('The id of the location, supplier, document or token the path names');
const PathSku = identifier().describe('The SKU of the product the path names');
export const IdParams = z.object({ id: PathId });
export const SkuParams = z.object({ sku: PathSku });
export const IdSkuParams = z.object({ id: PathId, sku: PathSku });

export const Problem = z
  .object({
    type: z.string().describe('Names the kind of problem: `urn:omnistock:problem:` and the code'),
    title: z.string().describe('A short summary of the HTTP status, e.g. "Conflict"'),
    status: z.number().int().describe('The HTTP status, repeated'),
    detail: z.string().describe('What went wrong with this request and what to do about it, for people to read'),
    code: z
      .string()
      .describe('What went wrong, as a stable code to branch on (`insufficient_stock`, `validation_failed` …)'),
    instance: z.string().optional().describe('The path and query of the request refused'),
    errors: z
      .array(
        z.object({
          path: z
            .string()
            .describe('Where in that part of the request, dotted (`lines.0.quantity`); empty for all of it'),
          message: z.string().describe('What is wrong there'),
          in: z.string().optional().describe('Which part of the request: `body`, `query`, `path` or `header`'),
        }),
      )
      .optional()
      .describe('For a request refused as invalid: each field at fault, at most 100'),
  })
  .catchall(z.unknown())
  .meta({
    id: 'Problem',
    description:
      'RFC 9457 problem details; `code` is stable, `detail` is for people. Other members give facts of the case ' +
      '(the SKU, the location, `retryAfterSeconds` …).',
  });

/** A page of a list, with the cursor for the next one. */
export function page<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item).describe("This page's items, in the list's order: at most `limit`"),
    nextCursor: z.string().nullable().describe('Send it as `after` for the next page; null on the last page'),
  });
}
