import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { StoreCapabilities } from '../capabilities.js';
import type { VersionedMigration } from './migration.js';

/**
 * Purchase orders with their lines, the receipts against them (each with its actual lead time) and
 * the discrepancies found on receipt: over, short or damaged.
 */
export const purchaseOrders: VersionedMigration = {
  async up(db: Kysely<unknown>, capabilities: StoreCapabilities) {
    const time = sql.raw(capabilities.timestampType);
    const quantity = sql.raw(capabilities.quantityType);
    const decimal = sql.raw(capabilities.decimalType);

    await db.schema
      .createTable('purchase_orders')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('supplier_id', 'text', (c) => c.notNull().references('suppliers.id'))
      .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reference', 'text')
      .addColumn('expected_at', time)
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', time, (c) => c.notNull())
      .addColumn('submitted_at', time)
      .addColumn('closed_at', time)
      .addColumn('updated_at', time, (c) => c.notNull())
      .addCheckConstraint(
        'purchase_orders_status_check',
        sql`status in ('draft', 'submitted', 'partially_received', 'received', 'closed', 'cancelled')`,
      )
      .execute();
    await db.schema
      .createIndex('purchase_orders_open_idx')
      .on('purchase_orders')
      .columns(['location_id', 'status'])
      .execute();
    await db.schema.createIndex('purchase_orders_supplier_idx').on('purchase_orders').column('supplier_id').execute();

    await db.schema
      .createTable('purchase_order_lines')
      .addColumn('order_id', 'text', (c) => c.notNull().references('purchase_orders.id'))
      .addColumn('line', 'integer', (c) => c.notNull())
      .addColumn('sku', 'text', (c) => c.notNull().references('products.sku'))
      .addColumn('ordered', quantity, (c) => c.notNull())
      .addColumn('received', quantity, (c) => c.notNull().defaultTo(0))
      .addColumn('damaged', quantity, (c) => c.notNull().defaultTo(0))
      .addColumn('unit_cost', decimal)
      .addPrimaryKeyConstraint('purchase_order_lines_pk', ['order_id', 'sku'])
      .addCheckConstraint('purchase_order_lines_quantities_check', sql`ordered > 0 and received >= 0 and damaged >= 0`)
      .execute();
    await db.schema.createIndex('purchase_order_lines_sku_idx').on('purchase_order_lines').column('sku').execute();

    await db.schema
      .createTable('purchase_order_receipts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('order_id', 'text', (c) => c.notNull().references('purchase_orders.id'))
      .addColumn('posting_id', 'text')
      .addColumn('received_at', time, (c) => c.notNull())
      .addColumn('received_by', 'text', (c) => c.notNull())
      .addColumn('lead_time_days', decimal, (c) => c.notNull())
      .addColumn('on_time', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('purchase_order_receipts_order_idx')
      .on('purchase_order_receipts')
      .column('order_id')
      .execute();

    await db.schema
      .createTable('purchase_order_discrepancies')
      .addColumn('receipt_id', 'text', (c) => c.references('purchase_order_receipts.id'))
      .addColumn('order_id', 'text', (c) => c.notNull().references('purchase_orders.id'))
      .addColumn('sku', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('quantity', quantity, (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addCheckConstraint('purchase_order_discrepancies_kind_check', sql`kind in ('over', 'short', 'damaged')`)
      .execute();
    await db.schema
      .createIndex('purchase_order_discrepancies_order_idx')
      .on('purchase_order_discrepancies')
      .column('order_id')
      .execute();
  },
};
