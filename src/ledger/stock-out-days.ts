import { dayNumber, dayText } from '../calendar/index.js';
import { runStatement } from '../store/index.js';
import type { Store } from '../store/index.js';

/**
 * The days from `from` to `until` (YYYY-MM-DD, UTC) on which each SKU had nothing on hand at
 * `locationId` all day, as its ledger tells: the day began with nothing, and nothing came in or was
 * sold that day. Before a SKU's first movement there the ledger knows nothing of its stock, and says
 * no day. A forecast treats these days' zero sales as unknown demand, not as no demand.
 *
 * @example
 * const out = await stockOutDays(store, 'store-1', '2026-01-01', '2026-06-30'); // Map { 'TEA' => Set { '2026-06-17', … } }
 */
export async function stockOutDays(
  store: Store,
  locationId: string,
  from: string,
  until: string,
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
  const first = dayNumber(from);
  const last = dayNumber(until);
  const out = new Map<string, Set<string>>();
  const mark = (sku: string, n: number) => {
    if (n < first || n > last) return;
    const days = out.get(sku) ?? new Set<string>();
    days.add(dayText(n));
    out.set(sku, days);
  };
  const bySku = new Map<string, typeof rows>();
  for (const row of rows) {
    const days = bySku.get(row.sku);
    if (days) days.push(row);
    else bySku.set(row.sku, [row]);
  }
  for (const [sku, days] of bySku) {
    let onHand = 0;
    let previous: number | null = null;
    // Between two days with movements stock stands still: those days are out if it stood at nothing.
    const standing = (after: number, before: number) => {
      if (onHand <= 0) for (let n = Math.max(after + 1, first); n < before && n <= last; n++) mark(sku, n);
    };
    for (const row of days) {
      const n = dayNumber(row.day);
      if (previous !== null) {
        standing(previous, n);
        if (onHand <= 0 && Number(row.inbound) === 0 && Number(row.sold) === 0) mark(sku, n);
      }
      onHand += Number(row.net);
      previous = n;
    }
    if (previous !== null) standing(previous, last + 1);
  }
  return out;
}
