import { sql } from 'kysely';
import type { Db } from '../store/index.js';

/** What drafts not yet placed or shipped will move, per SKU: planning counts them as already decided. */
export interface DraftQuantities {
  /** Draft purchase orders: units to come to `locationId`. */
  purchases: { sku: string; locationId: string; quantity: number }[];
  /** Draft transfers: units to leave `fromId` for `toId`. */
  transfers: { sku: string; fromId: string; toId: string; quantity: number }[];
}

/**
 * The units on draft purchase orders and draft transfers. Stock views leave drafts out (nothing has
 * been ordered or has left yet), but a plan must count them: a transfer a planner approved as a draft
 * is a decision, and the next plan must not suggest it again nor give the same stock twice.
 *
 * @example
 * const { transfers } = await draftQuantities(db);
 * transfers[0]; // { sku: 'TEA-1', fromId: 'dc-north', toId: 'store-007', quantity: 12 }
 */
export async function draftQuantities(db: Db): Promise<DraftQuantities> {
  const [purchases, transfers] = await Promise.all([
    db
      .selectFrom('purchase_order_lines as l')
      .innerJoin('purchase_orders as o', 'o.id', 'l.order_id')
      .select(['l.sku', 'o.location_id', sql<number>`sum(l.ordered)`.as('quantity')])
      .where('o.status', '=', 'draft')
      .groupBy(['l.sku', 'o.location_id'])
      .execute(),
    db
      .selectFrom('transfer_order_lines as l')
      .innerJoin('transfer_orders as t', 't.id', 'l.transfer_id')
      .select(['l.sku', 't.from_id', 't.to_id', sql<number>`sum(l.quantity)`.as('quantity')])
      .where('t.status', '=', 'draft')
      .groupBy(['l.sku', 't.from_id', 't.to_id'])
      .execute(),
  ]);
  return {
    purchases: purchases.map((r) => ({ sku: r.sku, locationId: r.location_id, quantity: Number(r.quantity) })),
    transfers: transfers.map((r) => ({ sku: r.sku, fromId: r.from_id, toId: r.to_id, quantity: Number(r.quantity) })),
  };
}
