import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { StoreCapabilities } from '../capabilities.js';
import type { VersionedMigration } from './migration.js';

/** Cycle count sessions and their lines: what the system said when each line was counted, and what was found. */
export const cycleCounts: VersionedMigration = {
  async up(db: Kysely<unknown>, capabilities: StoreCapabilities) {
    const time = sql.raw(capabilities.timestampType);
    const quantity = sql.raw(capabilities.quantityType);
    const decimal = sql.raw(capabilities.decimalType);

    await db.schema
      .createTable('count_sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('threshold_units', quantity, (c) => c.notNull())
      .addColumn('threshold_value', decimal, (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', time, (c) => c.notNull())
      .addColumn('submitted_at', time)
      .addColumn('approved_by', 'text')
      .addColumn('closed_at', time)
      .addColumn('updated_at', time, (c) => c.notNull())
      .addCheckConstraint(
        'count_sessions_status_check',
        sql`status in ('open', 'pending_approval', 'closed', 'cancelled')`,
      )
      .execute();
    await db.schema
      .createIndex('count_sessions_location_idx')
      .on('count_sessions')
      .columns(['location_id', 'status'])
      .execute();

    await db.schema
      .createTable('count_lines')
      .addColumn('session_id', 'text', (c) => c.notNull().references('count_sessions.id'))
      .addColumn('sku', 'text', (c) => c.notNull().references('products.sku'))
      .addColumn('system_quantity', quantity)
      .addColumn('counted_quantity', quantity)
      .addColumn('counted_at', time)
      .addColumn('counted_by', 'text')
      .addColumn('unit_cost', decimal, (c) => c.notNull())
      /** pending (not yet posted), posted, or held for a planner's approval. */
      .addColumn('state', 'text', (c) => c.notNull().defaultTo('pending'))
      .addPrimaryKeyConstraint('count_lines_pk', ['session_id', 'sku'])
      .execute();
    await db.schema.createIndex('count_lines_sku_idx').on('count_lines').columns(['sku', 'counted_at']).execute();
  },
};
