import type { Selectable } from 'kysely';
import { DomainError } from '../errors/index.js';
import { toIsoString, toIsoStringOrNull } from '../store/index.js';
import type { Db } from '../store/index.js';
import type { ReturnTable } from '../store/index.js';
import type { InspectionOutcome, ReturnDisposition, ReturnReason, ReturnStatus } from './customer-return.js';
import { byDocument } from './document.js';
import type { ReturnFilter } from './returns.schemas.js';
import type { CustomerReturn } from './returns.schemas.js';

/*
 * The returns tables (returns and their lines) turned into domain objects, in this file only; the
 * use cases read returns through it.
 */

type ParsedReturnFilter = ReturnType<typeof ReturnFilter.parse>;

export async function loadReturn(db: Db, id: string): Promise<CustomerReturn> {
  const row = await db.selectFrom('returns').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('not_found', `Return '${id}' does not exist`, { id });
  const [loaded] = await withLines(db, [row]);
  return loaded!;
}

/** Returns from their rows, in the same order, with the lines of all of them read in one query. */
async function withLines(db: Db, rows: readonly Selectable<ReturnTable>[]): Promise<CustomerReturn[]> {
  if (rows.length === 0) return [];
  const lines = await db
    .selectFrom('return_lines')
    .selectAll()
    .where(
      'return_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('return_id')
    .orderBy('line')
    .execute();
  const linesOf = byDocument(lines, (l) => l.return_id);
  return rows.map((row) => ({
    id: row.id,
    locationId: row.location_id,
    status: row.status as ReturnStatus,
    reason: row.reason as ReturnReason,
    note: row.note,
    reference: row.reference,
    createdBy: row.created_by,
    receivedAt: toIsoString(row.received_at),
    closedAt: toIsoStringOrNull(row.closed_at),
    lines: (linesOf.get(row.id) ?? []).map((l) => ({
      sku: l.sku,
      quantity: Number(l.quantity),
      disposition: l.disposition as ReturnDisposition,
      supplierId: l.supplier_id,
      purchaseOrderId: l.purchase_order_id,
      outcome: l.outcome as InspectionOutcome | null,
      resolvedAt: toIsoStringOrNull(l.resolved_at),
    })),
  }));
}

/**
 * The returns a filter selects (already parsed) by where and when they came back, and why: the list
 * and the summary narrow this query further.
 */
export function returnsWithin(db: Db, input: ParsedReturnFilter) {
  let query = db.selectFrom('returns as r');
  if (input.location) query = query.where('r.location_id', '=', input.location);
  if (input.reason) query = query.where('r.reason', '=', input.reason);
  if (input.from) query = query.where('r.received_at', '>=', new Date(input.from).toISOString());
  if (input.until) query = query.where('r.received_at', '<', new Date(input.until).toISOString());
  return query;
}

/** A page of returns in id order (the filter already parsed): one more than `limit` when there is a next page. Two queries. */
export async function listReturns(db: Db, input: ParsedReturnFilter): Promise<CustomerReturn[]> {
  let page = returnsWithin(db, input)
    .selectAll('r')
    .orderBy('r.id')
    .limit(input.limit + 1);
  if (input.sku) {
    const sku = input.sku;
    page = page.where((eb) =>
      eb.exists(
        eb
          .selectFrom('return_lines as l')
          .select('l.sku')
          .whereRef('l.return_id', '=', 'r.id')
          .where('l.sku', '=', sku),
      ),
    );
  }
  if (input.after) page = page.where('r.id', '>', input.after);
  return withLines(db, await page.execute());
}
