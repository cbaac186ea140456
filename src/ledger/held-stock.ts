import { locationOfQuarantine, transferOfTransit, transitLocationId } from '../catalog/index.js';
import type { LocationFacts } from '../catalog/index.js';
import { DomainError } from '../errors/index.js';
import { placeholderRows, runStatement } from '../store/index.js';
import type { Db, StoreCapabilities } from '../store/index.js';
import type { Movement } from './ledger.schemas.js';

/**
 * Who may move stock that a document holds — a transfer's `transit:<id>`, a location's
 * `quarantine:<id>` — in a write:
 *
 * - `{ procedureOf }`: a posting made now. Only the document's own procedure names the held
 *   locations it moves (a transfer's shipping and receipt, a return's intake and inspection); any
 *   other posting that touches a transit or a quarantine is refused.
 * - `'history'`: imported movements (an admin loading another system's ledger). They may write
 *   transits and quarantines, as long as no document is broken: never the transit of a transfer order,
 *   and never so that a quarantine holds fewer units than its open returns await.
 */
export type HeldStockAccess = { procedureOf: readonly string[] } | 'history';

const isHeld = (location: LocationFacts) => location.kind === 'transit' || location.kind === 'quarantine';

/**
 * Before anything is written: throws `held_by_document`, naming the procedure to use, for a movement
 * that touches a held location it may not.
 */
export async function checkHeldStock(
  trx: Db,
  capabilities: StoreCapabilities,
  movements: readonly Movement[],
  locations: ReadonlyMap<string, LocationFacts>,
  access: HeldStockAccess,
): Promise<void> {
  const held = [
    ...new Set(movements.flatMap((m) => [m.fromLocationId, m.toLocationId]).filter((id) => isHeld(locations.get(id)!))),
  ];
  if (held.length === 0) return;
  if (access !== 'history') {
    const outside = held.find((id) => !access.procedureOf.includes(id));
    if (outside !== undefined) throw await heldByDocument(trx, capabilities, outside);
    return;
  }
  const transfers = held.flatMap((id) => transferOfTransit(id) ?? []);
  const [documented] = await transferOrdersAmong(trx, capabilities, transfers);
  if (documented !== undefined) throw await heldByDocument(trx, capabilities, transitLocationId(documented));
}

/**
 * After imported history changed the balances: throws `held_by_document` if a quarantine it took
 * units out of now holds fewer than its open returns await (their inspection would find them gone).
 */
export async function checkQuarantinesCovered(
  trx: Db,
  capabilities: StoreCapabilities,
  movements: readonly Movement[],
): Promise<void> {
  const pairs = new Map<string, { sku: string; quarantine: string; location: string }>();
  for (const m of movements) {
    const location = locationOfQuarantine(m.fromLocationId);
    if (location !== null)
      pairs.set(`${m.sku}\u0000${m.fromLocationId}`, { sku: m.sku, quarantine: m.fromLocationId, location });
  }
  if (pairs.size === 0) return;
  const list = [...pairs.values()];
  const { rows } = await runStatement<{ sku: string; quarantine: string; on_hand: number; awaited: number }>(
    trx,
    capabilities,
    `with p(sku, quarantine, location_id) as (values ${placeholderRows(list.length, 3)})
     select p.sku, p.quarantine,
            coalesce((select b.on_hand from balances b where b.sku = p.sku and b.location_id = p.quarantine), 0) as on_hand,
            coalesce((select sum(l.quantity) from return_lines l join returns r on r.id = l.return_id
                       where r.location_id = p.location_id and l.sku = p.sku
                         and l.disposition = 'quarantine' and l.outcome is null), 0) as awaited
       from p`,
    list.flatMap((p) => [p.sku, p.quarantine, p.location]),
  );
  const short = rows.find((r) => Number(r.on_hand) < Number(r.awaited));
  if (short) throw await heldByDocument(trx, capabilities, short.quarantine, short.sku);
}

/** The ids among `transferIds` that are transfer orders (documents), not lightweight ledger transfers. */
export async function transferOrdersAmong(
  trx: Db,
  capabilities: StoreCapabilities,
  transferIds: readonly string[],
): Promise<string[]> {
  const ids = [...new Set(transferIds)];
  if (ids.length === 0) return [];
  const { rows } = await runStatement<{ id: string }>(
    trx,
    capabilities,
    `select id from transfer_orders where id in (${placeholderRows(1, ids.length, (marks) => marks)}) order by id`,
    ids,
  );
  return rows.map((r) => r.id);
}

/**
 * The `held_by_document` error for `locationId`, saying which document holds its stock and which
 * procedure moves it.
 */
export async function heldByDocument(
  trx: Db,
  capabilities: StoreCapabilities,
  locationId: string,
  sku?: string,
): Promise<DomainError> {
  const transferId = transferOfTransit(locationId);
  if (transferId !== null) {
    if ((await transferOrdersAmong(trx, capabilities, [transferId])).length > 0)
      return new DomainError(
        'held_by_document',
        `The stock in '${locationId}' belongs to transfer order '${transferId}' and moves only through it: ` +
          `ship it with POST /api/v1/transfer-orders/${transferId}/ship, receive it or write off a shortfall with ` +
          `POST /api/v1/transfer-orders/${transferId}/receive`,
        { location: locationId, document: 'transfer_order', documentId: transferId },
      );
    return new DomainError(
      'held_by_document',
      `The stock in '${locationId}' belongs to transfer '${transferId}' and moves only through it: ` +
        `ship more with POST /api/v1/transfers/ship, receive it or write off a shortfall with POST /api/v1/transfers/receive ` +
        `(transferId '${transferId}')`,
      { location: locationId, document: 'transfer', documentId: transferId },
    );
  }
  const location = locationOfQuarantine(locationId) ?? locationId;
  const { rows } = await runStatement<{ id: string }>(
    trx,
    capabilities,
    `select distinct r.id from returns r join return_lines l on l.return_id = r.id
      where r.location_id = ? and l.disposition = 'quarantine' and l.outcome is null${sku ? ' and l.sku = ?' : ''}
      order by r.id limit 5`,
    sku ? [location, sku] : [location],
  );
  const returns = rows.map((r) => r.id);
  return new DomainError(
    'held_by_document',
    `The stock in '${locationId}' is held by customer returns awaiting inspection` +
      (returns.length > 0 ? ` (${returns.join(', ')})` : '') +
      ' and moves only through them: take returns into quarantine with POST /api/v1/returns, and settle each ' +
      'quarantined line with POST /api/v1/returns/{id}/lines/{sku}/inspect',
    { location: locationId, document: 'customer_return', documentIds: returns, ...(sku ? { sku } : {}) },
  );
}
