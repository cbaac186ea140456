import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { StoreCapabilities } from '../capabilities.js';
import type { VersionedMigration } from './migration.js';

/**
 * Each forecast series keeps how uncertain it is day by day: σ of the error for every forecast day
 * (JSON, growing with the days ahead) and the correlation of neighbouring days' errors, from which
 * daily quantiles and the demand over a lead time are computed. Series stored before have neither and
 * are read as one σ for every day, days independent.
 */
export const forecastSpread: VersionedMigration = {
  async up(db: Kysely<unknown>, capabilities: StoreCapabilities) {
    await db.schema.alterTable('forecast_series').addColumn('sigmas', 'text').execute();
    await db.schema
      .alterTable('forecast_series')
      .addColumn('error_correlation', sql.raw(capabilities.decimalType))
      .execute();
  },
};
