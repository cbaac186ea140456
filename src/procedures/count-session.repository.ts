import type { Selectable } from 'kysely';
import { DomainError } from '../errors/index.js';
import { chunks, toIsoString, toIsoStringOrNull } from '../store/index.js';
import type { Db } from '../store/index.js';
import type { CountSessionTable } from '../store/index.js';
import { blindLines, OPEN_COUNT_STATUSES, showsSystemQuantities } from './cycle-count.js';
import type { CountLineState, CountStatus } from './cycle-count.js';
import type { CountFilter, CountSession } from './cycle-counts.schemas.js';
import { byDocument } from './document.js';

/*
 * The count tables (sessions and their lines) turned into domain objects, in this file only; the use
 * cases read counts through it.
 */

/** Lines inserted or marked per statement: a count of every SKU at a DC may have thousands. */
const LINES_PER_STATEMENT = 500;

/**
 * Counts from their rows, in the same order, with all their lines read in one query. `blind` hides the
 * system quantities of those not submitted (see `showsSystemQuantities`).
 */
async function withLines(
  db: Db,
  rows: readonly Selectable<CountSessionTable>[],
  blind: boolean,
): Promise<CountSession[]> {
  if (rows.length === 0) return [];
  const lines = await db
    .selectFrom('count_lines')
    .selectAll()
    .where(
      'session_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('session_id')
    .orderBy('sku')
    .execute();
  const linesOf = byDocument(lines, (l) => l.session_id);
  return rows.map((row) => {
    const session: CountSession = {
      id: row.id,
      locationId: row.location_id,
      status: row.status as CountStatus,
      scope: JSON.parse(row.scope) as unknown,
      thresholdUnits: Number(row.threshold_units),
      thresholdValue: row.threshold_value,
      createdBy: row.created_by,
      createdAt: toIsoString(row.created_at),
      submittedAt: toIsoStringOrNull(row.submitted_at),
      approvedBy: row.approved_by,
      closedAt: toIsoStringOrNull(row.closed_at),
      lines: (linesOf.get(row.id) ?? []).map((l) => {
        const counted = l.counted_quantity === null ? null : Number(l.counted_quantity);
        const system = l.system_quantity === null ? null : Number(l.system_quantity);
        const variance = counted === null || system === null ? null : counted - system;
        return {
          sku: l.sku,
          countedQuantity: counted,
          countedAt: toIsoStringOrNull(l.counted_at),
          countedBy: l.counted_by,
          systemQuantity: system,
          variance,
          varianceValue: variance === null ? null : variance * l.unit_cost,
          state: l.state as CountLineState,
        };
      }),
    };
    return blind && !showsSystemQuantities(session.status) ? blindLines(session, () => true) : session;
  });
}

/** A count with its lines; `not_found` if there is none. `blind` as for `withLines`. */
export async function loadSession(db: Db, id: string, blind: boolean): Promise<CountSession> {
  const row = await db.selectFrom('count_sessions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('not_found', `Count '${id}' does not exist`, { id });
  const [session] = await withLines(db, [row], blind);
  return session!;
}

/**
 * A page of counts in id order, filtered (the filter already parsed), blind until submitted: one more
 * than `limit` when there is a next page. `within`, when given, keeps only counts at those locations.
 * Two queries.
 */
export async function listSessions(
  db: Db,
  filter: ReturnType<typeof CountFilter.parse>,
  within: readonly string[] | null,
): Promise<CountSession[]> {
  if (within?.length === 0) return [];
  let query = db
    .selectFrom('count_sessions')
    .selectAll()
    .orderBy('id')
    .limit(filter.limit + 1);
  if (filter.status !== undefined) query = query.where('status', 'in', [filter.status].flat());
  if (filter.location) query = query.where('location_id', '=', filter.location);
  if (within) query = query.where('location_id', 'in', within);
  if (filter.after) query = query.where('id', '>', filter.after);
  return withLines(db, await query.execute(), true);
}

/** Adds a pending line for each SKU, priced at its unit cost then (0 when the catalog has none). */
export async function insertLines(
  trx: Db,
  sessionId: string,
  skus: readonly string[],
  unitCost: (sku: string) => number,
): Promise<void> {
  for (const part of chunks(skus, LINES_PER_STATEMENT))
    await trx
      .insertInto('count_lines')
      .values(part.map((sku) => ({ session_id: sessionId, sku, unit_cost: unitCost(sku), state: 'pending' })))
      .execute();
}

/** Marks the lines of `skus` in a count: their variance is posted, or held for approval. */
export async function markLines(
  trx: Db,
  sessionId: string,
  skus: readonly string[],
  state: Exclude<CountLineState, 'pending'>,
): Promise<void> {
  for (const part of chunks(skus, LINES_PER_STATEMENT))
    await trx
      .updateTable('count_lines')
      .set({ state })
      .where('session_id', '=', sessionId)
      .where('sku', 'in', part)
      .execute();
}

/**
 * The open counts' lines at `location` (open or waiting for approval), by count and SKU: what a new
 * count there must not overlap. Open counts at a location never overlap, so this is bounded by the
 * SKUs the location holds.
 */
export async function openCountLines(db: Db, location: string): Promise<{ id: string; sku: string }[]> {
  return db
    .selectFrom('count_sessions as s')
    .innerJoin('count_lines as l', 'l.session_id', 's.id')
    .select(['s.id', 'l.sku'])
    .where('s.location_id', '=', location)
    .where('s.status', 'in', OPEN_COUNT_STATUSES)
    .orderBy('s.id')
    .orderBy('l.sku')
    .execute();
}

/** The SKUs counted at `location` since `since` (ISO) in counts not cancelled. */
export async function skusCountedSince(db: Db, location: string, since: string): Promise<Set<string>> {
  const recent = await db
    .selectFrom('count_lines as l')
    .innerJoin('count_sessions as s', 's.id', 'l.session_id')
    .select('l.sku')
    .where('s.location_id', '=', location)
    // A cancelled count's figures never stood: its lines are still to be counted.
    .where('s.status', '<>', 'cancelled')
    .where('l.counted_at', '>=', since)
    .execute();
  return new Set(recent.map((r) => r.sku));
}

/**
 * The SKUs whose system quantities `actor` may not see now, anywhere: those of the open counts they
 * started or recorded a line of. One query.
 */
export async function skusBeingCountedBy(db: Db, actor: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('count_sessions as s')
    .innerJoin('count_lines as l', 'l.session_id', 's.id')
    .select('l.sku')
    .distinct()
    .where('s.status', '=', 'open')
    .where((eb) =>
      eb.or([
        eb('s.created_by', '=', actor),
        eb.exists(
          eb
            .selectFrom('count_lines as c')
            .select('c.sku')
            .whereRef('c.session_id', '=', 's.id')
            .where('c.counted_by', '=', actor),
        ),
      ]),
    )
    .execute();
  return new Set(rows.map((r) => r.sku));
}

/** The counted lines of a location's submitted counts (closed or waiting for approval). */
export async function submittedCountLines(
  db: Db,
  locationId: string,
): Promise<{ sessionId: string; systemQuantity: number; countedQuantity: number; unitCost: number }[]> {
  const lines = await db
    .selectFrom('count_lines as l')
    .innerJoin('count_sessions as s', 's.id', 'l.session_id')
    .select(['l.session_id', 'l.system_quantity', 'l.counted_quantity', 'l.unit_cost'])
    .where('s.location_id', '=', locationId)
    .where('s.status', 'in', ['closed', 'pending_approval'])
    .where('l.counted_quantity', 'is not', null)
    .execute();
  return lines.map((l) => ({
    sessionId: l.session_id,
    systemQuantity: Number(l.system_quantity),
    countedQuantity: Number(l.counted_quantity),
    unitCost: l.unit_cost,
  }));
}
