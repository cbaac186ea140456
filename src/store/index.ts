export type { StoreCapabilities } from './capabilities.js';
export { newId } from './ids.js';
export { migrateToLatest } from './migrations/index.js';
export type { Database } from './schema.js';
export { placeholderRows, runStatement } from './statements.js';
export { defaultDatabaseUrl, dropSchema, isPostgresUrl, openStore } from './store.js';
export type { Db, OpenStoreOptions, Store, Trx } from './store.js';
export { toIsoString } from './time.js';
