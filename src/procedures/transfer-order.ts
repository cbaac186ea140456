/** A transfer's life: drafted, shipped (goods in transit), received in one or more parts. */
export const TRANSFER_ORDER_STATUSES = ['draft', 'shipped', 'partially_received', 'received', 'cancelled'] as const;
export type TransferOrderStatus = (typeof TRANSFER_ORDER_STATUSES)[number];

/** Transfers not yet received in full nor cancelled: drafts, and those with goods on the way. */
export const OPEN_TRANSFER_ORDER_STATUSES: readonly TransferOrderStatus[] = ['draft', 'shipped', 'partially_received'];
/** Transfers with goods on the way: these can be late. */
export const IN_TRANSIT_TRANSFER_ORDER_STATUSES: readonly TransferOrderStatus[] = ['shipped', 'partially_received'];

/**
 * Days a transfer is expected to take when its creator does not say: a truck between two of our
 * locations arrives within two days. A transfer shipped without an expected arrival is due this long
 * after it ships.
 */
export const DEFAULT_TRANSIT_DAYS = 2;
