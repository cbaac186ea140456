import type { ExpressionBuilder, Selectable } from 'kysely';
import type { z } from 'zod';
import { DomainError } from '../errors/index.js';
import { byDocument } from '../procedures/index.js';
import type { SourcingPlan } from '../sourcing/index.js';
import { toIsoString } from '../store/index.js';
import type { Database, Db } from '../store/index.js';
import type { OrderTable } from '../store/index.js';
import type { OrderChannel, OrderStatus } from './order.js';
import type { Order, OrderFilter } from './orders.schemas.js';

/** One order, whole; `not_found` if there is none by that id. */
export async function loadOrder(db: Db, id: string): Promise<Order> {
  const row = await db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('not_found', `Order '${id}' does not exist`, { id });
  const [order] = await withLines(db, [row]);
  return order!;
}

/**
 * Locks an order until the transaction ends, then reads it: whoever ships, cancels or reroutes it
 * meanwhile waits, and then sees what this transaction made of it. `not_found` if there is none.
 */
export async function lockOrder(trx: Db, id: string): Promise<Order> {
  // Writing the row (to what it is) takes its lock on PostgreSQL; SQLite has one writer at a time anyway.
  await trx
    .updateTable('orders')
    .set((eb) => ({ status: eb.ref('status') }))
    .where('id', '=', id)
    .execute();
  return loadOrder(trx, id);
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

/** A new order as it is stored: its lines, where it goes, and the plan it is allocated by. */
export interface NewOrderRecord {
  id: string;
  channel: OrderChannel;
  status: OrderStatus;
  destination: { latitude: number; longitude: number } | null;
  pickupLocationId: string | null;
  reference: string | null;
  lines: readonly { sku: string; quantity: number }[];
  plan: SourcingPlan;
  createdBy: string;
}

/** Inserts an order and its lines; false (and nothing written) if an order has that id already. */
export async function insertOrder(trx: Db, order: NewOrderRecord): Promise<boolean> {
  const now = new Date().toISOString();
  const inserted = await trx
    .insertInto('orders')
    .values({
      id: order.id,
      channel: order.channel,
      status: order.status,
      latitude: order.destination?.latitude ?? null,
      longitude: order.destination?.longitude ?? null,
      pickup_location_id: order.pickupLocationId,
      reference: order.reference,
      plan: JSON.stringify(order.plan),
      created_by: order.createdBy,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
  await trx
    .insertInto('order_lines')
    .values(order.lines.map((l, line) => ({ order_id: order.id, line, sku: l.sku, quantity: l.quantity })))
    .execute();
  return true;
}

/** Records that `quantity` of an order's `sku` is held at `locationId` by a reservation. */
export async function insertAllocation(
  trx: Db,
  orderId: string,
  allocation: { sku: string; locationId: string; quantity: number; reservationId: string },
): Promise<void> {
  await trx
    .insertInto('order_allocations')
    .values({
      order_id: orderId,
      sku: allocation.sku,
      location_id: allocation.locationId,
      quantity: allocation.quantity,
      reservation_id: allocation.reservationId,
    })
    .execute();
}

/** Forgets where an order's units were held (its reservations released by the caller). */
export async function deleteAllocations(trx: Db, orderId: string): Promise<void> {
  await trx.deleteFrom('order_allocations').where('order_id', '=', orderId).execute();
}

/** Sets an order's status, and with a new plan, the plan it is now allocated by. */
export async function updateOrder(
  trx: Db,
  id: string,
  change: { status: OrderStatus; plan?: SourcingPlan },
): Promise<void> {
  await trx
    .updateTable('orders')
    .set({
      status: change.status,
      ...(change.plan ? { plan: JSON.stringify(change.plan) } : {}),
      updated_at: new Date().toISOString(),
    })
    .where('id', '=', id)
    .execute();
}

/**
 * A page of orders (one more than `limit`, for the cursor), filtered. With `scope`, only those that
 * touch one of its locations: allocated there, or picked up there.
 */
export async function findOrders(
  db: Db,
  filter: z.output<typeof OrderFilter>,
  scope: readonly string[] | null,
): Promise<Order[]> {
  let query = db
    .selectFrom('orders as o')
    .selectAll('o')
    .orderBy('o.id')
    .limit(filter.limit + 1);
  if (filter.status) query = query.where('o.status', 'in', [filter.status].flat());
  if (filter.channel) query = query.where('o.channel', '=', filter.channel);
  if (filter.location) {
    const location = filter.location;
    query = query.where((eb) => allocatedAt(eb, [location]));
  }
  if (scope !== null) {
    const within = [...scope];
    query = query.where((eb) => eb.or([eb('o.pickup_location_id', 'in', within), allocatedAt(eb, within)]));
  }
  if (filter.from) query = query.where('o.created_at', '>=', new Date(filter.from).toISOString());
  if (filter.until) query = query.where('o.created_at', '<', new Date(filter.until).toISOString());
  if (filter.after) query = query.where('o.id', '>', filter.after);
  return withLines(db, await query.execute());
}

/**
 * The reservations of open orders (not shipped, not cancelled) at a location, by reservation id: the
 * order each belongs to and its status.
 */
export async function openOrdersAt(
  db: Db,
  locationId: string,
): Promise<Map<string, { orderId: string; status: OrderStatus }>> {
  const open: OrderStatus[] = ['allocated', 'backordered', 'partially_shipped'];
  const rows = await db
    .selectFrom('order_allocations as a')
    .innerJoin('orders as o', 'o.id', 'a.order_id')
    .select(['a.reservation_id', 'a.order_id', 'o.status'])
    .where('a.location_id', '=', locationId)
    .where('o.status', 'in', open)
    .execute();
  return new Map(rows.map((r) => [r.reservation_id, { orderId: r.order_id, status: r.status as OrderStatus }]));
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
