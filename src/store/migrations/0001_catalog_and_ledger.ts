import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { StoreCapabilities } from '../capabilities.js';
import type { VersionedMigration } from './migration.js';

/** Locations, products, the movement ledger, its balance cache, reservations and idempotency keys. */
export const catalogAndLedger: VersionedMigration = {
  async up(db: Kysely<unknown>, capabilities: StoreCapabilities) {
    const time = sql.raw(capabilities.timestampType);
    const quantity = sql.raw(capabilities.quantityType);
    const decimal = sql.raw(capabilities.decimalType);

    await db.schema
      .createTable('locations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('region', 'text')
      .addColumn('latitude', decimal)
      .addColumn('longitude', decimal)
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
      .addColumn('parent_id', 'text', (c) => c.references('locations.id'))
      .addColumn('allow_negative_stock', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', time, (c) => c.notNull())
      .addColumn('updated_at', time, (c) => c.notNull())
      .addCheckConstraint('locations_status_check', sql`status in ('active', 'disrupted', 'closed')`)
      .addCheckConstraint('locations_negative_flag_check', sql`allow_negative_stock in (0, 1)`)
      .execute();

    await db.schema
      .createTable('products')
      .addColumn('sku', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('category', 'text')
      .addColumn('unit', 'text', (c) => c.notNull().defaultTo('each'))
      .addColumn('unit_cost', decimal, (c) => c.notNull().defaultTo(0))
      .addColumn('price', decimal, (c) => c.notNull().defaultTo(0))
      .addColumn('weight_kg', decimal, (c) => c.notNull().defaultTo(0))
      .addColumn('gtin', 'text', (c) => c.unique())
      .addColumn('created_at', time, (c) => c.notNull())
      .addColumn('updated_at', time, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('movements')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('posting_id', 'text', (c) => c.notNull())
      .addColumn('line', 'integer', (c) => c.notNull())
      .addColumn('sku', 'text', (c) => c.notNull().references('products.sku'))
      .addColumn('from_location_id', 'text', (c) => c.notNull().references('locations.id'))
      .addColumn('to_location_id', 'text', (c) => c.notNull().references('locations.id'))
      .addColumn('quantity', quantity, (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('reference', 'text')
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('occurred_at', time, (c) => c.notNull())
      .addColumn('recorded_at', time, (c) => c.notNull())
      .addCheckConstraint('movements_quantity_check', sql`quantity > 0`)
      .addCheckConstraint('movements_ends_check', sql`from_location_id <> to_location_id`)
      .execute();
    // As-of and history queries read one location's movements of one SKU in time order, from either end.
    await db.schema
      .createIndex('movements_to_idx')
      .on('movements')
      .columns(['to_location_id', 'sku', 'occurred_at'])
      .execute();
    await db.schema
      .createIndex('movements_from_idx')
      .on('movements')
      .columns(['from_location_id', 'sku', 'occurred_at'])
      .execute();
    await db.schema.createIndex('movements_posting_idx').on('movements').column('posting_id').execute();
    // Many movements (a sale at a till) have no reference: they need no entry in this index.
    await db.schema
      .createIndex('movements_reference_idx')
      .on('movements')
      .column('reference')
      .where(sql.ref('reference'), 'is not', null)
      .execute();

    await db.schema
      .createTable('balances')
      .addColumn('sku', 'text', (c) => c.notNull().references('products.sku'))
      .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
      .addColumn('on_hand', quantity, (c) => c.notNull().defaultTo(0))
      .addColumn('reserved', quantity, (c) => c.notNull().defaultTo(0))
      .addColumn('updated_at', time, (c) => c.notNull())
      .addPrimaryKeyConstraint('balances_pkey', ['sku', 'location_id'])
      .addCheckConstraint('balances_reserved_check', sql`reserved >= 0`)
      .execute();
    await db.schema.createIndex('balances_location_idx').on('balances').column('location_id').execute();

    await db.schema
      .createTable('reservations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('sku', 'text', (c) => c.notNull().references('products.sku'))
      .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
      .addColumn('quantity', quantity, (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reference', 'text')
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('expires_at', time, (c) => c.notNull())
      .addColumn('created_at', time, (c) => c.notNull())
      .addColumn('updated_at', time, (c) => c.notNull())
      .addColumn('posting_id', 'text')
      .addCheckConstraint('reservations_quantity_check', sql`quantity > 0`)
      .addCheckConstraint('reservations_status_check', sql`status in ('active', 'released', 'committed', 'expired')`)
      .execute();
    await db.schema
      .createIndex('reservations_status_idx')
      .on('reservations')
      .columns(['status', 'expires_at'])
      .execute();
    await db.schema
      .createIndex('reservations_stock_idx')
      .on('reservations')
      .columns(['sku', 'location_id', 'status'])
      .execute();
    await db.schema.createIndex('reservations_reference_idx').on('reservations').column('reference').execute();

    await db.schema
      .createTable('idempotency_keys')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('operation', 'text', (c) => c.notNull())
      .addColumn('request_hash', 'text', (c) => c.notNull())
      .addColumn('response', 'text')
      .addColumn('created_at', time, (c) => c.notNull())
      .execute();

    // The virtual locations every movement's other end may be; transit locations are made per transfer.
    const now = new Date().toISOString();
    const virtual = [
      ['supplier', 'Suppliers'],
      ['customer', 'Customers'],
      ['adjustment', 'Inventory adjustments'],
      ['scrap', 'Scrap'],
    ] as const;
    await (db as Kysely<{ locations: Record<string, unknown> }>)
      .insertInto('locations')
      .values(
        virtual.map(([id, name]) => ({
          id,
          name,
          kind: id,
          status: 'active',
          allow_negative_stock: 1,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  },
};
