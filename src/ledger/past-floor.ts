import { hasStockFloor } from '../catalog/index.js';
import type { LocationFacts } from '../catalog/index.js';
import { DomainError } from '../errors/index.js';
import { chunks, placeholderRows, ROWS_PER_STATEMENT, runStatement } from '../store/index.js';
import type { Db, StoreCapabilities } from '../store/index.js';
import { LATEST } from '../input/index.js';
import { balanceKey } from './balance.js';
import type { Movement } from './ledger.schemas.js';

/**
 * Checks, after the movements and their balances are written, that no location with a stock floor
 * went below it at any time from the movements' date on: a movement dated in the past changes every
 * as-of balance after it, not only today's (a sale dated 2020, before the first receipt, would show
 * −5 on hand for 2020 although today's balance is fine). Throws `insufficient_stock` naming the time.
 *
 * For each SKU × floored location the write takes units from, the lowest as-of balance from its
 * earliest outflow on is today's balance less the most that later movements brought in: one grouped
 * statement over the movements dated after it, read through the (location, sku, occurred_at)
 * indexes. Only balances that a movement dated after the outflow ever touched need it (`latest`, the
 * balances' latest movement times, says which): for a posting dated now there is none, and nothing is read.
 */
export async function checkPastFloors(
  trx: Db,
  capabilities: StoreCapabilities,
  movements: readonly Movement[],
  locations: ReadonlyMap<string, LocationFacts>,
  latest: ReadonlyMap<string, string>,
): Promise<void> {
  const pairs = new Map<string, { sku: string; locationId: string; since: string; net: number; times: Set<string> }>();
  const touch = (m: Movement, locationId: string, change: number) => {
    const key = balanceKey(m.sku, locationId);
    const pair = pairs.get(key) ?? { sku: m.sku, locationId, since: '', net: 0, times: new Set<string>() };
    const at = new Date(m.occurredAt).toISOString();
    pair.net += change;
    pair.times.add(at);
    if (change < 0 && (pair.since === '' || at < pair.since)) pair.since = at;
    pairs.set(key, pair);
  };
  for (const m of movements) {
    if (hasStockFloor(locations.get(m.fromLocationId)!)) touch(m, m.fromLocationId, -m.quantity);
    if (hasStockFloor(locations.get(m.toLocationId)!)) touch(m, m.toLocationId, m.quantity);
  }
  // A write dated at one instant lowers the balances after it only where it takes more than it brings;
  // and only a balance touched later than the outflow can have been lower after it than it is now.
  const lowered = [...pairs.values()].filter(
    (p) =>
      p.since !== '' &&
      (p.net < 0 || p.times.size > 1) &&
      // A balance whose latest time is not known is checked.
      (latest.get(balanceKey(p.sku, p.locationId)) ?? LATEST) > p.since,
  );
  const cast = `cast(? as ${capabilities.timestampType})`;
  for (const part of chunks(lowered, ROWS_PER_STATEMENT)) {
    // `later` is what the movements dated at or after each time bring in: the as-of balance just
    // before that time is today's balance less it. The lowest point is the largest `later`.
    const { rows } = await runStatement<{ sku: string; location_id: string; at: Date | string; lowest: number }>(
      trx,
      capabilities,
      `with p(p_sku, p_location, p_since) as (values ${placeholderRows(part.length, 1, () => `(?, ?, ${cast})`)}),
       flows as (
         select p.p_sku as sku, p.p_location as location_id, m.occurred_at as at, m.quantity as quantity
           from p join movements m on m.to_location_id = p.p_location and m.sku = p.p_sku and m.occurred_at > p.p_since
         union all
         select p.p_sku, p.p_location, m.occurred_at, -m.quantity
           from p join movements m on m.from_location_id = p.p_location and m.sku = p.p_sku and m.occurred_at > p.p_since
       ),
       later as (
         select sku, location_id, at, sum(quantity) over (partition by sku, location_id order by at desc) as later
           from flows
       )
       select l.sku, l.location_id, l.at, b.on_hand - l.later as lowest
         from later l join balances b on b.sku = l.sku and b.location_id = l.location_id
        where b.on_hand - l.later < 0
        order by b.on_hand - l.later, l.at
        limit 1`,
      part.flatMap((p) => [p.sku, p.locationId, p.since]),
    );
    const [breach] = rows;
    if (!breach) continue;
    const since = pairs.get(balanceKey(breach.sku, breach.location_id))!.since;
    const until = new Date(breach.at).toISOString();
    const lowest = Number(breach.lowest);
    throw new DomainError(
      'insufficient_stock',
      `Posting dated ${since} would leave ${lowest} of '${breach.sku}' at '${breach.location_id}' before ${until}: ` +
        'stock that arrived later cannot leave earlier. Date the movement after the stock arrived.',
      { sku: breach.sku, location: breach.location_id, occurredAt: since, until, onHand: lowest },
    );
  }
}
