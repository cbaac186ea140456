import { SUPPLIER } from '../catalog/index.js';
import { DomainError, parseInput, validationFailed } from '../errors/index.js';
import { idempotent, postMovements } from '../ledger/index.js';
import type { MovementDraft, Posting } from '../ledger/index.js';
import { toPage } from '../store/index.js';
import type { Db, Page, Store } from '../store/index.js';
import {
  CancelPurchaseOrder,
  ClosePurchaseOrder,
  NewPurchaseOrder,
  PurchaseOrderFilter,
  ReceivePurchaseOrder,
} from './procedures.schemas.js';
import { OPEN_PURCHASE_ORDER_STATUSES } from './purchase-order.js';
import type { PurchaseOrder, SupplierPerformance } from './purchase-order.js';
import {
  newDocumentId,
  progressConditions,
  requireRealLocation,
  requireSuppliers,
  storedTime,
  transition,
  updateLines,
} from './document.js';
import { loadPurchaseOrder, withDetails } from './purchase-order.repository.js';

const DAY_MS = 86_400_000;

export interface PurchaseOrders {
  /**
   * Drafts (or places) an order. A line without a unit cost takes the supplier's cost for its SKU, or
   * else the product's; with neither it is refused (`no_unit_cost`).
   */
  create(input: NewPurchaseOrder): Promise<PurchaseOrder>;
  get(id: string): Promise<PurchaseOrder>;
  /** A page of orders, filtered; `open` and `overdue` as of now. */
  list(filter?: PurchaseOrderFilter): Promise<Page<PurchaseOrder>>;
  submit(id: string, actor: string): Promise<PurchaseOrder>;
  /** Takes a delivery into stock (supplier → the order's location), recording what differs from the order. */
  receive(id: string, input: ReceivePurchaseOrder): Promise<{ order: PurchaseOrder; posting: Posting | null }>;
  /** Ends an open order; what is still open is recorded as short, with the reason. */
  close(id: string, input: ClosePurchaseOrder): Promise<PurchaseOrder>;
  cancel(id: string, input: CancelPurchaseOrder): Promise<PurchaseOrder>;
  performance(supplierId: string): Promise<SupplierPerformance>;
}

/**
 * @example
 * const orders = createPurchaseOrders(store);
 * const po = await orders.create({ supplier: 'nordkaffee', location: 'dc-north', lines: [{ sku: 'COF-1', quantity: 240 }], submit: true, actor: 'pia' });
 * await orders.receive(po.id, { lines: [{ sku: 'COF-1', quantity: 236, damaged: 4 }], reason: 'crushed case', actor: 'ole' });
 */
export function createPurchaseOrders(store: Store): PurchaseOrders {
  const { db, capabilities } = store;

  /** The lead time to expect for an order: the longest of its items' own, else the supplier's. */
  async function leadTimeDays(trx: Db, supplierId: string, skus: string[]): Promise<number> {
    const supplier = await trx
      .selectFrom('suppliers')
      .select('lead_time_days')
      .where('id', '=', supplierId)
      .executeTakeFirstOrThrow();
    const items = await trx
      .selectFrom('supplier_items')
      .select('lead_time_days')
      .where('supplier_id', '=', supplierId)
      .where('sku', 'in', skus)
      .execute();
    return Math.max(supplier.lead_time_days, ...items.map((i) => i.lead_time_days ?? 0));
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
        ? [[], []]
        : await Promise.all([
            trx
              .selectFrom('supplier_items')
              .select(['sku', 'unit_cost'])
              .where('supplier_id', '=', input.supplier)
              .where('sku', 'in', unpriced)
              .where('unit_cost', 'is not', null)
              .execute(),
            // A product's cost of 0 is the catalog's default: no cost is known.
            trx
              .selectFrom('products')
              .select(['sku', 'unit_cost'])
              .where('sku', 'in', unpriced)
              .where('unit_cost', '>', 0)
              .execute(),
          ]);
    const known = new Map<string, number>([
      ...products.map((p) => [p.sku, p.unit_cost] as const),
      ...terms.map((t) => [t.sku, t.unit_cost!] as const),
    ]);
    const costs = input.lines.map((l) => l.unitCost ?? known.get(l.sku));
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

  async function submitIn(trx: Db, id: string, expectedAt: string | undefined, at = new Date()): Promise<void> {
    const order = await loadPurchaseOrder(trx, id);
    const now = at;
    // A date agreed when the order was drafted stands; the lead time only fills in a missing one.
    const expected =
      storedTime(expectedAt) ??
      order.expectedAt ??
      new Date(
        now.getTime() +
          (await leadTimeDays(
            trx,
            order.supplierId,
            order.lines.map((l) => l.sku),
          )) *
            DAY_MS,
      ).toISOString();
    await transition(trx, capabilities, 'purchase_orders', id, ['draft'], 'submitted', {
      submitted_at: now.toISOString(),
      expected_at: expected,
    });
  }

  return {
    async create(raw) {
      const input = parseInput(NewPurchaseOrder, raw);
      return store.transaction(async (trx) => {
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
      });
    },

    get: (id) => loadPurchaseOrder(db, id),

    async list(raw = {}) {
      const filter = parseInput(PurchaseOrderFilter, raw);
      let query = db
        .selectFrom('purchase_orders')
        .selectAll()
        .orderBy('id')
        .limit(filter.limit + 1);
      if (filter.supplier) query = query.where('supplier_id', '=', filter.supplier);
      if (filter.location) query = query.where('location_id', '=', filter.location);
      if (filter.status) query = query.where('status', '=', filter.status);
      const open = OPEN_PURCHASE_ORDER_STATUSES;
      for (const condition of progressConditions(filter, { open, due: open }, new Date()))
        query = query.where(condition);
      if (filter.after) query = query.where('id', '>', filter.after);
      return toPage(await withDetails(db, await query.execute()), filter.limit, (o) => o.id);
    },

    async submit(id, actor) {
      if (!actor) throw validationFailed([{ path: 'actor', message: 'say who is acting' }]);
      return store.transaction(async (trx) => {
        await submitIn(trx, id, undefined);
        return loadPurchaseOrder(trx, id);
      });
    },

    async receive(id, raw) {
      const input = parseInput(ReceivePurchaseOrder, raw);
      const occurredAt = input.occurredAt ? new Date(input.occurredAt).toISOString() : new Date().toISOString();
      return store.transaction((trx) =>
        idempotent(trx, input.idempotencyKey, `purchase_order.receive:${id}`, input, async () => {
          // Claims the order first: a second receipt waits here, then sees this one's result.
          await transition(
            trx,
            capabilities,
            'purchase_orders',
            id,
            OPEN_PURCHASE_ORDER_STATUSES,
            'partially_received',
          );
          const order = await loadPurchaseOrder(trx, id);
          const lineOf = new Map(order.lines.map((l) => [l.sku, l]));
          const issues = input.lines.flatMap((l, i) =>
            lineOf.has(l.sku) ? [] : [{ path: `lines.${i}.sku`, message: `${l.sku} is not on purchase order ${id}` }],
          );
          if (issues.length > 0) throw validationFailed(issues);

          const receiptId = `${id}/R${order.receipts.length + 1}`;
          const discrepancies: { sku: string; kind: 'over' | 'damaged' | 'short'; quantity: number }[] = [];
          const drafts: MovementDraft[] = [];
          for (const l of input.lines) {
            const line = lineOf.get(l.sku)!;
            const over =
              Math.max(0, line.received + l.quantity - line.ordered) - Math.max(0, line.received - line.ordered);
            if (over > 0) discrepancies.push({ sku: l.sku, kind: 'over', quantity: over });
            if (l.damaged > 0) discrepancies.push({ sku: l.sku, kind: 'damaged', quantity: l.damaged });
            if (l.quantity > 0)
              drafts.push({ sku: l.sku, quantity: l.quantity, kind: 'receive', from: SUPPLIER, to: order.locationId });
            line.received += l.quantity;
            line.damaged += l.damaged;
          }
          const complete = order.lines.every((l) => l.received >= l.ordered);
          if (input.close && !complete)
            for (const line of order.lines)
              if (line.received < line.ordered)
                discrepancies.push({ sku: line.sku, kind: 'short', quantity: line.ordered - line.received });
          if (discrepancies.length > 0 && !input.reason)
            throw validationFailed([
              {
                path: 'reason',
                message: `say why the delivery differs from the order (${[...new Set(discrepancies.map((d) => d.kind))].join(', ')})`,
              },
            ]);

          const posting =
            drafts.length > 0
              ? await postMovements(trx, capabilities, {
                  document: { type: 'purchase_order', id },
                  movements: drafts.map((d) => ({ ...d, reference: id })),
                  actor: input.actor,
                  occurredAt,
                })
              : null;
          await updateLines(
            trx,
            capabilities,
            'purchase_order_lines',
            'order_id',
            id,
            ['received', 'damaged'],
            input.lines.map((l) => ({ sku: l.sku, values: [lineOf.get(l.sku)!.received, lineOf.get(l.sku)!.damaged] })),
          );
          const submittedAt = Date.parse(order.submittedAt ?? order.createdAt);
          await trx
            .insertInto('purchase_order_receipts')
            .values({
              id: receiptId,
              order_id: id,
              posting_id: posting?.postingId ?? null,
              received_at: occurredAt,
              received_by: input.actor,
              lead_time_days: Math.max(0, (Date.parse(occurredAt) - submittedAt) / DAY_MS),
              on_time: order.expectedAt === null || occurredAt <= order.expectedAt ? 1 : 0,
            })
            .execute();
          if (discrepancies.length > 0)
            await trx
              .insertInto('purchase_order_discrepancies')
              .values(discrepancies.map((d) => ({ ...d, receipt_id: receiptId, order_id: id, reason: input.reason! })))
              .execute();
          if (complete || input.close)
            await transition(
              trx,
              capabilities,
              'purchase_orders',
              id,
              ['partially_received'],
              complete ? 'received' : 'closed',
              {
                closed_at: new Date().toISOString(),
              },
            );
          return { order: await loadPurchaseOrder(trx, id), posting };
        }),
      );
    },

    async close(id, raw) {
      const input = parseInput(ClosePurchaseOrder, raw);
      return store.transaction(async (trx) => {
        await transition(trx, capabilities, 'purchase_orders', id, OPEN_PURCHASE_ORDER_STATUSES, 'closed', {
          closed_at: new Date().toISOString(),
        });
        // Closed, the order expects nothing more: what it still lacked is now short.
        const short = (await loadPurchaseOrder(trx, id)).lines.filter((l) => l.short > 0);
        if (short.length > 0)
          await trx
            .insertInto('purchase_order_discrepancies')
            .values(
              short.map((l) => ({
                receipt_id: null,
                order_id: id,
                sku: l.sku,
                kind: 'short',
                quantity: l.short,
                reason: input.reason,
              })),
            )
            .execute();
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

    async performance(supplierId) {
      const supplier = await db.selectFrom('suppliers').select('id').where('id', '=', supplierId).executeTakeFirst();
      if (!supplier)
        throw new DomainError('unknown_supplier', `Supplier '${supplierId}' does not exist`, { supplier: supplierId });
      const orders = await db
        .selectFrom('purchase_orders')
        .select(['id', 'status'])
        .where('supplier_id', '=', supplierId)
        .where('status', '<>', 'draft')
        .where('status', '<>', 'cancelled')
        .execute();
      const receipts = await db
        .selectFrom('purchase_order_receipts as r')
        .innerJoin('purchase_orders as o', 'o.id', 'r.order_id')
        .select(['r.lead_time_days', 'r.on_time'])
        .where('o.supplier_id', '=', supplierId)
        .execute();
      const finished = orders.filter((o) => o.status === 'received' || o.status === 'closed').map((o) => o.id);
      const lines =
        finished.length === 0
          ? []
          : await db
              .selectFrom('purchase_order_lines')
              .select(['ordered', 'received'])
              .where('order_id', 'in', finished)
              .execute();
      const ordered = lines.reduce((sum, l) => sum + Number(l.ordered), 0);
      const filled = lines.reduce((sum, l) => sum + Math.min(Number(l.received), Number(l.ordered)), 0);
      const days = receipts.map((r) => r.lead_time_days);
      const mean = days.reduce((a, b) => a + b, 0) / (days.length || 1);
      const sd = days.length > 1 ? Math.sqrt(days.reduce((a, d) => a + (d - mean) ** 2, 0) / (days.length - 1)) : 0;
      return {
        supplierId,
        orders: orders.length,
        receipts: receipts.length,
        onTimeRate: receipts.length === 0 ? null : receipts.filter((r) => r.on_time === 1).length / receipts.length,
        fillRate: ordered === 0 ? null : filled / ordered,
        leadTimeDays: days.length === 0 ? null : { mean, sd },
      };
    },
  };
}
