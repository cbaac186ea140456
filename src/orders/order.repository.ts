import type { ExpressionBuilder, Selectable } from 'kysely';
import { DomainError } from '../errors/index.js';
import { byDocument } from '../procedures/index.js';
import type { SourcingPlan } from '../sourcing/index.js';
import { toIsoString } from '../store/index.js';
import type { Database, Db } from '../store/index.js';
import type { OrderTable } from '../store/schema.js';
import type { Order, OrderChannel, OrderStatus } from './order.js';

/** One order, whole; `not_found` if there is none by that id. */
export async function loadOrder(db: Db, id: string): Promise<Order> {
  const row = await db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('not_found', `Order '${id}' does not exist`, { id });
  const [order] = await withLines(db, [row]);
  return order!;
}

/**
 * Orders from their rows, in the same order, with the lines and allocations of all of them read in
 * one query each: a page of orders costs three queries, not two per order.
 */
export async function withLines(db: Db, rows: readonly Selectable<OrderTable>[]): Promise<Order[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [lines, allocations] = await Promise.all([
    db.selectFrom('order_lines').selectAll().where('order_id', 'in', ids).orderBy('order_id').orderBy('line').execute(),
    db
      .selectFrom('order_allocations')
      .selectAll()
      .where('order_id', 'in', ids)
      .orderBy('order_id')
      .orderBy('sku')
      .orderBy('location_id')
      .execute(),
  ]);
  const linesOf = byDocument(lines, (l) => l.order_id);
  const allocationsOf = byDocument(allocations, (a) => a.order_id);
  return rows.map((row) => ({
    id: row.id,
    channel: row.channel as OrderChannel,
    status: row.status as OrderStatus,
    destination:
      row.latitude === null || row.longitude === null ? null : { latitude: row.latitude, longitude: row.longitude },
    pickupLocationId: row.pickup_location_id,
    reference: row.reference,
    lines: (linesOf.get(row.id) ?? []).map((l) => ({ sku: l.sku, quantity: Number(l.quantity) })),
    allocations: (allocationsOf.get(row.id) ?? []).map((a) => ({
      sku: a.sku,
      locationId: a.location_id,
      quantity: Number(a.quantity),
      reservationId: a.reservation_id,
    })),
    plan: JSON.parse(row.plan) as SourcingPlan,
    createdBy: row.created_by,
    createdAt: toIsoString(row.created_at),
    updatedAt: toIsoString(row.updated_at),
  }));
}

/** Whether an order (`o`) has units allocated at one of `locations`. */
export function allocatedAt(eb: ExpressionBuilder<Database & { o: OrderTable }, 'o'>, locations: string[]) {
  return eb.exists(
    eb
      .selectFrom('order_allocations as a')
      .select('a.order_id')
      .whereRef('a.order_id', '=', 'o.id')
      .where('a.location_id', 'in', locations),
  );
}
