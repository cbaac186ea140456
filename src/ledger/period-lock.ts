import { z } from 'zod';
import { DomainError, validationFailed } from '../errors/index.js';
import { toIsoString } from '../store/index.js';
import type { Db } from '../store/index.js';
import { Actor, OccurredAt } from './ledger.schemas.js';

/** The settings row that holds the lock date. */
export const LOCK_DATE_SETTING = 'ledger.lock_date';

/**
 * The ledger's lock date, as accounting and ERPs keep a stock freeze date: the periods up to and
 * including it are closed, so nothing may be posted with `occurredAt` on or before it, and the stock
 * reported for them (as-of, exports) never changes again.
 */
export const PeriodLock = z.object({
  lockDate: z.string().nullable().describe('Nothing may be posted on or before this time; null: no lock'),
  updatedAt: z.string().nullable().describe('When the lock date was last set; null if it never was'),
  updatedBy: z.string().nullable().describe('Who last set it (the name of their token); null if nobody has'),
});
export type PeriodLock = z.output<typeof PeriodLock>;

/** A new lock date (null lifts the lock), and who sets it. */
export const LockPeriodInput = z.strictObject({
  lockDate: OccurredAt.nullable().describe(
    'Close the ledger up to and including this past time (ISO-8601 with an offset); null lifts the lock',
  ),
  actor: Actor,
});
export type LockPeriodInput = z.input<typeof LockPeriodInput>;
/** What an API client sends: the token says who. */
export const LockPeriodBody = LockPeriodInput.omit({ actor: true });

/** The lock date and who set it; all null when none was ever set. */
export async function readPeriodLock(db: Db): Promise<PeriodLock> {
  const row = await db.selectFrom('settings').selectAll().where('key', '=', LOCK_DATE_SETTING).executeTakeFirst();
  return {
    lockDate: row?.value ?? null,
    updatedAt: row ? toIsoString(row.updated_at) : null,
    updatedBy: row?.updated_by ?? null,
  };
}

/**
 * Sets (or, with null, lifts) the lock date. It closes a past period: a date after now would refuse
 * every posting, so it is refused itself. Moving it back reopens a period; the audit log says who did.
 */
export async function lockPeriod(db: Db, input: z.output<typeof LockPeriodInput>): Promise<PeriodLock> {
  const lockDate = input.lockDate === null ? null : new Date(input.lockDate).toISOString();
  if (lockDate !== null && Date.parse(lockDate) > Date.now())
    throw validationFailed([
      { path: 'lockDate', message: 'a lock date closes a past period: it cannot be in the future' },
    ]);
  const now = new Date().toISOString();
  await db
    .insertInto('settings')
    .values({ key: LOCK_DATE_SETTING, value: lockDate, updated_at: now, updated_by: input.actor })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: lockDate, updated_at: now, updated_by: input.actor }))
    .execute();
  return readPeriodLock(db);
}

/**
 * Throws `period_locked` if any of `occurredAts` is on or before `lockDate`. The posting reads the
 * lock date inside its transaction, with its SKUs and locations (one round trip), so that every
 * process sees a new lock at once.
 */
export function checkPeriodOpen(lockDate: string | null | undefined, occurredAts: readonly string[]): void {
  if (!lockDate || occurredAts.length === 0) return;
  const earliest = occurredAts.reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b));
  if (Date.parse(earliest) > Date.parse(lockDate)) return;
  const at = new Date(earliest).toISOString();
  throw new DomainError(
    'period_locked',
    `The ledger is locked up to ${lockDate}: nothing may be posted dated ${at}. ` +
      'Date the movements after the lock date, or ask an admin to move it (PUT /api/v1/settings/lock-date).',
    { lockDate, occurredAt: at },
  );
}
