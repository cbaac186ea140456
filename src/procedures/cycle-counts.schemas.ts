import { z } from 'zod';
import { Cursor, PageLimit } from '../catalog/index.js';
import { Actor, Reason } from '../ledger/index.js';
import { COUNT_STATUSES } from './cycle-count.js';
import { FilterKey } from './procedures.schemas.js';

const CountStatus = z.enum(COUNT_STATUSES);

export const CountFilter = z.strictObject({
  status: z
    .union([CountStatus, z.array(CountStatus).min(1).max(COUNT_STATUSES.length)])
    .optional()
    .describe(
      'Only counts with this status — `open` (counting), `pending_approval`, `closed` or `cancelled` — or one of several, repeating the parameter (`status=open&status=pending_approval`)',
    ),
  location: FilterKey.optional().describe('Only counts at this location'),
  after: Cursor.optional(),
  limit: PageLimit,
});
export type CountFilter = z.input<typeof CountFilter>;

/** Ending a count without posting anything: a reason is welcome, not required. */
export const CancelCount = z.strictObject({
  reason: Reason.optional().describe(
    'Why the count is cancelled: optional, one line of 1–500 characters; not kept on the count',
  ),
  actor: Actor,
});
export type CancelCount = z.input<typeof CancelCount>;
