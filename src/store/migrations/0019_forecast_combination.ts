import type { Kysely } from 'kysely';
import type { VersionedMigration } from './migration.js';

/**
 * A forecast series keeps which methods were averaged into it (JSON array of names, best first) and
 * its promotions (JSON: promoted forecast days and the lift of those without a planned one, or
 * null). Series stored before have neither: they are read as their one chosen method, unpromoted.
 */
export const forecastCombination: VersionedMigration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('forecast_series').addColumn('combined', 'text').execute();
    await db.schema.alterTable('forecast_series').addColumn('promotion', 'text').execute();
  },
};
