import type { Db } from '../store/index.js';
import type { Reservation } from './ledger.schemas.js';
import { toReservation } from './reservation.js';

/**
 * The reservations among `ids` that exist, by id, read in one query (inside the caller's transaction
 * when `db` is one).
 *
 * @example
 * const held = await findReservations(trx, order.allocations.map((a) => a.reservationId));
 */
export async function findReservations(db: Db, ids: readonly string[]): Promise<Map<string, Reservation>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('reservations')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, toReservation(row)]));
}

/** The active reservations at a location, in the order of their ids. */
export async function activeReservationsAt(db: Db, locationId: string): Promise<Reservation[]> {
  const rows = await db
    .selectFrom('reservations')
    .selectAll()
    .where('location_id', '=', locationId)
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();
  return rows.map(toReservation);
}
