export * from './order.js';
export * from './orders.schemas.js';
export { createOrders, ORDER_HOLD_SECONDS } from './orders.service.js';
export type { Orders } from './orders.service.js';
