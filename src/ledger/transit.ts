import {
  ADJUSTMENT,
  isVirtualLocationId,
  locationOfQuarantine,
  quarantineLocationId,
  transferOfTransit,
  transitLocationId,
} from '../catalog/index.js';
import type { MovementKind } from './movement.js';
import type { MovementDraft } from './posting.js';
import type { Db } from '../store/index.js';

/** Where a transfer's goods left from and where they are going. */
export interface TransitEnds {
  origin: string;
  destination: string;
}

/** The two ends of the transfers among `transitIds` whose transit location exists, by transit id. */
export async function transitEnds(db: Db, transitIds: readonly string[]): Promise<Map<string, TransitEnds>> {
  const ids = [...new Set(transitIds.filter((id) => transferOfTransit(id) !== null))];
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('locations')
    .select(['id', 'origin_id', 'destination_id'])
    .where('id', 'in', ids)
    .where('kind', '=', 'transit')
    .execute();
  return new Map(
    rows.flatMap((r) =>
      r.origin_id !== null && r.destination_id !== null
        ? [[r.id, { origin: r.origin_id, destination: r.destination_id }] as const]
        : [],
    ),
  );
}

/**
 * The real locations a movement acts at, which a token's location scope must cover. A real end is
 * itself and a quarantine its location. A transit is its transfer's origin when goods go into it,
 * are written off from it or found short (the sender answers for goods on the way), and its
 * destination when they are received from it; any other act on it needs both. A transit not yet
 * shipped to stays as it is, which no scope covers (shipping opens it: the shipper's end is enough).
 * The network's own ends act nowhere.
 *
 * @example
 * actingLocations({ kind: 'transfer_receive', from: 'transit:T-1', to: 'store-2' }, ends); // ['store-2'] when T-1 goes to store-2
 */
export function actingLocations(
  movement: { kind: MovementKind; from: string; to: string },
  ends: ReadonlyMap<string, TransitEnds>,
): string[] {
  const at = (id: string): string[] => {
    const quarantined = locationOfQuarantine(id);
    if (quarantined !== null) return [quarantined];
    if (transferOfTransit(id) === null) return isVirtualLocationId(id) ? [] : [id];
    const transfer = ends.get(id);
    // Shipping opens a new transfer's transit: the shipper is its origin, already the other end.
    if (!transfer) return movement.kind === 'transfer_ship' ? [] : [id];
    if (movement.kind === 'transfer_receive') return [transfer.destination];
    if (['transfer_ship', 'transfer_shortfall', 'scrap'].includes(movement.kind)) return [transfer.origin];
    return [transfer.origin, transfer.destination];
  };
  return [...at(movement.from), ...at(movement.to)];
}

/**
 * Creates the transit location of a transfer, which holds its goods between shipping and
 * receiving and remembers both ends (so `inbound` and `outbound` can be read from the ledger).
 * Shipping the same transfer again (a second truck) finds it already there.
 */
export async function openTransit(trx: Db, transferId: string, from: string, to: string): Promise<void> {
  const now = new Date().toISOString();
  await trx
    .insertInto('locations')
    .values({
      id: transitLocationId(transferId),
      name: `Transfer ${transferId}: ${from} → ${to}`,
      kind: 'transit',
      status: 'active',
      origin_id: from,
      destination_id: to,
      allow_negative_stock: 0,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/** Creates a location's quarantine (returned goods awaiting inspection) if it has none yet. */
export async function openQuarantine(trx: Db, locationId: string): Promise<string> {
  const id = quarantineLocationId(locationId);
  const now = new Date().toISOString();
  await trx
    .insertInto('locations')
    .values({
      id,
      name: `Quarantine at ${locationId}`,
      kind: 'quarantine',
      status: 'active',
      origin_id: locationId,
      allow_negative_stock: 0,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  return id;
}

/**
 * The movements that end a transfer's journey: what arrived goes transit → `to`, what will not arrive
 * transit → adjustment with `reason`.
 */
export function transferReceipt(
  transferId: string,
  to: string,
  lines: readonly { sku: string; quantity: number; shortfall: number }[],
  reason: string | undefined,
): MovementDraft[] {
  const transit = transitLocationId(transferId);
  return lines.flatMap((l): MovementDraft[] => [
    ...(l.quantity > 0
      ? [{ sku: l.sku, quantity: l.quantity, kind: 'transfer_receive' as const, from: transit, to }]
      : []),
    ...(l.shortfall > 0
      ? [
          {
            sku: l.sku,
            quantity: l.shortfall,
            kind: 'transfer_shortfall' as const,
            from: transit,
            to: ADJUSTMENT,
            reason,
          },
        ]
      : []),
  ]);
}
