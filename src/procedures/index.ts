export * from './procedures.schemas.js';
export * from './purchase-order.js';
export { createPurchaseOrders } from './purchase-orders.service.js';
export type { PurchaseOrders } from './purchase-orders.service.js';
