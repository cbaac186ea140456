import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { StoreCapabilities } from '../capabilities.js';
import type { VersionedMigration } from './migration.js';

/**
 * Each balance remembers the time of the latest movement that touched it. A posting that takes stock
 * must keep the floor at its own time and after; when nothing later than it ever touched the balance
 * (a posting dated now, nearly always), its balance today is all there is to check, and the ledger is
 * not read. Existing balances take the time from the ledger.
 */
export const balanceLatestMovement: VersionedMigration = {
  async up(db: Kysely<unknown>, capabilities: StoreCapabilities) {
    await db.schema.alterTable('balances').addColumn('latest_at', sql.raw(capabilities.timestampType)).execute();
    await fillLatestMovement(db);
  },
};

/** Sets every balance's latest movement time from the ledger: two lookups along the movements' indexes, one per end. */
export async function fillLatestMovement(db: Kysely<unknown>): Promise<void> {
  await sql`
    update balances set latest_at = (
      select max(at) from (
        select max(m.occurred_at) as at from movements m
         where m.from_location_id = balances.location_id and m.sku = balances.sku
        union all
        select max(m.occurred_at) from movements m
         where m.to_location_id = balances.location_id and m.sku = balances.sku
      ) ends
    )`.execute(db);
}
