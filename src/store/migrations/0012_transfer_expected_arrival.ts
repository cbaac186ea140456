import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { StoreCapabilities } from '../capabilities.js';
import type { VersionedMigration } from './migration.js';

/**
 * Days after shipping a transfer is due when nobody said; the transfers' own default
 * (`DEFAULT_TRANSIT_DAYS`) when this migration was written, kept here so that it stays what it did.
 */
const TRANSIT_DAYS = 2;

/**
 * When a transfer is due at its destination, so that one still in transit after it can be found
 * (overdue). Transfers that shipped before this take their shipping date plus the default transit time.
 */
export const transferExpectedArrival: VersionedMigration = {
  async up(db: Kysely<unknown>, capabilities: StoreCapabilities) {
    await db.schema
      .alterTable('transfer_orders')
      .addColumn('expected_at', sql.raw(capabilities.timestampType))
      .execute();
    const shipped = await sql<{ id: string; shipped_at: Date | string }>`
      select id, shipped_at from transfer_orders where shipped_at is not null`.execute(db);
    // Times are computed here rather than in SQL, where each database adds days its own way.
    for (const { id, shipped_at } of shipped.rows) {
      const due = new Date(new Date(shipped_at).getTime() + TRANSIT_DAYS * 86_400_000).toISOString();
      await sql`update transfer_orders set expected_at = ${due} where id = ${id}`.execute(db);
    }
  },
};
