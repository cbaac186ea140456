import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { StoreCapabilities } from '../capabilities.js';
import type { VersionedMigration } from './migration.js';

/**
 * Orders, their lines, and where each line's units were allocated (each allocation a reservation);
 * and, on locations, whether they ship orders to customers.
 */
export const orders: VersionedMigration = {
  async up(db: Kysely<unknown>, capabilities: StoreCapabilities) {
    const time = sql.raw(capabilities.timestampType);
    const quantity = sql.raw(capabilities.quantityType);
    const decimal = sql.raw(capabilities.decimalType);

    await db.schema.alterTable('locations').addColumn('ships_online', 'integer').execute();

    await db.schema
      .createTable('orders')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('latitude', decimal)
      .addColumn('longitude', decimal)
      .addColumn('pickup_location_id', 'text', (c) => c.references('locations.id'))
      .addColumn('reference', 'text')
      /** JSON: the sourcing plan, with its costs and the alternatives it beat. */
      .addColumn('plan', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', time, (c) => c.notNull())
      .addColumn('updated_at', time, (c) => c.notNull())
      .addCheckConstraint(
        'orders_status_check',
        sql`status in ('allocated', 'backordered', 'partially_shipped', 'shipped', 'cancelled')`,
      )
      .execute();
    await db.schema.createIndex('orders_status_idx').on('orders').column('status').execute();

    await db.schema
      .createTable('order_lines')
      .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
      .addColumn('line', 'integer', (c) => c.notNull())
      .addColumn('sku', 'text', (c) => c.notNull().references('products.sku'))
      .addColumn('quantity', quantity, (c) => c.notNull())
      .addPrimaryKeyConstraint('order_lines_pk', ['order_id', 'sku'])
      .execute();

    await db.schema
      .createTable('order_allocations')
      .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
      .addColumn('sku', 'text', (c) => c.notNull())
      .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
      .addColumn('quantity', quantity, (c) => c.notNull())
      .addColumn('reservation_id', 'text', (c) => c.notNull().references('reservations.id'))
      .addPrimaryKeyConstraint('order_allocations_pk', ['order_id', 'sku', 'location_id'])
      .execute();
    await db.schema
      .createIndex('order_allocations_location_idx')
      .on('order_allocations')
      .column('location_id')
      .execute();
  },
};
