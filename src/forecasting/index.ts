export { dailySalesAt } from './sales-history.js';
export type { DailySales } from './sales-history.js';
