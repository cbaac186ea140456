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

export const DISCREPANCY_KINDS = ['over', 'short', 'damaged'] as const;
export type DiscrepancyKind = (typeof DISCREPANCY_KINDS)[number];

export interface PurchaseOrderLine {
  sku: string;
  ordered: number;
  /** Good units taken into stock so far. */
  received: number;
  /** Units delivered damaged and refused (not in stock, still owed). */
  damaged: number;
  /** Still expected: ordered less received, never below zero. */
  open: number;
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
