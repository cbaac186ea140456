import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { RawBuilder, SqlBool } from 'kysely';
import { isRealKind } from '../catalog/index.js';
import { DomainError, validationFailed } from '../errors/index.js';
import { requireSubjects } from '../ledger/index.js';
import { placeholderRows, runStatement } from '../store/index.js';
import type { Db, StoreCapabilities } from '../store/index.js';

/** The tables of documents with a life cycle, and what a person calls them. */
const DOCUMENTS = {
  purchase_orders: 'Purchase order',
  transfer_orders: 'Transfer',
  count_sessions: 'Count',
} as const;
export type DocumentTable = keyof typeof DOCUMENTS;

/**
 * Moves a document from one of `from` to `to` in one conditional update, so that two requests racing
 * (two receipts, a receipt and a cancel, two shipments) cannot both pass: the loser finds the status
 * changed and is refused with `illegal_transition`. `stamps` sets time columns in the same update.
 */
export async function transition(
  trx: Db,
  capabilities: StoreCapabilities,
  table: DocumentTable,
  id: string,
  from: readonly string[],
  to: string,
  stamps: Readonly<Record<string, string | null>> = {},
): Promise<void> {
  const columns = Object.keys(stamps);
  const { numAffectedRows } = await runStatement(
    trx,
    capabilities,
    `update ${table} set status = ?, updated_at = ?${columns.map((c) => `, ${c} = ?`).join('')}
     where id = ? and status in (${placeholderRows(1, from.length, (marks) => marks)})`,
    [to, new Date().toISOString(), ...columns.map((c) => stamps[c]), id, ...from],
  );
  if (Number(numAffectedRows ?? 0) === 1) return;
  const { rows } = await runStatement<{ status: string }>(
    trx,
    capabilities,
    `select status from ${table} where id = ?`,
    [id],
  );
  const name = DOCUMENTS[table];
  if (!rows[0]) throw new DomainError('not_found', `${name} '${id}' does not exist`, { id });
  const said = (status: string) => status.replace('_', ' ');
  throw new DomainError(
    'illegal_transition',
    `${name} '${id}' is ${said(rows[0].status)}; it cannot become ${said(to)}`,
    {
      id,
      status: rows[0].status,
      wanted: to,
    },
  );
}

/**
 * A time a caller gave (`2026-03-01T09:00:00+01:00`), as documents store it: UTC ISO text, which
 * SQLite then compares as time, as PostgreSQL does.
 */
export function storedTime(at: string | undefined): string | undefined {
  return at === undefined ? undefined : new Date(at).toISOString();
}

/** A readable id for a new document: its prefix and the time in base 36, with a random tail against collisions. */
export function newDocumentId(prefix: 'PO' | 'T' | 'C' | 'R'): string {
  return `${prefix}-${Date.now().toString(36).toUpperCase()}${randomBytes(2).toString('hex').toUpperCase()}`;
}

/**
 * Checks that `location` is a real location and every SKU exists (`unknown_location`, `unknown_sku`),
 * as every document needs of its place and lines. `why` says why a virtual location will not do.
 */
export async function requireRealLocation(
  trx: Db,
  capabilities: StoreCapabilities,
  locations: readonly { path: string; id: string }[],
  skus: readonly string[],
  why: string,
): Promise<void> {
  const found = await requireSubjects(
    trx,
    capabilities,
    locations.map((l) => l.id),
    skus,
  );
  const virtual = locations.filter((l) => !isRealKind(found.get(l.id)!.kind));
  if (virtual.length > 0) throw validationFailed(virtual.map((l) => ({ path: l.path, message: why })));
}

/**
 * Sets whole-number columns on many lines of one document in one statement (a delivery of fifty SKUs
 * is one update, not fifty).
 *
 * @example
 * await updateLines(trx, capabilities, 'transfer_order_lines', 'transfer_id', 'T-1', ['received'], [{ sku: 'TEA', values: [12] }]);
 */
export async function updateLines(
  trx: Db,
  capabilities: StoreCapabilities,
  table: 'purchase_order_lines' | 'transfer_order_lines',
  documentColumn: 'order_id' | 'transfer_id',
  documentId: string,
  columns: readonly string[],
  lines: readonly { sku: string; values: readonly number[] }[],
): Promise<void> {
  if (lines.length === 0) return;
  const cast = `cast(? as ${capabilities.quantityType})`;
  const row = `(?, ${columns.map(() => cast).join(', ')})`;
  await runStatement(
    trx,
    capabilities,
    `with v(sku, ${columns.join(', ')}) as (values ${lines.map(() => row).join(', ')})
     update ${table} set ${columns.map((c) => `${c} = v.${c}`).join(', ')}
     from v where ${table}.${documentColumn} = ? and ${table}.sku = v.sku`,
    [...lines.flatMap((l) => [l.sku, ...l.values]), documentId],
  );
}

/**
 * Rows of many documents, loaded in one query for a whole page (their lines, say), by the document
 * each belongs to.
 *
 * @example
 * const linesOf = byDocument(lines, (l) => l.transfer_id);
 */
export function byDocument<T>(rows: readonly T[], documentOf: (row: T) => string): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const row of rows) {
    const id = documentOf(row);
    const group = grouped.get(id);
    if (group) group.push(row);
    else grouped.set(id, [row]);
  }
  return grouped;
}

/** What a list of documents may ask of their progress; `false` asks for the others. */
export interface ProgressFilter {
  open?: boolean | undefined;
  overdue?: boolean | undefined;
}

/**
 * Whether a document waiting for goods (in one of its `due` statuses) was expected before `now`.
 * The list filter (`progressConditions`) asks the same of the database.
 */
export function isOverdue(status: string, due: readonly string[], expectedAt: string | null, now: Date): boolean {
  return due.includes(status) && expectedAt !== null && Date.parse(expectedAt) < now.getTime();
}

/**
 * The conditions a list adds for `open` and `overdue`: open is being in one of the `open` statuses;
 * overdue is being in one of the `due` statuses with `expected_at` before `now`. Purchase orders and
 * transfers name these columns alike, so one condition serves both.
 *
 * @example
 * for (const condition of progressConditions({ overdue: true }, { open, due: open }, new Date()))
 *   query = query.where(condition);
 */
export function progressConditions(
  filter: ProgressFilter,
  statuses: { open: readonly string[]; due: readonly string[] },
  now: Date,
): RawBuilder<SqlBool>[] {
  const among = (list: readonly string[]) => sql<SqlBool>`status in (${sql.join([...list])})`;
  const open = among(statuses.open);
  const overdue = sql<SqlBool>`(${among(statuses.due)} and expected_at is not null and expected_at < ${now.toISOString()})`;
  return [
    ...(filter.open === undefined ? [] : [filter.open ? open : sql<SqlBool>`not (${open})`]),
    ...(filter.overdue === undefined ? [] : [filter.overdue ? overdue : sql<SqlBool>`not ${overdue}`]),
  ];
}
