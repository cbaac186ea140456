import type { Kysely } from 'kysely';
import type { StoreCapabilities } from '../capabilities.js';

/** A schema change. It is told which database it runs on so it can pick column types. */
export interface VersionedMigration {
  up(db: Kysely<unknown>, capabilities: StoreCapabilities): Promise<void>;
}
