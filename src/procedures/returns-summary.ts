import type { Db } from '../store/index.js';
import type { ReturnReason } from './customer-return.js';
import { returnsWithin } from './return.repository.js';
import type { ReturnFilter, ReturnSummaryRow } from './returns.schemas.js';

/**
 * Returned units per location, SKU and reason among the returns the filter (already parsed)
 * selects, by what became of them: restocked, still quarantined, scrapped or sent back to the
 * supplier. One query.
 *
 * @example
 * const rows = await returnSummary(db, parseInput(ReturnFilter, { location: 'store-7' }));
 */
export async function returnSummary(db: Db, input: ReturnType<typeof ReturnFilter.parse>): Promise<ReturnSummaryRow[]> {
  let lines = returnsWithin(db, input)
    .innerJoin('return_lines as l', 'l.return_id', 'r.id')
    .select(['r.location_id', 'l.sku', 'r.reason', 'l.disposition', 'l.outcome', 'l.quantity']);
  if (input.sku) lines = lines.where('l.sku', '=', input.sku);
  const rows = new Map<string, ReturnSummaryRow>();
  for (const l of await lines.execute()) {
    const key = `${l.location_id}\u0000${l.sku}\u0000${l.reason}`;
    const row = rows.get(key) ?? {
      locationId: l.location_id,
      sku: l.sku,
      reason: l.reason as ReturnReason,
      quantity: 0,
      restocked: 0,
      quarantined: 0,
      scrapped: 0,
      returnedToVendor: 0,
    };
    const quantity = Number(l.quantity);
    const fate = l.disposition === 'quarantine' ? (l.outcome ?? 'quarantine') : l.disposition;
    row.quantity += quantity;
    if (fate === 'restock') row.restocked += quantity;
    else if (fate === 'quarantine') row.quarantined += quantity;
    else if (fate === 'scrap') row.scrapped += quantity;
    else row.returnedToVendor += quantity;
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) =>
    a.locationId !== b.locationId
      ? a.locationId < b.locationId
        ? -1
        : 1
      : a.sku < b.sku
        ? -1
        : a.sku > b.sku
          ? 1
          : a.reason < b.reason
            ? -1
            : 1,
  );
}
