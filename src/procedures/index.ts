export * from './procedures.schemas.js';
export * from './purchase-order.js';
export { createPurchaseOrders } from './purchase-orders.service.js';
export type { PurchaseOrders } from './purchase-orders.service.js';
export * from './transfer-order.js';
export { createTransferOrders } from './transfer-orders.service.js';
export type { TransferOrders } from './transfer-orders.service.js';
