import { CUSTOMER } from '../catalog/index.js';
import { runStatement } from '../store/index.js';
import type { Store } from '../store/index.js';

/** Units sold to and returned by customers at one location, for one SKU, on one UTC day. */
export interface DailySales {
  sku: string;
  locationId: string;
  /** YYYY-MM-DD, UTC. */
  day: string;
  sold: number;
  returned: number;
  /** Imported as a day without stock of the SKU there: its sales say nothing of demand. */
  stockedOut: boolean;
}

/**
 * A location's daily sales, by SKU and day: what its ledger says (sales and shipments to customers,
 * and customer returns) and, for days imported as sales history (from before the ledger began, or
 * from another system), the imported figures instead. An imported day replaces the ledger's, so that
 * importing an exported history never counts a day twice.
 *
 * @example
 * const days = await dailySalesAt(store, 'store-001'); // [{ sku: 'BEV-0001', day: '2026-03-01', sold: 14, returned: 0 }, …]
 */
export async function dailySalesAt(store: Store, locationId: string): Promise<DailySales[]> {
  const day = store.capabilities.utcDay('occurred_at');
  const [ledger, imported] = await Promise.all([
    runStatement<{ sku: string; day: string; sold: number; returned: number }>(
      store.db,
      store.capabilities,
      `select sku, day, sum(sold) as sold, sum(returned) as returned from (
         select sku, ${day} as day, quantity as sold, 0 as returned from movements
          where from_location_id = ? and to_location_id = ? and kind in ('sell', 'ship')
         union all
         select sku, ${day} as day, 0 as sold, quantity as returned from movements
          where to_location_id = ? and from_location_id = ? and kind = 'return'
       ) sales group by sku, day`,
      [locationId, CUSTOMER, locationId, CUSTOMER],
    ),
    store.db
      .selectFrom('sales_history')
      .select(['sku', 'day', 'sold', 'returned', 'stocked_out'])
      .where('location_id', '=', locationId)
      .execute(),
  ]);
  const byKey = new Map<string, DailySales>();
  // Imported days come second, so they replace the ledger's.
  for (const row of [...ledger.rows.map((r) => ({ ...r, stocked_out: 0 })), ...imported])
    byKey.set(`${row.sku}\u0000${row.day}`, {
      sku: row.sku,
      locationId,
      day: row.day,
      sold: Number(row.sold),
      returned: Number(row.returned),
      stockedOut: Number(row.stocked_out) === 1,
    });
  return [...byKey.values()].sort((a, b) => (a.sku === b.sku ? cmp(a.day, b.day) : cmp(a.sku, b.sku)));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
