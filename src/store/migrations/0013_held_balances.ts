import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { VersionedMigration } from './migration.js';

/**
 * Every transfer has a transit location whose balances empty when it is received: after two years a
 * network holds tens of thousands of empty transit balances beside a few thousand on shelves. The
 * stock views want only those that still hold something; this index finds them without reading the
 * empty ones. Queries must spell the condition as written here, with literals, for the database to
 * see that the index applies.
 *
 * The network's reads start from the few real locations and the few open purchase orders, not from
 * every balance and every order line ever written: indexes on a location's kind and an order's status
 * (with its expected date, for late orders) let them.
 */
export const heldBalances: VersionedMigration = {
  async up(db: Kysely<unknown>) {
    await sql`create index balances_held_idx on balances (location_id, sku) where on_hand <> 0 or reserved <> 0`.execute(
      db,
    );
    await db.schema.createIndex('locations_kind_idx').on('locations').column('kind').execute();
    await db.schema
      .createIndex('purchase_orders_status_idx')
      .on('purchase_orders')
      .columns(['status', 'expected_at'])
      .execute();
  },
};
