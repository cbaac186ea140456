import { latestRunRow, requireLatestRun } from './plans.repository.js';
import type { Db } from '../store/index.js';

/** A policy row as other tools read it: the levels a SKU holds at a location from a day on. */
export interface PolicyRow {
  locationId: string;
  sku: string;
  validFrom: string;
  validUntil: string;
  reorderPoint: number;
  orderUpTo: number;
  safetyStock: number;
}

const ROWS_PER_PAGE = 5_000;

/**
 * Every dated policy row of the latest plan, by location, SKU and day, a page at a time (keyset on the
 * primary key, so a network of millions of rows streams in constant memory). Before any plan it is
 * `not_found`: an empty file would read as "no location needs any stock".
 *
 * @example
 * for await (const page of latestPolicyRows(db)) page[0]; // { locationId: 'dc-1', sku: 'MUG', validFrom: '2026-12-08', reorderPoint: 14, … }
 */
export async function* latestPolicyRows(db: Db): AsyncGenerator<PolicyRow[]> {
  const run = await requireLatestRun(db);
  let after: { location: string; sku: string; from: string } | null = null;
  for (;;) {
    let query = db
      .selectFrom('stock_policies')
      .select(['location_id', 'sku', 'valid_from', 'valid_until', 'reorder_point', 'order_up_to', 'safety_stock'])
      .where('run_id', '=', run.id);
    const last: { location: string; sku: string; from: string } | null = after;
    if (last)
      query = query.where((eb) =>
        eb.or([
          eb('location_id', '>', last.location),
          eb.and([eb('location_id', '=', last.location), eb('sku', '>', last.sku)]),
          eb.and([eb('location_id', '=', last.location), eb('sku', '=', last.sku), eb('valid_from', '>', last.from)]),
        ]),
      );
    const rows = await query.orderBy('location_id').orderBy('sku').orderBy('valid_from').limit(ROWS_PER_PAGE).execute();
    if (rows.length === 0) return;
    yield rows.map((r) => ({
      locationId: r.location_id,
      sku: r.sku,
      validFrom: r.valid_from,
      validUntil: r.valid_until,
      reorderPoint: Number(r.reorder_point),
      orderUpTo: Number(r.order_up_to),
      safetyStock: r.safety_stock,
    }));
    const end = rows.at(-1)!;
    after = { location: end.location_id, sku: end.sku, from: end.valid_from };
    if (rows.length < ROWS_PER_PAGE) return;
  }
}

/**
 * The reorder point each SKU holds today at each location, from the latest plan's row that covers
 * today (its first row, when the plan starts tomorrow); null before any plan, or when the latest plan's
 * rows all lie in the past: an old plan's levels would pass for today's.
 *
 * @example
 * const points = await reorderPointsOn(db, '2026-12-08');
 * points?.get('store-1')?.get('TEA'); // 12
 */
export async function reorderPointsOn(
  db: Db,
  day: string,
): Promise<{ runId: string; perLocation: Map<string, Map<string, number>> } | null> {
  const run = await latestRunRow(db);
  if (!run) return null;
  const on = day < run.starts_on ? run.starts_on : day;
  const rows = await db
    .selectFrom('stock_policies')
    .select(['location_id', 'sku', 'reorder_point'])
    .where('run_id', '=', run.id)
    .where('valid_from', '<=', on)
    .where('valid_until', '>=', on)
    .execute();
  if (rows.length === 0) return null;
  const perLocation = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const at = perLocation.get(row.location_id) ?? new Map<string, number>();
    at.set(row.sku, Number(row.reorder_point));
    perLocation.set(row.location_id, at);
  }
  return { runId: run.id, perLocation };
}
