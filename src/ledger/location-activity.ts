import { CUSTOMER } from '../catalog/index.js';
import type { Db } from '../store/index.js';

/**
 * The SKUs `locationId` has a stock record of (a balance, even of zero: something moved there once),
 * in SKU order.
 *
 * @example
 * const skus = await skusStockedAt(db, 'store-7'); // ['MUG', 'TEA']
 */
export async function skusStockedAt(db: Db, locationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('balances')
    .select('sku')
    .where('location_id', '=', locationId)
    .orderBy('sku')
    .execute();
  return rows.map((r) => r.sku);
}

/**
 * Units of each SKU that left `locationId` for the customer at or after `since` (ISO), by SKU: a SKU
 * not sold there meanwhile is missing.
 *
 * @example
 * const sold = await unitsSoldSince(db, 'store-7', '2026-01-01T00:00:00.000Z'); // Map { 'TEA' => 41 }
 */
export async function unitsSoldSince(db: Db, locationId: string, since: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('movements')
    .select((eb) => ['sku', eb.fn.sum<number>('quantity').as('units')])
    .where('from_location_id', '=', locationId)
    .where('to_location_id', '=', CUSTOMER)
    .where('occurred_at', '>=', since)
    .groupBy('sku')
    .execute();
  return new Map(rows.map((r) => [r.sku, Number(r.units)]));
}
