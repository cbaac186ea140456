import type { CountSession } from './cycle-counts.schemas.js';

/**
 * A count's life: counting, then submitted — closed, or waiting for a planner to approve large variances;
 * or cancelled before anything posted, posting nothing.
 */
export const COUNT_STATUSES = ['open', 'pending_approval', 'closed', 'cancelled'] as const;
export type CountStatus = (typeof COUNT_STATUSES)[number];

/**
 * A count holds its SKUs at its location from its start until it is closed or cancelled: no second
 * count may cover them meanwhile, and it may be cancelled only then.
 */
export const OPEN_COUNT_STATUSES = ['open', 'pending_approval'] as const satisfies readonly CountStatus[];
export type OpenCountStatus = (typeof OPEN_COUNT_STATUSES)[number];

/**
 * Whether a count shows what the system held: only once submitted (waiting for approval, or closed).
 * An open count never does, as counting is blind; nor does a cancelled one, which would otherwise tell
 * its counters the figures to match in the next count.
 */
export function showsSystemQuantities(status: CountStatus): boolean {
  return status === 'pending_approval' || status === 'closed';
}

/** A line's variance: posted to the ledger, held for approval, or not yet either. */
export const COUNT_LINE_STATES = ['pending', 'held', 'posted'] as const;
export type CountLineState = (typeof COUNT_LINE_STATES)[number];

/**
 * The count as a reader may see it: the lines whose SKU `hidden` names lose what the system held and
 * the variance. Counting is blind: a count while it is open, and any count of a SKU to someone who is
 * counting that SKU now.
 *
 * @example
 * const shown = blindLines(session, (sku) => counting.has(sku));
 */
export function blindLines(session: CountSession, hidden: (sku: string) => boolean): CountSession {
  if (!session.lines.some((l) => hidden(l.sku))) return session;
  return {
    ...session,
    lines: session.lines.map((l) =>
      hidden(l.sku) ? { ...l, systemQuantity: null, variance: null, varianceValue: null } : l,
    ),
  };
}
