import { DomainError } from '../errors/index.js';
import { chunks, placeholderRows, ROWS_PER_STATEMENT, runStatement, toIsoString } from '../store/index.js';
import type { Db, StoreCapabilities } from '../store/index.js';
import { balanceKey, toBalance } from './balance.js';
import type { Balance } from './balance.js';

/** A change to one balance row, already summed over everything one transaction does to it. */
export interface BalanceChange {
  sku: string;
  locationId: string;
  onHand: number;
  reserved: number;
  /**
   * Whether the change must leave `available` (on hand − reserved) at or above zero. The check and
   * the write are one conditional UPDATE, so two transactions can never both take the last unit.
   */
  guarded: boolean;
  /** For a guarded change: the available units that must remain (a store's protected shelf); default 0. */
  keep?: number;
  /** When the latest of the movements behind the change occurred (ISO); none for a change of `reserved` alone. */
  latestAt?: string | undefined;
}

/** Keeps the later of the stored time and the change's (either may be missing). */
const laterOf = (stored: string, given: string) =>
  `case when ${given} is null then ${stored} when ${stored} is null or ${stored} < ${given} then ${given} else ${stored} end`;

/**
 * Applies balance changes: guarded ones (and those that lower `reserved`) as one conditional
 * UPDATE, the others as one multi-row upsert. Throws `insufficient_stock` (and the caller's transaction rolls back) if a guarded change
 * would take more than is available. Rows are written in (sku, location) order, the same in every
 * transaction, so that two batches touching the same rows wait for each other instead of deadlocking.
 *
 * Returns, by `balanceKey`, the time of the latest movement that ever touched each changed balance,
 * this write's included — read under the row's lock, so no other transaction can add a later one unseen.
 */
export async function applyBalanceChanges(
  trx: Db,
  capabilities: StoreCapabilities,
  changes: readonly BalanceChange[],
  now: string,
): Promise<Map<string, string>> {
  const latest = new Map<string, string>();
  const remember = (rows: readonly { sku: string; location_id: string; latest_at: Date | string | null }[]) => {
    for (const row of rows)
      if (row.latest_at !== null) latest.set(balanceKey(row.sku, row.location_id), toIsoString(row.latest_at));
  };
  const ordered = [...changes].sort((a, b) => (a.sku === b.sku ? cmp(a.locationId, b.locationId) : cmp(a.sku, b.sku)));
  // A change that lowers `reserved` must find its row (the reservation put it there), and a new row
  // with a negative `reserved` would break the table's check before ON CONFLICT could merge it.
  const updates = ordered.filter((c) => c.guarded || c.reserved < 0);
  const upserts = ordered.filter((c) => !c.guarded && c.reserved >= 0);

  for (const chunk of chunks(updates, ROWS_PER_STATEMENT)) {
    const q = capabilities.quantityType;
    const t = capabilities.timestampType;
    const values = placeholderRows(
      chunk.length,
      1,
      () => `(?, ?, cast(? as ${q}), cast(? as ${q}), cast(? as integer), cast(? as ${q}), cast(? as ${t}))`,
    );
    const { rows } = await runStatement<{ sku: string; location_id: string; latest_at: Date | string | null }>(
      trx,
      capabilities,
      `with v(v_sku, v_location_id, v_on_hand, v_reserved, v_guarded, v_keep, v_latest_at) as (values ${values})
       update balances
          set on_hand = on_hand + v_on_hand, reserved = reserved + v_reserved, updated_at = ?,
              latest_at = ${laterOf('latest_at', 'v_latest_at')}
         from v
        where sku = v_sku and location_id = v_location_id
          and (v_guarded = 0 or on_hand - reserved + v_on_hand - v_reserved >= v_keep)
       returning sku, location_id, latest_at`,
      [
        ...chunk.flatMap((c) => [
          c.sku,
          c.locationId,
          c.onHand,
          c.reserved,
          c.guarded ? 1 : 0,
          c.keep ?? 0,
          c.latestAt ?? null,
        ]),
        now,
      ],
    );
    remember(rows);
    if (rows.length < chunk.length) {
      const applied = new Set(rows.map((r) => balanceKey(r.sku, r.location_id)));
      const refused = chunk.find((c) => !applied.has(balanceKey(c.sku, c.locationId)));
      if (refused) throw await insufficientStock(trx, refused);
    }
  }

  for (const chunk of chunks(upserts, ROWS_PER_STATEMENT)) {
    const { rows } = await runStatement<{ sku: string; location_id: string; latest_at: Date | string | null }>(
      trx,
      capabilities,
      `insert into balances (sku, location_id, on_hand, reserved, updated_at, latest_at)
       values ${placeholderRows(chunk.length, 6)}
       on conflict (sku, location_id) do update
          set on_hand = balances.on_hand + excluded.on_hand,
              reserved = balances.reserved + excluded.reserved,
              updated_at = excluded.updated_at,
              latest_at = ${laterOf('balances.latest_at', 'excluded.latest_at')}
       returning sku, location_id, latest_at`,
      chunk.flatMap((c) => [c.sku, c.locationId, c.onHand, c.reserved, now, c.latestAt ?? null]),
    );
    remember(rows);
  }
  return latest;
}

async function insufficientStock(trx: Db, change: BalanceChange): Promise<DomainError> {
  const balance = await readBalance(trx, change.sku, change.locationId);
  const requested = change.reserved - change.onHand;
  return new DomainError(
    'insufficient_stock',
    `Only ${balance.available} of '${change.sku}' available at '${change.locationId}', ${requested} requested` +
      (balance.reserved > 0 ? ` (${balance.reserved} on hand are reserved)` : ''),
    {
      sku: change.sku,
      location: change.locationId,
      requested,
      available: balance.available,
      onHand: balance.onHand,
      reserved: balance.reserved,
    },
  );
}

/** The balance of one SKU at one location; zero if nothing ever moved there. */
export async function readBalance(db: Db, sku: string, locationId: string): Promise<Balance> {
  const row = await db
    .selectFrom('balances')
    .select(['sku', 'location_id', 'on_hand', 'reserved'])
    .where('sku', '=', sku)
    .where('location_id', '=', locationId)
    .executeTakeFirst();
  return toBalance(row ?? { sku, location_id: locationId, on_hand: 0, reserved: 0 });
}

/** The balances of many SKU × location pairs, by `balanceKey`; pairs that never moved are left out. */
export async function readBalances(
  db: Db,
  capabilities: StoreCapabilities,
  pairs: readonly { sku: string; locationId: string }[],
): Promise<Map<string, Balance>> {
  const found = new Map<string, Balance>();
  const unique = [...new Map(pairs.map((p) => [balanceKey(p.sku, p.locationId), p])).values()];
  for (const part of chunks(unique, ROWS_PER_STATEMENT)) {
    const { rows } = await runStatement<{ sku: string; location_id: string; on_hand: number; reserved: number }>(
      db,
      capabilities,
      `select sku, location_id, on_hand, reserved from balances
       where (sku, location_id) in (values ${placeholderRows(part.length, 2)})`,
      part.flatMap((p) => [p.sku, p.locationId]),
    );
    for (const row of rows) found.set(balanceKey(row.sku, row.location_id), toBalance(row));
  }
  return found;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
