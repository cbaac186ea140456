import { CUSTOMER, quarantineLocationId, requireSuppliers, SCRAP, SUPPLIER } from '../catalog/index.js';
import { DomainError, parseInput, validationFailed } from '../errors/index.js';
import { idempotent, openQuarantine, postMovements } from '../ledger/index.js';
import type { MovementDraft, Posting } from '../ledger/index.js';
import { toPage } from '../store/index.js';
import type { Page, Store } from '../store/index.js';
import type { InspectionOutcome, ReturnDisposition } from './customer-return.js';
import { newDocumentId, requireRealLocation } from './document.js';
import { listReturns, loadReturn } from './return.repository.js';
import { returnSummary } from './returns-summary.js';
import { InspectReturnLine, NewReturn, ReturnFilter } from './returns.schemas.js';
import type { CustomerReturn, ReturnSummaryRow } from './returns.schemas.js';

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
      const input = parseInput(ReturnFilter, raw);
      return toPage(await listReturns(db, input), input.limit, (r) => r.id);
    },

    summary: (raw = {}) => returnSummary(db, parseInput(ReturnFilter, raw)),
  };
}
