export const ORDER_CHANNELS = ['online', 'pickup', 'store_sale'] as const;
export type OrderChannel = (typeof ORDER_CHANNELS)[number];

/**
 * An order's life: allocated (every unit reserved somewhere), or backordered (some units could not be
 * found), then shipped — partly or wholly — or cancelled (its reservations released).
 */
export const ORDER_STATUSES = ['allocated', 'backordered', 'partially_shipped', 'shipped', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
