import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { StoreCapabilities } from '../capabilities.js';
import type { VersionedMigration } from './migration.js';

/**
 * Suppliers with their lead times and order rules, what each supplies, and imported sales history
 * (daily sales from before the network's ledger began, for forecasting).
 */
export const suppliersAndSalesHistory: VersionedMigration = {
  async up(db: Kysely<unknown>, capabilities: StoreCapabilities) {
    const time = sql.raw(capabilities.timestampType);
    const quantity = sql.raw(capabilities.quantityType);
    const decimal = sql.raw(capabilities.decimalType);

    await db.schema
      .createTable('suppliers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('lead_time_days', decimal, (c) => c.notNull())
      .addColumn('lead_time_sd_days', decimal, (c) => c.notNull().defaultTo(0))
      .addColumn('min_order_quantity', quantity, (c) => c.notNull().defaultTo(1))
      .addColumn('pack_size', quantity, (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', time, (c) => c.notNull())
      .addColumn('updated_at', time, (c) => c.notNull())
      .addCheckConstraint('suppliers_lead_time_check', sql`lead_time_days >= 0 and lead_time_sd_days >= 0`)
      .addCheckConstraint('suppliers_order_rules_check', sql`min_order_quantity >= 1 and pack_size >= 1`)
      .execute();

    await db.schema
      .createTable('supplier_items')
      .addColumn('supplier_id', 'text', (c) => c.notNull().references('suppliers.id'))
      .addColumn('sku', 'text', (c) => c.notNull().references('products.sku'))
      .addColumn('supplier_sku', 'text')
      .addColumn('unit_cost', decimal)
      .addColumn('lead_time_days', decimal)
      .addColumn('created_at', time, (c) => c.notNull())
      .addColumn('updated_at', time, (c) => c.notNull())
      .addPrimaryKeyConstraint('supplier_items_pk', ['supplier_id', 'sku'])
      .execute();
    await db.schema.createIndex('supplier_items_sku_idx').on('supplier_items').column('sku').execute();

    // Days are ISO dates (YYYY-MM-DD) as text on both databases: they sort and compare as dates.
    await db.schema
      .createTable('sales_history')
      .addColumn('sku', 'text', (c) => c.notNull().references('products.sku'))
      .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('sold', quantity, (c) => c.notNull())
      .addColumn('returned', quantity, (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('sales_history_pk', ['sku', 'location_id', 'day'])
      .addCheckConstraint('sales_history_quantities_check', sql`sold >= 0 and returned >= 0`)
      .execute();
  },
};
