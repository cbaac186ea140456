import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { StoreCapabilities } from '../capabilities.js';
import type { VersionedMigration } from './migration.js';

/**
 * Planning: each plan run, the stock policy it set per SKU × location for each period it holds (dated
 * rows, so that the levels follow the season), and the suggestions it made — purchase orders,
 * transfers, rebalancing and range changes — with their lines, reasons and what became of them.
 * Days are ISO dates (YYYY-MM-DD) as text; reasons and settings are JSON text.
 */
export const plans: VersionedMigration = {
  async up(db: Kysely<unknown>, capabilities: StoreCapabilities) {
    const time = sql.raw(capabilities.timestampType);
    const decimal = sql.raw(capabilities.decimalType);
    const quantity = sql.raw(capabilities.quantityType);
    await db.schema
      .createTable('plan_runs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('started_at', time, (c) => c.notNull())
      .addColumn('finished_at', time, (c) => c.notNull())
      .addColumn('forecast_run_id', 'text', (c) => c.notNull().references('forecast_runs.id'))
      .addColumn('starts_on', 'text', (c) => c.notNull())
      .addColumn('settings', 'text', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('plan_runs_finished_at_idx').on('plan_runs').column('finished_at').execute();

    await db.schema
      .createTable('stock_policies')
      .addColumn('run_id', 'text', (c) => c.notNull().references('plan_runs.id'))
      .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
      .addColumn('sku', 'text', (c) => c.notNull().references('products.sku'))
      .addColumn('valid_from', 'text', (c) => c.notNull())
      .addColumn('valid_until', 'text', (c) => c.notNull())
      .addColumn('product_class', 'text', (c) => c.notNull())
      .addColumn('service_measure', 'text', (c) => c.notNull())
      .addColumn('service_level', decimal, (c) => c.notNull())
      .addColumn('service_basis', 'text', (c) => c.notNull())
      .addColumn('review_days', decimal, (c) => c.notNull())
      .addColumn('source_kind', 'text', (c) => c.notNull())
      .addColumn('source_id', 'text')
      .addColumn('lead_time_mean', decimal, (c) => c.notNull())
      .addColumn('lead_time_sd', decimal, (c) => c.notNull())
      .addColumn('lead_time_basis', 'text', (c) => c.notNull())
      .addColumn('demand_per_day', decimal, (c) => c.notNull())
      .addColumn('demand_sd_per_day', decimal, (c) => c.notNull())
      .addColumn('protection_days', decimal, (c) => c.notNull())
      .addColumn('protection_mean', decimal, (c) => c.notNull())
      .addColumn('protection_sd', decimal, (c) => c.notNull())
      .addColumn('demand_shape', 'text', (c) => c.notNull())
      .addColumn('safety_stock', decimal, (c) => c.notNull())
      .addColumn('reorder_point', quantity, (c) => c.notNull())
      .addColumn('order_up_to', quantity, (c) => c.notNull())
      .addColumn('lot_size', quantity, (c) => c.notNull())
      .addColumn('service_time', 'integer')
      .addColumn('expected_cycle_service', decimal, (c) => c.notNull())
      .addColumn('expected_fill_rate', decimal, (c) => c.notNull())
      .addPrimaryKeyConstraint('stock_policies_pk', ['run_id', 'location_id', 'sku', 'valid_from'])
      .execute();
    await db.schema.createIndex('stock_policies_sku_idx').on('stock_policies').columns(['run_id', 'sku']).execute();

    await db.schema
      .createTable('suggestions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('run_id', 'text', (c) => c.notNull().references('plan_runs.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('supplier_id', 'text', (c) => c.references('suppliers.id'))
      .addColumn('from_id', 'text', (c) => c.references('locations.id'))
      .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
      .addColumn('value', decimal, (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('created_at', time, (c) => c.notNull())
      .addColumn('decided_at', time)
      .addColumn('decided_by', 'text')
      .addColumn('note', 'text')
      .addColumn('document_type', 'text')
      .addColumn('document_id', 'text')
      .execute();
    await db.schema.createIndex('suggestions_status_idx').on('suggestions').columns(['status', 'kind']).execute();
    await db.schema.createIndex('suggestions_run_idx').on('suggestions').column('run_id').execute();

    await db.schema
      .createTable('suggestion_lines')
      .addColumn('suggestion_id', 'text', (c) => c.notNull().references('suggestions.id'))
      .addColumn('line', 'integer', (c) => c.notNull())
      .addColumn('sku', 'text', (c) => c.notNull().references('products.sku'))
      .addColumn('quantity', quantity, (c) => c.notNull())
      .addColumn('unit_cost', decimal, (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('suggestion_lines_pk', ['suggestion_id', 'line'])
      .execute();
    await db.schema.createIndex('suggestion_lines_sku_idx').on('suggestion_lines').column('sku').execute();
  },
};
