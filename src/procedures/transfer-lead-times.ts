import { DAY_MS } from '../calendar/index.js';
import { toIsoString } from '../store/index.js';
import type { Db } from '../store/index.js';

/** How long transfers on one lane took: from shipping to their last receipt. */
export interface LaneLeadTime {
  fromId: string;
  toId: string;
  /** Transfers measured. */
  transfers: number;
  meanDays: number;
  sdDays: number;
}

/** Only transfers of the last year say how a lane runs now. */
const LOOK_BACK_DAYS = 365;

/**
 * The days transfers took per lane (from → to), over the received transfers of the last year: the
 * mean and spread from shipping to the last receipt. Planning reads them as a store's lead time from
 * its DC.
 *
 * @example
 * const lanes = await transferLeadTimes(db);
 * lanes.find((l) => l.fromId === 'dc-north' && l.toId === 'store-007')?.meanDays; // 1.2
 */
export async function transferLeadTimes(db: Db, now = new Date()): Promise<LaneLeadTime[]> {
  const rows = await db
    .selectFrom('transfer_orders')
    .select(['from_id', 'to_id', 'shipped_at', 'completed_at'])
    .where('status', '=', 'received')
    .where('shipped_at', 'is not', null)
    .where('completed_at', 'is not', null)
    .where('shipped_at', '>=', new Date(now.getTime() - LOOK_BACK_DAYS * DAY_MS).toISOString())
    .execute();
  const lanes = new Map<string, { fromId: string; toId: string; days: number[] }>();
  for (const row of rows) {
    const days = (Date.parse(toIsoString(row.completed_at!)) - Date.parse(toIsoString(row.shipped_at!))) / DAY_MS;
    if (!(days >= 0)) continue;
    const key = `${row.from_id}\u0000${row.to_id}`;
    const lane = lanes.get(key) ?? { fromId: row.from_id, toId: row.to_id, days: [] };
    lane.days.push(days);
    lanes.set(key, lane);
  }
  return [...lanes.values()].map(({ fromId, toId, days }) => {
    const mean = days.reduce((a, b) => a + b, 0) / days.length;
    const sd = days.length > 1 ? Math.sqrt(days.reduce((a, d) => a + (d - mean) ** 2, 0) / (days.length - 1)) : 0;
    return { fromId, toId, transfers: days.length, meanDays: mean, sdDays: sd };
  });
}
