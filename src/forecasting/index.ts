export {
  croston,
  holt,
  holtWinters,
  METHOD_NAMES,
  METHODS,
  movingAverage,
  naive,
  sba,
  seasonalNaive,
  ses,
  sesForecast,
  tsb,
  tsbForecast,
} from './methods.js';
export type { Fit, Method, MethodName, Series } from './methods.js';
export { dailySalesAt } from './sales-history.js';
export type { DailySales } from './sales-history.js';
