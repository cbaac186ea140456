import type { Db } from '../store/index.js';
import { toIsoString } from '../store/index.js';
import { DomainError } from '../errors/index.js';
import type { DiscrepancyKind, PurchaseOrder, PurchaseOrderStatus } from './purchase-order.js';

/** A purchase order with its lines, receipts and discrepancies; `not_found` if there is none. */
export async function loadPurchaseOrder(db: Db, id: string): Promise<PurchaseOrder> {
  const order = await db.selectFrom('purchase_orders').selectAll().where('id', '=', id).executeTakeFirst();
  if (!order) throw new DomainError('not_found', `Purchase order '${id}' does not exist`, { order: id });
  const [lines, receipts, discrepancies] = await Promise.all([
    db.selectFrom('purchase_order_lines').selectAll().where('order_id', '=', id).orderBy('line').execute(),
    db.selectFrom('purchase_order_receipts').selectAll().where('order_id', '=', id).orderBy('received_at').execute(),
    db.selectFrom('purchase_order_discrepancies').selectAll().where('order_id', '=', id).execute(),
  ]);
  const time = (value: Date | string | null) => (value === null ? null : toIsoString(value));
  return {
    id: order.id,
    supplierId: order.supplier_id,
    locationId: order.location_id,
    status: order.status as PurchaseOrderStatus,
    reference: order.reference,
    expectedAt: time(order.expected_at),
    createdBy: order.created_by,
    createdAt: toIsoString(order.created_at),
    submittedAt: time(order.submitted_at),
    closedAt: time(order.closed_at),
    updatedAt: toIsoString(order.updated_at),
    lines: lines.map((l) => ({
      sku: l.sku,
      ordered: Number(l.ordered),
      received: Number(l.received),
      damaged: Number(l.damaged),
      open: Math.max(0, Number(l.ordered) - Number(l.received)),
      unitCost: l.unit_cost,
    })),
    receipts: receipts.map((r) => ({
      id: r.id,
      postingId: r.posting_id,
      receivedAt: toIsoString(r.received_at),
      receivedBy: r.received_by,
      leadTimeDays: r.lead_time_days,
      onTime: r.on_time === 1,
    })),
    discrepancies: discrepancies.map((d) => ({
      receiptId: d.receipt_id,
      sku: d.sku,
      kind: d.kind as DiscrepancyKind,
      quantity: Number(d.quantity),
      reason: d.reason,
    })),
  };
}
