import type { Kysely } from 'kysely';
import type { VersionedMigration } from './migration.js';

/**
 * An imported day of sales may say the location had no stock of the SKU that day (1): its sales then
 * say nothing of demand, and forecasting treats the day's demand as unknown. Days imported before say
 * nothing (0), as before.
 */
export const salesHistoryStockOuts: VersionedMigration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('sales_history')
      .addColumn('stocked_out', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },
};
