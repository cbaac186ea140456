import type { Selectable } from 'kysely';
import { toIsoString } from '../store/index.js';
import type { ReservationTable } from '../store/schema.js';

export const RESERVATION_STATUSES = ['active', 'released', 'committed', 'expired'] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

/** Units of one SKU at one location promised to an order line until `expiresAt`. */
export interface Reservation {
  id: string;
  sku: string;
  locationId: string;
  quantity: number;
  status: ReservationStatus;
  reference: string | null;
  actor: string;
  expiresAt: string;
  createdAt: string;
  updatedAt: string;
  /** The posting that turned it into a sale or shipment, once committed. */
  postingId: string | null;
}

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
