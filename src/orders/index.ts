export * from './order.js';
export * from './orders.schemas.js';
export { ORDER_HOLD_SECONDS } from './allocation.js';
export type { Scope } from './order-scope.js';
export { createOrders } from './orders.service.js';
export type { Orders } from './orders.service.js';
/** The network's sourcing settings, which orders are planned by (`createOrders(store, defaults)`). */
export { SourcingCosts } from '../sourcing/index.js';
