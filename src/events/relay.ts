import { newId, toIsoString } from '../store/index.js';
import type { Store } from '../store/index.js';
import { latestPosition } from './events.service.js';

/** An arbitrary constant naming the relay's lock on PostgreSQL. */
const RELAY_LOCK = 4_771_210_001;

/**
 * Moves committed events from the outbox into `events`, each with a position after all positions given
 * before, and queues their webhook deliveries. One relay runs at a time (a lock held until commit), so
 * positions grow in the order events became visible: a reader that has seen position p will never be
 * shown a new event below p. Positions may have gaps; nothing assumes they do not.
 *
 * Returns how many events were moved.
 */
export async function relayEvents(store: Store, batch = 1000): Promise<number> {
  const moved = await moveEvents(store, batch);
  // Readers of every process wake now instead of at their next poll.
  if (moved > 0) await store.signals.notify('events');
  return moved;
}

function moveEvents(store: Store, batch: number): Promise<number> {
  return store.transaction(async (trx) => {
    await store.capabilities.lockUntilCommit(trx, RELAY_LOCK);
    const pending = await trx.selectFrom('event_outbox').selectAll().orderBy('id').limit(batch).execute();
    if (pending.length === 0) return 0;
    const first = (await latestPosition(trx)) + 1;
    await trx
      .insertInto('events')
      .values(
        pending.map((event, i) => ({ ...event, recorded_at: toIsoString(event.recorded_at), position: first + i })),
      )
      .execute();
    await trx
      .deleteFrom('event_outbox')
      .where(
        'id',
        'in',
        pending.map((event) => event.id),
      )
      .execute();

    const hooks = (
      await trx.selectFrom('webhooks').select(['id', 'event_types']).where('deleted_at', 'is', null).execute()
    ).map((hook) => ({ id: hook.id, types: new Set(JSON.parse(hook.event_types) as string[]) }));
    const now = new Date().toISOString();
    const deliveries = pending.flatMap((event) =>
      hooks
        .filter((hook) => hook.types.has(event.type))
        .map((hook) => ({
          id: newId(),
          webhook_id: hook.id,
          event_id: event.id,
          status: 'pending',
          attempts: 0,
          next_attempt_at: now,
        })),
    );
    if (deliveries.length > 0) await trx.insertInto('webhook_deliveries').values(deliveries).execute();
    return pending.length;
  });
}
