import type { Db } from '../store/index.js';
import { toBalance } from './balance.js';

/**
 * What may still be promised of each SKU among `skus`, by location: `available` (on hand less
 * reserved) per SKU. A location that never held one of them has no entry for it.
 *
 * @example
 * const available = await availableStock(db, ['TEA-1']);
 * available.get('store-3')?.['TEA-1']; // 7
 */
export async function availableStock(db: Db, skus: readonly string[]): Promise<Map<string, Record<string, number>>> {
  const byLocation = new Map<string, Record<string, number>>();
  if (skus.length === 0) return byLocation;
  const rows = await db
    .selectFrom('balances')
    .select(['sku', 'location_id', 'on_hand', 'reserved'])
    .where('sku', 'in', [...skus])
    .execute();
  for (const row of rows) {
    const balance = toBalance({ ...row, on_hand: Number(row.on_hand), reserved: Number(row.reserved) });
    const at = byLocation.get(balance.locationId) ?? {};
    at[balance.sku] = balance.available;
    byLocation.set(balance.locationId, at);
  }
  return byLocation;
}
