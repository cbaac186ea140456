import type { Selectable } from 'kysely';
import { toIsoString } from '../store/index.js';
import type { EventTable } from '../store/index.js';

export const EVENT_TYPES = [
  'movements.posted',
  'reservation.taken',
  'reservation.released',
  'reservation.committed',
  'reservation.expired',
  'location.status_changed',
  'plan.completed',
  'suggestions.expired',
  'suggestion.approved',
  'suggestion.dismissed',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** A committed change, as readers and webhooks receive it. */
export interface OmnistockEvent {
  id: string;
  /** Order of commit: every reader sees events in this order, and resumes after the last one it saw. */
  position: number;
  type: EventType;
  recordedAt: string;
  /** The locations and SKUs the change touched, for filtering. */
  locations: string[];
  skus: string[];
  data: unknown;
}

/** What the outbox stores of an event before it has a position. */
export interface NewEvent {
  type: EventType;
  locations: readonly string[];
  skus: readonly string[];
  data: unknown;
}

export function toEvent(row: Selectable<EventTable>): OmnistockEvent {
  const payload = JSON.parse(row.payload) as { locations: string[]; skus: string[]; data: unknown };
  return {
    id: row.id,
    position: Number(row.position),
    type: row.type as EventType,
    recordedAt: toIsoString(row.recorded_at),
    locations: payload.locations,
    skus: payload.skus,
    data: payload.data,
  };
}

/** Whether `event` concerns the location and SKU a reader asked for (each filter optional). */
export function concerns(
  event: OmnistockEvent,
  filter: { location?: string | undefined; sku?: string | undefined },
): boolean {
  return (
    (filter.location === undefined || event.locations.includes(filter.location)) &&
    (filter.sku === undefined || event.skus.includes(filter.sku))
  );
}
