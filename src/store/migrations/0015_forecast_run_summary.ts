import type { Kysely } from 'kysely';
import type { VersionedMigration } from './migration.js';

/**
 * A forecast run says what a planner must know before trusting it: which series stopped selling long
 * before the forecast's origin, and how many had no sales in the backtest window (so no accuracy to
 * report). JSON text; runs made before have none.
 */
export const forecastRunSummary: VersionedMigration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('forecast_runs').addColumn('summary', 'text').execute();
  },
};
