import { ADJUSTMENT, quarantineLocationId, transitLocationId } from '../catalog/index.js';
import type { MovementDraft } from './posting.js';
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
