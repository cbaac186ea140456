import { Option } from 'commander';
import { BULK_LIMITS, defaultDatabaseUrl, openStore } from '../store/index.js';
import type { Store } from '../store/index.js';

/** `--database <url>`, shared by every command that opens the store. */
export function databaseOption(): Option {
  return new Option('-d, --database <url>', 'database URL (postgres://… or sqlite:<file>)').default(
    undefined,
    'DATABASE_URL, else SQLite in ./data',
  );
}

/**
 * Opens the store a command was pointed at, runs `work`, and closes it. Commands work through whole
 * networks (import, demo, forecast, verify): their statements have no time limit, unlike a request's.
 */
export async function withStore<T>(url: string | undefined, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(url ?? defaultDatabaseUrl(), { limits: BULK_LIMITS });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
