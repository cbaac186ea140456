import type { Db } from '../store/index.js';
import { progressConditions } from './document.js';
import { OPEN_PURCHASE_ORDER_STATUSES } from './purchase-order.js';
import { IN_TRANSIT_TRANSFER_ORDER_STATUSES } from './transfer-order.js';

/** Documents late against their own dates, counted per location they deliver to. */
export interface LateDocuments {
  /** Open purchase orders past their expected date. */
  purchaseOrders: Map<string, number>;
  /** Transfers with goods in transit past their expected arrival. */
  transfers: Map<string, number>;
}

/**
 * What is late now, per receiving location, in two grouped reads: the condition of the lists'
 * `overdue` filter, counted.
 *
 * @example
 * const late = await lateDocuments(db, new Date().toISOString());
 * late.purchaseOrders.get('dc-1'); // open orders to dc-1 past their date
 */
export async function lateDocuments(db: Db, now: string): Promise<LateDocuments> {
  const late = (due: readonly string[]) => progressConditions({ overdue: true }, { open: [], due }, new Date(now))[0]!;
  const [orders, transfers] = await Promise.all([
    db
      .selectFrom('purchase_orders')
      .select((eb) => ['location_id as location', eb.fn.countAll<number>().as('late')])
      .where(late(OPEN_PURCHASE_ORDER_STATUSES))
      .groupBy('location_id')
      .execute(),
    db
      .selectFrom('transfer_orders')
      .select((eb) => ['to_id as location', eb.fn.countAll<number>().as('late')])
      .where(late(IN_TRANSIT_TRANSFER_ORDER_STATUSES))
      .groupBy('to_id')
      .execute(),
  ]);
  const byLocation = (rows: { location: string; late: number }[]) =>
    new Map(rows.map((r) => [r.location, Number(r.late)]));
  return { purchaseOrders: byLocation(orders), transfers: byLocation(transfers) };
}
