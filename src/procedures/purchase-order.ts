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
