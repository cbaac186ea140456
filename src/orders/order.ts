import type { SourcingPlan } from '../sourcing/index.js';

export const ORDER_CHANNELS = ['online', 'pickup', 'store_sale'] as const;
export type OrderChannel = (typeof ORDER_CHANNELS)[number];

/**
 * An order's life: allocated (every unit reserved somewhere), or backordered (some units could not be
 * found), then shipped — partly or wholly — or cancelled (its reservations released).
 */
export const ORDER_STATUSES = ['allocated', 'backordered', 'partially_shipped', 'shipped', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface OrderAllocation {
  sku: string;
  locationId: string;
  quantity: number;
  reservationId: string;
}

export interface Order {
  id: string;
  channel: OrderChannel;
  status: OrderStatus;
  destination: { latitude: number; longitude: number } | null;
  pickupLocationId: string | null;
  reference: string | null;
  lines: { sku: string; quantity: number }[];
  allocations: OrderAllocation[];
  /** The sourcing plan the order was allocated by: costs, distances, alternatives, exclusions. */
  plan: SourcingPlan;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}
