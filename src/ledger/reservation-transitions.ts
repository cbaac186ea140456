import type { z } from 'zod';
import { CUSTOMER } from '../catalog/index.js';
import { DomainError } from '../errors/index.js';
import { recordEvent } from '../events/index.js';
import type { EventType } from '../events/index.js';
import type { Db, StoreCapabilities } from '../store/index.js';
import type { CommitReservationInput, Posting, Reservation } from './ledger.schemas.js';
import type { DocumentLink } from './movement.js';
import { postMovements } from './posting.js';
import { toReservation } from './reservation.js';

/**
 * Moves an active reservation to `status` and returns it as it was. The status change is one
 * conditional UPDATE, so of two requests racing to release or commit the same reservation, exactly
 * one wins; the other is told what became of it (`illegal_transition`). A lapsed reservation cannot
 * be committed.
 */
export async function claimReservation(
  trx: Db,
  id: string,
  status: 'released' | 'committed' | 'expired',
  now: Date,
): Promise<Reservation> {
  let update = trx
    .updateTable('reservations')
    .set({ status, updated_at: now.toISOString() })
    .where('id', '=', id)
    .where('status', '=', 'active');
  if (status === 'committed') update = update.where('expires_at', '>', now.toISOString());
  const row = await update.returningAll().executeTakeFirst();
  if (row) return { ...toReservation(row), status: 'active' };

  const current = await trx.selectFrom('reservations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!current) throw new DomainError('not_found', `Reservation '${id}' does not exist`, { reservationId: id });
  const reservation = toReservation(current);
  const action = status === 'committed' ? 'committed' : 'released';
  const state = reservation.status === 'active' ? `expired at ${reservation.expiresAt}` : reservation.status;
  throw new DomainError('illegal_transition', `Reservation '${id}' is ${state} and cannot be ${action}`, {
    reservationId: id,
    status: reservation.status === 'active' ? 'expired' : reservation.status,
  });
}

/** Records what became of a reservation, for the outbox to carry out. */
export function announceReservation(
  trx: Db,
  capabilities: StoreCapabilities,
  type: EventType,
  reservation: Reservation,
  extra: Record<string, unknown> = {},
) {
  return recordEvent(trx, capabilities, {
    type,
    locations: [reservation.locationId],
    skus: [reservation.sku],
    data: { reservation, ...extra },
  });
}

/**
 * Turns a reservation into a sale or shipment inside the caller's transaction, so that several
 * commits (an order's lines) and whatever else the caller writes succeed or fail together. `document`
 * names the order it fulfils, if any.
 *
 * @example
 * await store.transaction((trx) => commitReservation(trx, capabilities, { reservationId: r.id, kind: 'ship', actor: 'dc' }));
 */
export async function commitReservation(
  trx: Db,
  capabilities: StoreCapabilities,
  input: z.output<typeof CommitReservationInput>,
  document?: DocumentLink,
): Promise<{ reservation: Reservation; posting: Posting }> {
  const now = new Date();
  const reservation = await claimReservation(trx, input.reservationId, 'committed', now);
  const quantity = input.quantity ?? reservation.quantity;
  if (quantity > reservation.quantity) {
    throw new DomainError(
      'validation_failed',
      `Cannot commit ${quantity}: the reservation holds ${reservation.quantity}`,
      {
        issues: [{ path: 'quantity', message: `must be at most ${reservation.quantity}` }],
      },
    );
  }
  // The whole reservation is given back: `quantity` leaves as a sale, the rest is free again.
  const posting = await postMovements(trx, capabilities, {
    ...(document ? { document } : {}),
    movements: [
      {
        sku: reservation.sku,
        quantity,
        from: reservation.locationId,
        to: CUSTOMER,
        kind: input.kind,
        reference: reservation.reference,
      },
    ],
    actor: input.actor,
    occurredAt: input.occurredAt ?? now.toISOString(),
    reservedChanges: [{ sku: reservation.sku, locationId: reservation.locationId, quantity: -reservation.quantity }],
  });
  const row = await trx
    .updateTable('reservations')
    .set({ posting_id: posting.postingId })
    .where('id', '=', reservation.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const committed = toReservation(row);
  await announceReservation(trx, capabilities, 'reservation.committed', committed, { postingId: posting.postingId });
  return { reservation: committed, posting };
}
