import { productFacts, requireSuppliers, supplierTerms } from '../catalog/index.js';
import { DomainError, parseInput, validationFailed } from '../errors/index.js';
import type { Db, Store } from '../store/index.js';
import { DAY_MS } from '../calendar/index.js';
import { newDocumentId, requireRealLocation, storedTime, transition } from './document.js';
import { OPEN_PURCHASE_ORDER_STATUSES } from './purchase-order.js';
import { loadPurchaseOrder, recordDiscrepancies } from './purchase-order.repository.js';
import { CancelPurchaseOrder, ClosePurchaseOrder, NewPurchaseOrder } from './purchase-orders.schemas.js';
import type { PurchaseOrders } from './purchase-orders.service.js';

/**
 * The lead time to expect for an order: the longest of its items' own with the supplier, else the
 * supplier's.
 */
async function leadTimeDays(trx: Db, supplierId: string, skus: readonly string[]): Promise<number> {
  const supplier = (await requireSuppliers(trx, [supplierId])).get(supplierId)!;
  const items = await supplierTerms(trx, supplierId, skus);
  return Math.max(supplier.leadTimeDays, ...[...items.values()].map((i) => i.leadTimeDays ?? 0));
}

/**
 * Each line's unit cost: as given, else the supplier's cost for the SKU (its terms), else the
 * product's cost. A line with none of them is refused, named by its path: an order whose value
 * is unknown cannot be approved or compared.
 */
async function unitCosts(trx: Db, input: ReturnType<typeof NewPurchaseOrder.parse>): Promise<number[]> {
  const unpriced = input.lines.filter((l) => l.unitCost === undefined).map((l) => l.sku);
  const [terms, products] =
    unpriced.length === 0
      ? [new Map(), new Map()]
      : await Promise.all([supplierTerms(trx, input.supplier, unpriced), productFacts(trx, unpriced)]);
  // A product's cost of 0 is the catalog's default: no cost is known.
  const productCost = (sku: string) => {
    const cost = products.get(sku)?.unitCost ?? 0;
    return cost > 0 ? cost : undefined;
  };
  const costs = input.lines.map((l) => l.unitCost ?? terms.get(l.sku)?.unitCost ?? productCost(l.sku));
  const missing = input.lines.flatMap((l, i) =>
    costs[i] === undefined
      ? [
          {
            path: `lines.${i}.unitCost`,
            message: `give a unit cost for ${l.sku}: supplier '${input.supplier}' has none for it, nor has the catalog`,
          },
        ]
      : [],
  );
  if (missing.length > 0)
    throw new DomainError(
      'no_unit_cost',
      `No unit cost for ${missing.map((m) => m.path).join(', ')}: give one, or record the supplier's cost for the SKU`,
      { issues: missing },
    );
  return costs as number[];
}

/**
 * Drafting and placing orders, and ending them before they are received in full: closed short, or
 * cancelled before anything arrived.
 */
export function purchaseOrderPlacing(
  store: Store,
): Pick<PurchaseOrders, 'create' | 'createIn' | 'submit' | 'close' | 'cancel'> {
  const { capabilities } = store;

  async function submitIn(trx: Db, id: string, expectedAt: string | undefined, at = new Date()): Promise<void> {
    const order = await loadPurchaseOrder(trx, id);
    // A date agreed when the order was drafted stands; the lead time only fills in a missing one.
    const expected =
      storedTime(expectedAt) ??
      order.expectedAt ??
      new Date(
        at.getTime() +
          (await leadTimeDays(
            trx,
            order.supplierId,
            order.lines.map((l) => l.sku),
          )) *
            DAY_MS,
      ).toISOString();
    await transition(trx, capabilities, 'purchase_orders', id, ['draft'], 'submitted', {
      submitted_at: at.toISOString(),
      expected_at: expected,
    });
  }

  const placing: Pick<PurchaseOrders, 'createIn'> = {
    async createIn(trx, raw) {
      const input = parseInput(NewPurchaseOrder, raw);
      await requireSuppliers(trx, [input.supplier]);
      await requireRealLocation(
        trx,
        capabilities,
        [{ path: 'location', id: input.location }],
        input.lines.map((l) => l.sku),
        'goods are ordered into a real location',
      );
      const costs = await unitCosts(trx, input);
      const id = input.id ?? newDocumentId('PO');
      const now = input.occurredAt ? new Date(input.occurredAt).toISOString() : new Date().toISOString();
      const inserted = await trx
        .insertInto('purchase_orders')
        .values({
          id,
          supplier_id: input.supplier,
          location_id: input.location,
          status: 'draft',
          reference: input.reference ?? null,
          expected_at: storedTime(input.expectedAt) ?? null,
          created_by: input.actor,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0)
        throw new DomainError('already_exists', `Purchase order '${id}' already exists`, { order: id });
      await trx
        .insertInto('purchase_order_lines')
        .values(
          input.lines.map((l, line) => ({
            order_id: id,
            line,
            sku: l.sku,
            ordered: l.quantity,
            received: 0,
            damaged: 0,
            unit_cost: costs[line]!,
          })),
        )
        .execute();
      if (input.submit) await submitIn(trx, id, input.expectedAt, new Date(now));
      return loadPurchaseOrder(trx, id);
    },
  };

  return {
    ...placing,
    async create(raw) {
      // Checked before the transaction, so that bad input never opens one.
      parseInput(NewPurchaseOrder, raw);
      return store.transaction((trx) => placing.createIn(trx, raw));
    },

    async submit(id, actor) {
      if (!actor) throw validationFailed([{ path: 'actor', message: 'say who is acting' }]);
      return store.transaction(async (trx) => {
        await submitIn(trx, id, undefined);
        return loadPurchaseOrder(trx, id);
      });
    },

    async close(id, raw) {
      const input = parseInput(ClosePurchaseOrder, raw);
      return store.transaction(async (trx) => {
        await transition(trx, capabilities, 'purchase_orders', id, OPEN_PURCHASE_ORDER_STATUSES, 'closed', {
          closed_at: new Date().toISOString(),
        });
        // Closed, the order expects nothing more: what it still lacked is now short.
        const short = (await loadPurchaseOrder(trx, id)).lines.filter((l) => l.short > 0);
        await recordDiscrepancies(
          trx,
          id,
          null,
          input.reason,
          short.map((l) => ({ sku: l.sku, kind: 'short', quantity: l.short })),
        );
        return loadPurchaseOrder(trx, id);
      });
    },

    async cancel(id, raw) {
      parseInput(CancelPurchaseOrder, raw);
      return store.transaction(async (trx) => {
        // A submitted order has received nothing (the first receipt makes it partially received).
        await transition(trx, capabilities, 'purchase_orders', id, ['draft', 'submitted'], 'cancelled', {
          closed_at: new Date().toISOString(),
        });
        return loadPurchaseOrder(trx, id);
      });
    },
  };
}
