/** A transfer's life: drafted, shipped (goods in transit), received in one or more parts. */
export const TRANSFER_ORDER_STATUSES = ['draft', 'shipped', 'partially_received', 'received', 'cancelled'] as const;
export type TransferOrderStatus = (typeof TRANSFER_ORDER_STATUSES)[number];

export interface TransferOrderLine {
  sku: string;
  quantity: number;
  received: number;
  shortfall: number;
  /** Still on the way: shipped and neither received nor written off. */
  inTransit: number;
}

export interface TransferOrder {
  id: string;
  fromId: string;
  toId: string;
  status: TransferOrderStatus;
  reference: string | null;
  createdBy: string;
  createdAt: string;
  shippedAt: string | null;
  completedAt: string | null;
  updatedAt: string;
  lines: TransferOrderLine[];
}
