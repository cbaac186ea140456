import type { Selectable } from 'kysely';
import { toIsoString } from '../store/index.js';
import type { ReservationTable } from '../store/index.js';
import type { Reservation } from './ledger.schemas.js';

export const RESERVATION_STATUSES = ['active', 'released', 'committed', 'expired'] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

export function toReservation(row: Selectable<ReservationTable>): Reservation {
  return {
    id: row.id,
    sku: row.sku,
    locationId: row.location_id,
    quantity: row.quantity,
    status: row.status as ReservationStatus,
    reference: row.reference,
    actor: row.actor,
    expiresAt: toIsoString(row.expires_at),
    createdAt: toIsoString(row.created_at),
    updatedAt: toIsoString(row.updated_at),
    postingId: row.posting_id,
  };
}
