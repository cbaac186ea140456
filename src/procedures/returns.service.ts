import { CUSTOMER, quarantineLocationId, SCRAP, SUPPLIER } from '../catalog/index.js';
import { DomainError, parseInput, validationFailed } from '../errors/index.js';
import { idempotent, openQuarantine, postMovements } from '../ledger/index.js';
import type { MovementDraft, Posting } from '../ledger/index.js';
import type { Selectable } from 'kysely';
import { toIsoString, toIsoStringOrNull, toPage } from '../store/index.js';
import type { Db, Page, Store } from '../store/index.js';
import type { ReturnTable } from '../store/schema.js';
import type {
  CustomerReturn,
  InspectionOutcome,
  ReturnDisposition,
  ReturnReason,
  ReturnStatus,
  ReturnSummaryRow,
} from './customer-return.js';
import { byDocument, newDocumentId, requireRealLocation, requireSuppliers } from './document.js';
import { InspectReturnLine, NewReturn, ReturnFilter } from './procedures.schemas.js';

export interface Returns {
  /** Takes a customer return in: each line restocked, quarantined, scrapped or sent back to its supplier. */
  receive(input: NewReturn): Promise<{ return: CustomerReturn; posting: Posting }>;
  /** Settles a quarantined line after inspection. Once. */
  inspect(id: string, sku: string, input: InspectReturnLine): Promise<{ return: CustomerReturn; posting: Posting }>;
  get(id: string): Promise<CustomerReturn>;
  list(filter?: ReturnFilter): Promise<Page<CustomerReturn>>;
  /** Returned units per location, SKU and reason in the filter's window, by what became of them. */
  summary(filter?: ReturnFilter): Promise<ReturnSummaryRow[]>;
}

async function loadReturn(db: Db, id: string): Promise<CustomerReturn> {
  const row = await db.selectFrom('returns').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('not_found', `Return '${id}' does not exist`, { id });
  const [loaded] = await withLines(db, [row]);
  return loaded!;
}

/** Returns from their rows, in the same order, with the lines of all of them read in one query. */
async function withLines(db: Db, rows: readonly Selectable<ReturnTable>[]): Promise<CustomerReturn[]> {
  if (rows.length === 0) return [];
  const lines = await db
    .selectFrom('return_lines')
    .selectAll()
    .where(
      'return_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('return_id')
    .orderBy('line')
    .execute();
  const linesOf = byDocument(lines, (l) => l.return_id);
  return rows.map((row) => ({
    id: row.id,
    locationId: row.location_id,
    status: row.status as ReturnStatus,
    reason: row.reason as ReturnReason,
    note: row.note,
    reference: row.reference,
    createdBy: row.created_by,
    receivedAt: toIsoString(row.received_at),
    closedAt: toIsoStringOrNull(row.closed_at),
    lines: (linesOf.get(row.id) ?? []).map((l) => ({
      sku: l.sku,
      quantity: Number(l.quantity),
      disposition: l.disposition as ReturnDisposition,
      supplierId: l.supplier_id,
      purchaseOrderId: l.purchase_order_id,
      outcome: l.outcome as InspectionOutcome | null,
      resolvedAt: toIsoStringOrNull(l.resolved_at),
    })),
  }));
}

/**
 * Customer returns (reverse logistics). Every unit comes back from the customer into the location or
 * its quarantine, and from there, in the same posting, wherever its disposition sends it.
 *
 * @example
 * const returns = createReturns(store);
 * await returns.receive({ location: 'store-007', reason: 'defective', lines: [{ sku: 'KET-1', quantity: 1, disposition: 'quarantine' }], actor: 'mia' });
 */
export function createReturns(store: Store): Returns {
  const { db, capabilities } = store;

  /** The movements that send units now at `from` where an outcome says. */
  const onward = (
    outcome: InspectionOutcome | ReturnDisposition,
    sku: string,
    quantity: number,
    from: string,
    to: string,
    why: string,
    vendor: string | null,
  ): MovementDraft[] => {
    if (outcome === 'scrap') return [{ sku, quantity, kind: 'scrap', from, to: SCRAP, reason: why }];
    if (outcome === 'return_to_vendor')
      return [{ sku, quantity, kind: 'return_to_vendor', from, to: SUPPLIER, reason: why, reference: vendor }];
    if (outcome === 'restock' && from !== to) return [{ sku, quantity, kind: 'release', from, to }];
    return [];
  };

  function filtered(filter: ReturnFilter) {
    const input = parseInput(ReturnFilter, filter);
    let query = db.selectFrom('returns as r');
    if (input.location) query = query.where('r.location_id', '=', input.location);
    if (input.reason) query = query.where('r.reason', '=', input.reason);
    if (input.from) query = query.where('r.received_at', '>=', new Date(input.from).toISOString());
    if (input.until) query = query.where('r.received_at', '<', new Date(input.until).toISOString());
    return { input, query };
  }

  return {
    async receive(raw) {
      const input = parseInput(NewReturn, raw);
      const occurredAt = input.occurredAt ? new Date(input.occurredAt).toISOString() : new Date().toISOString();
      return store.transaction((trx) =>
        idempotent(trx, input.idempotencyKey, 'return.receive', input, async () => {
          await requireRealLocation(
            trx,
            capabilities,
            [{ path: 'location', id: input.location }],
            input.lines.map((l) => l.sku),
            'returns come back to a real location',
          );
          await requireSuppliers(
            trx,
            input.lines.flatMap((l) => (l.supplier ? [l.supplier] : [])),
          );
          const id = newDocumentId('R');
          const quarantined = input.lines.some((l) => l.disposition === 'quarantine');
          const quarantine = quarantined ? await openQuarantine(trx, input.location) : null;
          const why = `customer return ${id}: ${input.reason}`;
          const drafts = input.lines.flatMap((l): MovementDraft[] => {
            const into = l.disposition === 'quarantine' ? quarantine! : input.location;
            return [
              { sku: l.sku, quantity: l.quantity, kind: 'return', from: CUSTOMER, to: into, reason: input.reason },
              ...onward(
                l.disposition,
                l.sku,
                l.quantity,
                into,
                input.location,
                why,
                l.purchaseOrder ?? l.supplier ?? null,
              ),
            ];
          });
          const posting = await postMovements(trx, capabilities, {
            document: { type: 'customer_return', id },
            movements: drafts.map((d) => ({ ...d, reference: d.reference ?? input.reference ?? id })),
            actor: input.actor,
            occurredAt,
            procedureOf: quarantine ? [quarantine] : [],
          });
          await trx
            .insertInto('returns')
            .values({
              id,
              location_id: input.location,
              status: quarantined ? 'inspecting' : 'closed',
              reason: input.reason,
              note: input.note ?? null,
              reference: input.reference ?? null,
              created_by: input.actor,
              received_at: occurredAt,
              closed_at: quarantined ? null : occurredAt,
            })
            .execute();
          await trx
            .insertInto('return_lines')
            .values(
              input.lines.map((l, line) => ({
                return_id: id,
                line,
                sku: l.sku,
                quantity: l.quantity,
                disposition: l.disposition,
                supplier_id: l.supplier ?? null,
                purchase_order_id: l.purchaseOrder ?? null,
              })),
            )
            .execute();
          return { return: await loadReturn(trx, id), posting };
        }),
      );
    },

    async inspect(id, sku, raw) {
      const input = parseInput(InspectReturnLine, raw);
      return store.transaction(async (trx) => {
        const current = await loadReturn(trx, id);
        const line = current.lines.find((l) => l.sku === sku);
        if (!line) throw validationFailed([{ path: 'sku', message: `${sku} is not on return ${id}` }]);
        if (line.disposition !== 'quarantine')
          throw new DomainError(
            'illegal_transition',
            `${sku} on return ${id} was ${line.disposition}ed, not quarantined`,
            {
              id,
              sku,
              disposition: line.disposition,
            },
          );
        const now = new Date().toISOString();
        // The claim: only one inspection of a line can find it unsettled.
        const claimed = await trx
          .updateTable('return_lines')
          .set({ outcome: input.outcome, resolved_at: now, supplier_id: input.supplier ?? line.supplierId })
          .where('return_id', '=', id)
          .where('sku', '=', sku)
          .where('outcome', 'is', null)
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1)
          throw new DomainError(
            'illegal_transition',
            `${sku} on return ${id} was already inspected (${line.outcome})`,
            {
              id,
              sku,
              outcome: line.outcome,
            },
          );
        await requireSuppliers(trx, input.supplier ? [input.supplier] : []);
        const quarantine = quarantineLocationId(current.locationId);
        const drafts = onward(
          input.outcome,
          sku,
          line.quantity,
          quarantine,
          current.locationId,
          `inspected return ${id}`,
          input.purchaseOrder ?? input.supplier ?? null,
        );
        const posting = await postMovements(trx, capabilities, {
          document: { type: 'customer_return', id },
          movements: drafts.map((d) => ({ ...d, reference: d.reference ?? current.reference ?? id })),
          actor: input.actor,
          occurredAt: now,
          procedureOf: [quarantine],
        });
        const pending = await trx
          .selectFrom('return_lines')
          .select('sku')
          .where('return_id', '=', id)
          .where('disposition', '=', 'quarantine')
          .where('outcome', 'is', null)
          .executeTakeFirst();
        if (!pending)
          await trx.updateTable('returns').set({ status: 'closed', closed_at: now }).where('id', '=', id).execute();
        return { return: await loadReturn(trx, id), posting };
      });
    },

    get: (id) => loadReturn(db, id),

    async list(raw = {}) {
      const { input, query } = filtered(raw);
      let page = query
        .selectAll('r')
        .orderBy('r.id')
        .limit(input.limit + 1);
      if (input.sku) {
        const sku = input.sku;
        page = page.where((eb) =>
          eb.exists(
            eb
              .selectFrom('return_lines as l')
              .select('l.sku')
              .whereRef('l.return_id', '=', 'r.id')
              .where('l.sku', '=', sku),
          ),
        );
      }
      if (input.after) page = page.where('r.id', '>', input.after);
      return toPage(await withLines(db, await page.execute()), input.limit, (r) => r.id);
    },

    async summary(raw = {}) {
      const { input, query } = filtered(raw);
      let lines = query
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
    },
  };
}
