import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { StoreCapabilities } from '../capabilities.js';
import type { VersionedMigration } from './migration.js';

/**
 * Network-wide settings an admin changes at run time, one row per setting: first the ledger's lock
 * date, before which nothing may be posted. Who changed a setting last, and when, stays beside it.
 */
export const settings: VersionedMigration = {
  async up(db: Kysely<unknown>, capabilities: StoreCapabilities) {
    const time = sql.raw(capabilities.timestampType);
    await db.schema
      .createTable('settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text')
      .addColumn('updated_at', time, (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .execute();
  },
};
