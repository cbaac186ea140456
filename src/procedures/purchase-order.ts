/**
 * A purchase order's life: drafted, submitted to the supplier, received in one or more deliveries,
 * and ended — fully received, closed short, or cancelled before anything arrived.
 */
export const PURCHASE_ORDER_STATUSES = [
  'draft',
  'submitted',
  'partially_received',
  'received',
  'closed',
  'cancelled',
] as const;
export type PurchaseOrderStatus = (typeof PURCHASE_ORDER_STATUSES)[number];

/** Orders whose open quantity is still expected: it counts as `inbound` at their location. */
export const OPEN_PURCHASE_ORDER_STATUSES: readonly PurchaseOrderStatus[] = ['submitted', 'partially_received'];

/** Orders that ended before all was received: what did not come will not come. */
const ENDED_SHORT: readonly PurchaseOrderStatus[] = ['closed', 'cancelled'];

export const DISCREPANCY_KINDS = ['over', 'short', 'damaged'] as const;
export type DiscrepancyKind = (typeof DISCREPANCY_KINDS)[number];

export interface PurchaseOrderLine {
  sku: string;
  ordered: number;
  /** Good units taken into stock so far. */
  received: number;
  /** Units delivered damaged and refused (not in stock, still owed). */
  damaged: number;
  /** Still expected: ordered less received, never below zero; 0 once the order is closed or cancelled. */
  open: number;
  /** What will not come: on an order closed or cancelled, ordered less received; otherwise 0. */
  short: number;
  unitCost: number | null;
}

export interface PurchaseOrderReceipt {
  id: string;
  postingId: string | null;
  receivedAt: string;
  receivedBy: string;
  /** Days from submission to this receipt. */
  leadTimeDays: number;
  onTime: boolean;
}

export interface Discrepancy {
  receiptId: string | null;
  sku: string;
  kind: DiscrepancyKind;
  quantity: number;
  reason: string;
}

export interface PurchaseOrder {
  id: string;
  supplierId: string;
  locationId: string;
  status: PurchaseOrderStatus;
  reference: string | null;
  expectedAt: string | null;
  /** Still open and its expected date has passed. */
  overdue: boolean;
  createdBy: string;
  createdAt: string;
  submittedAt: string | null;
  closedAt: string | null;
  updatedAt: string;
  lines: PurchaseOrderLine[];
  receipts: PurchaseOrderReceipt[];
  discrepancies: Discrepancy[];
}

/** How a supplier has delivered: from its receipts, and from its orders that are finished. */
export interface SupplierPerformance {
  supplierId: string;
  orders: number;
  receipts: number;
  /** Share of receipts that arrived by the expected date; null before the first receipt. */
  onTimeRate: number | null;
  /** Good units received over units ordered, on finished orders (received or closed). */
  fillRate: number | null;
  leadTimeDays: { mean: number; sd: number } | null;
}

/**
 * What a line still expects and what it will never get: an open order (or a draft) expects what has
 * not arrived; a closed or cancelled one expects nothing, and what did not arrive is short.
 *
 * @example
 * lineOutstanding('closed', 10, 4); // { open: 0, short: 6 }
 */
export function lineOutstanding(
  status: PurchaseOrderStatus,
  ordered: number,
  received: number,
): { open: number; short: number } {
  const missing = Math.max(0, ordered - received);
  return ENDED_SHORT.includes(status) ? { open: 0, short: missing } : { open: missing, short: 0 };
}
