import type { Selectable } from 'kysely';
import type { Db } from '../store/index.js';
import { toIsoString, toIsoStringOrNull } from '../store/index.js';
import type { PurchaseOrderTable } from '../store/index.js';
import { DomainError } from '../errors/index.js';
import { byDocument, isOverdue, progressConditions } from './document.js';
import { lineOutstanding, OPEN_PURCHASE_ORDER_STATUSES } from './purchase-order.js';
import type { DiscrepancyKind, PurchaseOrderStatus } from './purchase-order.js';
import type { PurchaseOrder, PurchaseOrderFilter } from './purchase-orders.schemas.js';

/*
 * The purchase-order tables (orders, their lines, receipts and discrepancies) turned into domain
 * objects, in this file only; the use cases read orders through it.
 */

/** A purchase order with its lines, receipts and discrepancies; `not_found` if there is none. */
export async function loadPurchaseOrder(db: Db, id: string): Promise<PurchaseOrder> {
  const order = await db.selectFrom('purchase_orders').selectAll().where('id', '=', id).executeTakeFirst();
  if (!order) throw new DomainError('not_found', `Purchase order '${id}' does not exist`, { order: id });
  const [loaded] = await withDetails(db, [order]);
  return loaded!;
}

/**
 * Purchase orders from their rows, in the same order: the lines, receipts and discrepancies of all
 * of them are read in one query each, so a page of a hundred orders costs three queries, not three
 * hundred. `overdue` is as of now.
 */
async function withDetails(db: Db, orders: readonly Selectable<PurchaseOrderTable>[]): Promise<PurchaseOrder[]> {
  if (orders.length === 0) return [];
  const ids = orders.map((o) => o.id);
  const [lines, receipts, discrepancies] = await Promise.all([
    db
      .selectFrom('purchase_order_lines')
      .selectAll()
      .where('order_id', 'in', ids)
      .orderBy('order_id')
      .orderBy('line')
      .execute(),
    db
      .selectFrom('purchase_order_receipts')
      .selectAll()
      .where('order_id', 'in', ids)
      .orderBy('order_id')
      .orderBy('received_at')
      .execute(),
    db.selectFrom('purchase_order_discrepancies').selectAll().where('order_id', 'in', ids).execute(),
  ]);
  const [linesOf, receiptsOf, discrepanciesOf] = [
    byDocument(lines, (l) => l.order_id),
    byDocument(receipts, (r) => r.order_id),
    byDocument(discrepancies, (d) => d.order_id),
  ];
  const now = new Date();
  return orders.map((order) => {
    const status = order.status as PurchaseOrderStatus;
    const expectedAt = toIsoStringOrNull(order.expected_at);
    return {
      id: order.id,
      supplierId: order.supplier_id,
      locationId: order.location_id,
      status,
      reference: order.reference,
      expectedAt,
      overdue: isOverdue(status, OPEN_PURCHASE_ORDER_STATUSES, expectedAt, now),
      createdBy: order.created_by,
      createdAt: toIsoString(order.created_at),
      submittedAt: toIsoStringOrNull(order.submitted_at),
      closedAt: toIsoStringOrNull(order.closed_at),
      updatedAt: toIsoString(order.updated_at),
      lines: (linesOf.get(order.id) ?? []).map((l) => ({
        sku: l.sku,
        ordered: Number(l.ordered),
        received: Number(l.received),
        damaged: Number(l.damaged),
        ...lineOutstanding(status, Number(l.ordered), Number(l.received)),
        unitCost: l.unit_cost,
      })),
      receipts: (receiptsOf.get(order.id) ?? []).map((r) => ({
        id: r.id,
        postingId: r.posting_id,
        receivedAt: toIsoString(r.received_at),
        receivedBy: r.received_by,
        leadTimeDays: r.lead_time_days,
        onTime: r.on_time === 1,
      })),
      discrepancies: (discrepanciesOf.get(order.id) ?? []).map((d) => ({
        receiptId: d.receipt_id,
        sku: d.sku,
        kind: d.kind as DiscrepancyKind,
        quantity: Number(d.quantity),
        reason: d.reason,
      })),
    };
  });
}

/**
 * A page of orders in id order, filtered (the filter already parsed): one more than `limit` when there
 * is a next page. Four queries, however many orders.
 */
export async function listPurchaseOrders(
  db: Db,
  filter: ReturnType<typeof PurchaseOrderFilter.parse>,
): Promise<PurchaseOrder[]> {
  let query = db
    .selectFrom('purchase_orders')
    .selectAll()
    .orderBy('id')
    .limit(filter.limit + 1);
  if (filter.supplier) query = query.where('supplier_id', '=', filter.supplier);
  if (filter.location) query = query.where('location_id', '=', filter.location);
  if (filter.status) query = query.where('status', '=', filter.status);
  const open = OPEN_PURCHASE_ORDER_STATUSES;
  for (const condition of progressConditions(filter, { open, due: open }, new Date())) query = query.where(condition);
  if (filter.after) query = query.where('id', '>', filter.after);
  return withDetails(db, await query.execute());
}

/** Records differences from an order, each with the reason given; `receiptId` null for what was short at closing. */
export async function recordDiscrepancies(
  trx: Db,
  orderId: string,
  receiptId: string | null,
  reason: string,
  discrepancies: readonly { sku: string; kind: DiscrepancyKind; quantity: number }[],
): Promise<void> {
  if (discrepancies.length === 0) return;
  await trx
    .insertInto('purchase_order_discrepancies')
    .values(discrepancies.map((d) => ({ ...d, receipt_id: receiptId, order_id: orderId, reason })))
    .execute();
}
