import type { Db, Store } from '../store/index.js';
import { toEvent } from './event.js';
import type { OmnistockEvent } from './event.js';

/** Events after `position`, in position order. */
export async function eventsAfter(store: Store, position: number, limit = 500): Promise<OmnistockEvent[]> {
  const rows = await store.db
    .selectFrom('events')
    .selectAll()
    .where('position', '>', position)
    .orderBy('position')
    .limit(limit)
    .execute();
  return rows.map(toEvent);
}

/** The position of the newest positioned event (0 when there is none). */
export async function latestPosition(db: Db): Promise<number> {
  const row = await db
    .selectFrom('events')
    .select((eb) => eb.fn.max<number | null>('position').as('last'))
    .executeTakeFirstOrThrow();
  return Number(row.last ?? 0);
}
