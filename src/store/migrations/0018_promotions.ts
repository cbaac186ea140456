import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { StoreCapabilities } from '../capabilities.js';
import type { VersionedMigration } from './migration.js';

/**
 * The promotions calendar: what the retailer promotes (a SKU, or every product of a category), where (a
 * location, a region, or the whole network when neither) and on which days, with the lift it plans.
 * Forecasting leaves promoted days out of the base level, learns the lift from past ones and applies it
 * to future ones. Days are ISO dates (YYYY-MM-DD) as text on both databases, the last one included.
 */
export const promotions: VersionedMigration = {
  async up(db: Kysely<unknown>, capabilities: StoreCapabilities) {
    const time = sql.raw(capabilities.timestampType);
    await db.schema
      .createTable('promotions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text')
      .addColumn('sku', 'text', (c) => c.references('products.sku'))
      .addColumn('category', 'text')
      .addColumn('location_id', 'text', (c) => c.references('locations.id'))
      .addColumn('region', 'text')
      .addColumn('starts_on', 'text', (c) => c.notNull())
      .addColumn('ends_on', 'text', (c) => c.notNull())
      .addColumn('planned_lift', sql.raw(capabilities.decimalType))
      .addColumn('created_at', time, (c) => c.notNull())
      .addColumn('updated_at', time, (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addCheckConstraint('promotions_subject_check', sql`(sku is null) <> (category is null)`)
      .addCheckConstraint('promotions_place_check', sql`location_id is null or region is null`)
      .addCheckConstraint('promotions_days_check', sql`starts_on <= ends_on`)
      .addCheckConstraint('promotions_lift_check', sql`planned_lift is null or planned_lift > 0`)
      .execute();
    // A forecast asks for the promotions overlapping its days: most of the calendar ended long before.
    await db.schema.createIndex('promotions_ends_on_idx').on('promotions').column('ends_on').execute();
  },
};
