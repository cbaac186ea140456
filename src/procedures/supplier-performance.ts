import { findSuppliers } from '../catalog/index.js';
import { DomainError } from '../errors/index.js';
import type { Db } from '../store/index.js';
import type { SupplierPerformance } from './purchase-orders.schemas.js';

/**
 * How a supplier has delivered: on time and lead times from all its receipts, fill rate from its
 * finished orders (received, or closed short). Drafts and cancelled orders do not count.
 *
 * @example
 * const { onTimeRate, leadTimeDays } = await supplierPerformance(db, 'nordkaffee');
 */
export async function supplierPerformance(db: Db, supplierId: string): Promise<SupplierPerformance> {
  if (!(await findSuppliers(db, [supplierId])).has(supplierId))
    throw new DomainError('unknown_supplier', `Supplier '${supplierId}' does not exist`, { supplier: supplierId });
  const orders = await db
    .selectFrom('purchase_orders')
    .select(['id', 'status'])
    .where('supplier_id', '=', supplierId)
    .where('status', '<>', 'draft')
    .where('status', '<>', 'cancelled')
    .execute();
  const receipts = await db
    .selectFrom('purchase_order_receipts as r')
    .innerJoin('purchase_orders as o', 'o.id', 'r.order_id')
    .select(['r.lead_time_days', 'r.on_time'])
    .where('o.supplier_id', '=', supplierId)
    .execute();
  const finished = orders.filter((o) => o.status === 'received' || o.status === 'closed').map((o) => o.id);
  const lines =
    finished.length === 0
      ? []
      : await db
          .selectFrom('purchase_order_lines')
          .select(['ordered', 'received'])
          .where('order_id', 'in', finished)
          .execute();
  const ordered = lines.reduce((sum, l) => sum + Number(l.ordered), 0);
  const filled = lines.reduce((sum, l) => sum + Math.min(Number(l.received), Number(l.ordered)), 0);
  const days = receipts.map((r) => r.lead_time_days);
  const mean = days.reduce((a, b) => a + b, 0) / (days.length || 1);
  const sd = days.length > 1 ? Math.sqrt(days.reduce((a, d) => a + (d - mean) ** 2, 0) / (days.length - 1)) : 0;
  return {
    supplierId,
    orders: orders.length,
    receipts: receipts.length,
    onTimeRate: receipts.length === 0 ? null : receipts.filter((r) => r.on_time === 1).length / receipts.length,
    fillRate: ordered === 0 ? null : filled / ordered,
    leadTimeDays: days.length === 0 ? null : { mean, sd },
  };
}
