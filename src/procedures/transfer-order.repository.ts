import type { Selectable } from 'kysely';
import { DomainError } from '../errors/index.js';
import { toIsoString, toIsoStringOrNull } from '../store/index.js';
import type { Db } from '../store/index.js';
import type { TransferOrderTable } from '../store/index.js';
import { byDocument, isOverdue, progressConditions } from './document.js';
import { IN_TRANSIT_TRANSFER_ORDER_STATUSES, OPEN_TRANSFER_ORDER_STATUSES } from './transfer-order.js';
import type { TransferOrderStatus } from './transfer-order.js';
import type { TransferOrder, TransferOrderFilter } from './transfer-orders.schemas.js';

/*
 * The transfer tables (transfers and their lines) turned into domain objects, in this file only; the
 * use cases read transfers through it.
 */

/** A transfer with its lines; `not_found` if there is none. */
export async function loadTransfer(db: Db, id: string): Promise<TransferOrder> {
  const row = await db.selectFrom('transfer_orders').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('not_found', `Transfer '${id}' does not exist`, { id });
  const [transfer] = await withLines(db, [row]);
  return transfer!;
}

/**
 * Transfers from their rows, in the same order, with the lines of all of them read in one query: a
 * page of transfers costs two queries, not one per transfer. `overdue` is as of now.
 */
async function withLines(db: Db, rows: readonly Selectable<TransferOrderTable>[]): Promise<TransferOrder[]> {
  if (rows.length === 0) return [];
  const lines = await db
    .selectFrom('transfer_order_lines')
    .selectAll()
    .where(
      'transfer_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('transfer_id')
    .orderBy('line')
    .execute();
  const linesOf = byDocument(lines, (l) => l.transfer_id);
  const now = new Date();
  return rows.map((row) => {
    const status = row.status as TransferOrderStatus;
    const shipped = status !== 'draft' && status !== 'cancelled';
    const expectedAt = toIsoStringOrNull(row.expected_at);
    return {
      id: row.id,
      fromId: row.from_id,
      toId: row.to_id,
      status,
      reference: row.reference,
      expectedAt,
      overdue: isOverdue(status, IN_TRANSIT_TRANSFER_ORDER_STATUSES, expectedAt, now),
      createdBy: row.created_by,
      createdAt: toIsoString(row.created_at),
      shippedAt: toIsoStringOrNull(row.shipped_at),
      completedAt: toIsoStringOrNull(row.completed_at),
      updatedAt: toIsoString(row.updated_at),
      lines: (linesOf.get(row.id) ?? []).map((l) => {
        const [quantity, received, shortfall] = [Number(l.quantity), Number(l.received), Number(l.shortfall)];
        return { sku: l.sku, quantity, received, shortfall, inTransit: shipped ? quantity - received - shortfall : 0 };
      }),
    };
  });
}

/**
 * A page of transfers in id order, filtered (the filter already parsed): one more than `limit` when
 * there is a next page. Two queries, however many transfers.
 */
export async function listTransfers(
  db: Db,
  filter: ReturnType<typeof TransferOrderFilter.parse>,
): Promise<TransferOrder[]> {
  let query = db
    .selectFrom('transfer_orders')
    .selectAll()
    .orderBy('id')
    .limit(filter.limit + 1);
  if (filter.location) {
    const location = filter.location;
    query = query.where((eb) => eb.or([eb('from_id', '=', location), eb('to_id', '=', location)]));
  }
  if (filter.status) query = query.where('status', '=', filter.status);
  const statuses = { open: OPEN_TRANSFER_ORDER_STATUSES, due: IN_TRANSIT_TRANSFER_ORDER_STATUSES };
  for (const condition of progressConditions(filter, statuses, new Date())) query = query.where(condition);
  if (filter.after) query = query.where('id', '>', filter.after);
  return withLines(db, await query.execute());
}
