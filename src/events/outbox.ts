import { newId, runStatement } from '../store/index.js';
import type { Db, StoreCapabilities } from '../store/index.js';
import type { NewEvent } from './event.js';

/**
 * Writes an event to the outbox inside the caller's transaction, so that it exists exactly when the
 * change it reports was committed: never lost, never invented.
 */
export async function recordEvent(trx: Db, capabilities: StoreCapabilities, event: NewEvent): Promise<void> {
  await runStatement(
    trx,
    capabilities,
    'insert into event_outbox (id, type, payload, recorded_at) values (?, ?, ?, ?)',
    [
      newId(),
      event.type,
      JSON.stringify({ locations: [...new Set(event.locations)], skus: [...new Set(event.skus)], data: event.data }),
      new Date().toISOString(),
    ],
  );
}
