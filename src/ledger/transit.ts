import { quarantineLocationId, transitLocationId } from '../catalog/index.js';
import type { Db } from '../store/index.js';

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
