import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { StoreCapabilities } from '../capabilities.js';
import type { VersionedMigration } from './migration.js';

/** Customer returns and their lines, each with what became of the goods. */
export const customerReturns: VersionedMigration = {
  async up(db: Kysely<unknown>, capabilities: StoreCapabilities) {
    const time = sql.raw(capabilities.timestampType);
    const quantity = sql.raw(capabilities.quantityType);

    await db.schema
      .createTable('returns')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('reference', 'text')
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('received_at', time, (c) => c.notNull())
      .addColumn('closed_at', time)
      .addCheckConstraint('returns_status_check', sql`status in ('inspecting', 'closed')`)
      .execute();
    await db.schema.createIndex('returns_location_idx').on('returns').columns(['location_id', 'received_at']).execute();

    await db.schema
      .createTable('return_lines')
      .addColumn('return_id', 'text', (c) => c.notNull().references('returns.id'))
      .addColumn('line', 'integer', (c) => c.notNull())
      .addColumn('sku', 'text', (c) => c.notNull().references('products.sku'))
      .addColumn('quantity', quantity, (c) => c.notNull())
      .addColumn('disposition', 'text', (c) => c.notNull())
      .addColumn('supplier_id', 'text', (c) => c.references('suppliers.id'))
      .addColumn('purchase_order_id', 'text')
      /** For quarantined lines: what inspection decided (restock, scrap, return_to_vendor), once it has. */
      .addColumn('outcome', 'text')
      .addColumn('resolved_at', time)
      .addPrimaryKeyConstraint('return_lines_pk', ['return_id', 'sku'])
      .addCheckConstraint(
        'return_lines_disposition_check',
        sql`disposition in ('restock', 'quarantine', 'scrap', 'return_to_vendor')`,
      )
      .execute();
    await db.schema.createIndex('return_lines_sku_idx').on('return_lines').column('sku').execute();
  },
};
