import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { StoreCapabilities } from '../capabilities.js';
import type { VersionedMigration } from './migration.js';

/** Forecast runs, and per run the forecast of every SKU × location with its method and accuracy. */
export const forecasts: VersionedMigration = {
  async up(db: Kysely<unknown>, capabilities: StoreCapabilities) {
    const time = sql.raw(capabilities.timestampType);
    const decimal = sql.raw(capabilities.decimalType);

    await db.schema
      .createTable('forecast_runs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('started_at', time, (c) => c.notNull())
      .addColumn('finished_at', time, (c) => c.notNull())
      .addColumn('horizon', 'integer', (c) => c.notNull())
      .addColumn('season', 'integer', (c) => c.notNull())
      /** The last day of history; the forecast starts the day after. */
      .addColumn('history_until', 'text', (c) => c.notNull())
      .addColumn('series', 'integer', (c) => c.notNull())
      .addColumn('methods', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('forecast_runs_finished_idx').on('forecast_runs').column('finished_at').execute();

    // Arrays (the daily means, quantiles, scores) are JSON text on both databases.
    await db.schema
      .createTable('forecast_series')
      .addColumn('run_id', 'text', (c) => c.notNull().references('forecast_runs.id'))
      .addColumn('sku', 'text', (c) => c.notNull())
      .addColumn('location_id', 'text', (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('params', 'text', (c) => c.notNull())
      .addColumn('mean', 'text', (c) => c.notNull())
      .addColumn('sigma', decimal, (c) => c.notNull())
      .addColumn('intermittent', 'integer', (c) => c.notNull())
      .addColumn('quantiles', 'text')
      .addColumn('rmsse', decimal)
      .addColumn('scores', 'text', (c) => c.notNull())
      .addColumn('notes', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('forecast_series_pk', ['run_id', 'sku', 'location_id'])
      .execute();
    await db.schema.createIndex('forecast_series_sku_idx').on('forecast_series').columns(['sku', 'run_id']).execute();
  },
};
