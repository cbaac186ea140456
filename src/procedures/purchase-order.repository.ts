import type { Selectable } from 'kysely';
import type { Db } from '../store/index.js';
import { toIsoString, toIsoStringOrNull } from '../store/index.js';
import type { PurchaseOrderTable } from '../store/schema.js';
import { DomainError } from '../errors/index.js';
import { byDocument, isOverdue } from './document.js';
import { lineOutstanding, OPEN_PURCHASE_ORDER_STATUSES } from './purchase-order.js';
import type { DiscrepancyKind, PurchaseOrder, PurchaseOrderStatus } from './purchase-order.js';

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
export async function withDetails(db: Db, orders: readonly Selectable<PurchaseOrderTable>[]): Promise<PurchaseOrder[]> {
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
