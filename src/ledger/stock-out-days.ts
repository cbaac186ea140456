import { dayNumber, dayText } from '../calendar/index.js';
import { runStatement } from '../store/index.js';
import type { Store } from '../store/index.js';

/**
 * The days from `from` to `until` (YYYY-MM-DD, UTC) on which each SKU had nothing on hand at
 * `locationId` all day, as its ledger tells: the day began with nothing, and nothing came in or was
 * sold that day. Before a SKU's first movement there the ledger knows nothing of its stock, and says
 * no day, nor where its balance ever went below zero (books that run negative say nothing of the
 * shelf). Stretches longer than `longest` days are not said: a product not carried there is not out
 * of stock. A forecast treats these days' zero sales as unknown demand, not as no demand.
 *
 * @example
 * const out = await stockOutDays(store, 'store-1', { from: '2026-01-01', until: '2026-06-30', longest: 56 });
 * // Map { 'TEA' => Set { '2026-06-17', … } }
 */
export async function stockOutDays(
  store: Store,
  locationId: string,
  range: { from: string; until: string; longest: number },
): Promise<Map<string, Set<string>>> {
  const day = store.capabilities.utcDay('occurred_at');
  const { rows } = await runStatement<{ sku: string; day: string; net: number; inbound: number; sold: number }>(
    store.db,
    store.capabilities,
    `select sku, day, sum(net) as net, sum(inbound) as inbound, sum(sold) as sold from (
       select sku, ${day} as day, quantity as net, 1 as inbound, 0 as sold from movements where to_location_id = ?
       union all
       select sku, ${day} as day, -quantity as net, 0 as inbound,
              case when kind in ('sell', 'ship') then quantity else 0 end as sold
         from movements where from_location_id = ?
     ) changes group by sku, day order by sku, day`,
    [locationId, locationId],
  );
  const first = dayNumber(range.from);
  const last = dayNumber(range.until);
  const out = new Map<string, Set<string>>();
  const bySku = new Map<string, typeof rows>();
  for (const row of rows) {
    const days = bySku.get(row.sku);
    if (days) days.push(row);
    else bySku.set(row.sku, [row]);
  }
  for (const [sku, days] of bySku) {
    // Where the books went below zero (a location that may, with sales posted and receipts not), a
    // balance of nothing says nothing of the shelf: none of that SKU's days are said.
    if (negativeAnywhere(days)) continue;
    // Days out of stock come in stretches, kept whole until they end: a stretch longer than `longest`
    // (counted over all of it, also before `from`) is a product not carried, and none of it is said.
    let stretch: { start: number; end: number } | null = null;
    const close = () => {
      if (stretch && stretch.end - stretch.start + 1 <= range.longest)
        for (let n = Math.max(stretch.start, first); n <= Math.min(stretch.end, last); n++) {
          const said = out.get(sku) ?? new Set<string>();
          said.add(dayText(n));
          out.set(sku, said);
        }
      stretch = null;
    };
    const outOfStock = (start: number, end: number) => {
      if (start > end) return;
      if (stretch && start === stretch.end + 1) stretch.end = end;
      else {
        close();
        stretch = { start, end };
      }
    };
    let onHand = 0;
    let previous: number | null = null;
    for (const row of days) {
      const n = dayNumber(row.day);
      if (n > last) break;
      if (previous !== null) {
        // Between two days with movements stock stands still: those days are out if it stood at nothing.
        if (onHand === 0) outOfStock(previous + 1, n - 1);
        if (onHand === 0 && Number(row.inbound) === 0 && Number(row.sold) === 0) outOfStock(n, n);
        else close();
      }
      onHand += Number(row.net);
      previous = n;
    }
    if (previous !== null && onHand === 0) outOfStock(previous + 1, last);
    close();
  }
  return out;
}

/** Whether the running balance of a SKU's days (in day order) ever goes below zero. */
function negativeAnywhere(days: readonly { net: number }[]): boolean {
  let onHand = 0;
  for (const day of days) {
    onHand += Number(day.net);
    if (onHand < 0) return true;
  }
  return false;
}
