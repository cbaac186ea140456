import { sql } from 'kysely';
import type { OnOrderQuantity, OnOrderSource } from '../ledger/index.js';
import type { Db } from '../store/index.js';
import { OPEN_PURCHASE_ORDER_STATUSES } from './purchase-order.js';

/** A line's units still to come: ordered less received, never below zero (an over-delivery). */
const REMAINING = 'case when l.ordered > l.received then l.ordered - l.received else 0 end';
const OPEN = OPEN_PURCHASE_ORDER_STATUSES.map((status) => `'${status}'`).join(', ');

/**
 * What open purchase orders still bring, per SKU and the location they deliver to: ordered less
 * received, on orders submitted and not yet ended. The stock views are given it.
 *
 * @example
 * const stock = createStockViews(store, { onOrder });
 * const atDc = await onOrder.quantities(store.db, { location: 'dc-1' }); // [{ sku, locationId, quantity }]
 */
export const onOrder: OnOrderSource = {
  async quantities(db: Db, where: { sku?: string; location?: string }): Promise<OnOrderQuantity[]> {
    let query = db
      .selectFrom('purchase_order_lines as l')
      .innerJoin('purchase_orders as o', 'o.id', 'l.order_id')
      .select(['l.sku', 'o.location_id', sql<number>`sum(${sql.raw(REMAINING)})`.as('quantity')])
      .where('o.status', 'in', OPEN_PURCHASE_ORDER_STATUSES)
      .groupBy(['l.sku', 'o.location_id']);
    if (where.sku) query = query.where('l.sku', '=', where.sku);
    if (where.location) query = query.where('o.location_id', '=', where.location);
    return (await query.execute())
      .map((r) => ({ sku: r.sku, locationId: r.location_id, quantity: Number(r.quantity) }))
      .filter((r) => r.quantity > 0);
  },

  subquery: `(select sum(${REMAINING})
     from purchase_order_lines l join purchase_orders o on o.id = l.order_id
    where l.sku = ? and o.location_id = ? and o.status in (${OPEN}))`,
};
