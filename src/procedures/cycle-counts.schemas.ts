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
    .describe('one status, or several (`status=open&status=pending_approval`)'),
  location: FilterKey.optional(),
  after: Cursor.optional(),
  limit: PageLimit,
});
export type CountFilter = z.input<typeof CountFilter>;

/** Ending a count without posting anything: a reason is welcome, not required. */
export const CancelCount = z.strictObject({ reason: Reason.optional(), actor: Actor });
export type CancelCount = z.input<typeof CancelCount>;
