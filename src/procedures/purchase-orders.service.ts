import { parseInput } from '../errors/index.js';
import type { Posting } from '../ledger/index.js';
import { toPage } from '../store/index.js';
import type { Db, Page, Store } from '../store/index.js';
import { purchaseOrderPlacing } from './purchase-order-placing.js';
import { purchaseOrderReceiving } from './purchase-order-receiving.js';
import { listPurchaseOrders, loadPurchaseOrder } from './purchase-order.repository.js';
import { PurchaseOrderFilter } from './purchase-orders.schemas.js';
import type {
  CancelPurchaseOrder,
  ClosePurchaseOrder,
  NewPurchaseOrder,
  PurchaseOrder,
  ReceivePurchaseOrder,
  SupplierPerformance,
} from './purchase-orders.schemas.js';
import { supplierPerformance } from './supplier-performance.js';

export interface PurchaseOrders {
  /**
   * Drafts (or places) an order. A line without a unit cost takes the supplier's cost for its SKU, or
   * else the product's; with neither it is refused (`no_unit_cost`).
   */
  create(input: NewPurchaseOrder): Promise<PurchaseOrder>;
  /** `create` inside the caller's transaction, for a step that must commit with the order (an approved suggestion). */
  createIn(trx: Db, input: NewPurchaseOrder): Promise<PurchaseOrder>;
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
 * Purchase orders, by use case: placing (`purchase-order-placing.ts`), receiving
 * (`purchase-order-receiving.ts`) and the supplier's performance, over one repository.
 *
 * @example
 * const orders = createPurchaseOrders(store);
 * const po = await orders.create({ supplier: 'nordkaffee', location: 'dc-north', lines: [{ sku: 'COF-1', quantity: 240 }], submit: true, actor: 'pia' });
 * await orders.receive(po.id, { lines: [{ sku: 'COF-1', quantity: 236, damaged: 4 }], reason: 'crushed case', actor: 'ole' });
 */
export function createPurchaseOrders(store: Store): PurchaseOrders {
  const { db } = store;
  return {
    ...purchaseOrderPlacing(store),
    ...purchaseOrderReceiving(store),
    get: (id) => loadPurchaseOrder(db, id),
    async list(raw = {}) {
      const filter = parseInput(PurchaseOrderFilter, raw);
      return toPage(await listPurchaseOrders(db, filter), filter.limit, (o) => o.id);
    },
    performance: (supplierId) => supplierPerformance(db, supplierId),
  };
}
