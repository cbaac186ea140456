import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { StoreCapabilities } from '../capabilities.js';
import type { VersionedMigration } from './migration.js';

/** Transfer orders between two real locations, and their lines: what was sent, arrived and was lost. */
export const transferOrders: VersionedMigration = {
  async up(db: Kysely<unknown>, capabilities: StoreCapabilities) {
    const time = sql.raw(capabilities.timestampType);
    const quantity = sql.raw(capabilities.quantityType);

    await db.schema
      .createTable('transfer_orders')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('from_id', 'text', (c) => c.notNull().references('locations.id'))
      .addColumn('to_id', 'text', (c) => c.notNull().references('locations.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reference', 'text')
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', time, (c) => c.notNull())
      .addColumn('shipped_at', time)
      .addColumn('completed_at', time)
      .addColumn('updated_at', time, (c) => c.notNull())
      .addCheckConstraint(
        'transfer_orders_status_check',
        sql`status in ('draft', 'shipped', 'partially_received', 'received', 'cancelled')`,
      )
      .addCheckConstraint('transfer_orders_ends_check', sql`from_id <> to_id`)
      .execute();
    await db.schema
      .createIndex('transfer_orders_from_idx')
      .on('transfer_orders')
      .columns(['from_id', 'status'])
      .execute();
    await db.schema.createIndex('transfer_orders_to_idx').on('transfer_orders').columns(['to_id', 'status']).execute();

    await db.schema
      .createTable('transfer_order_lines')
      .addColumn('transfer_id', 'text', (c) => c.notNull().references('transfer_orders.id'))
      .addColumn('line', 'integer', (c) => c.notNull())
      .addColumn('sku', 'text', (c) => c.notNull().references('products.sku'))
      .addColumn('quantity', quantity, (c) => c.notNull())
      .addColumn('received', quantity, (c) => c.notNull().defaultTo(0))
      .addColumn('shortfall', quantity, (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('transfer_order_lines_pk', ['transfer_id', 'sku'])
      .addCheckConstraint(
        'transfer_order_lines_quantities_check',
        sql`quantity > 0 and received >= 0 and shortfall >= 0 and received + shortfall <= quantity`,
      )
      .execute();
  },
};
