import { LOCATIONS, PRODUCTS, SUPPLIER_ITEMS, SUPPLIERS } from './catalog.datasets.js';
import type { Dataset, DatasetName } from './dataset.js';
import { FORECASTS } from './forecasts.dataset.js';
import { MOVEMENTS } from './movements.dataset.js';
import { POLICIES } from './policies.dataset.js';
import { PROMOTIONS } from './promotions.dataset.js';
import { SALES_HISTORY } from './sales-history.dataset.js';
import { STOCK } from './stock.dataset.js';

/**
 * Every dataset by name, in the order a new network is best imported: places and products before
 * the suppliers' items, stock and movements that refer to them. Forecasts and policies, last, are export only.
 */
export const DATASETS: Readonly<Record<DatasetName, Dataset<unknown>>> = {
  locations: LOCATIONS as Dataset<unknown>,
  products: PRODUCTS as Dataset<unknown>,
  suppliers: SUPPLIERS as Dataset<unknown>,
  'supplier-items': SUPPLIER_ITEMS as Dataset<unknown>,
  stock: STOCK as Dataset<unknown>,
  movements: MOVEMENTS as Dataset<unknown>,
  'sales-history': SALES_HISTORY as Dataset<unknown>,
  promotions: PROMOTIONS as Dataset<unknown>,
  forecasts: FORECASTS as Dataset<unknown>,
  policies: POLICIES as Dataset<unknown>,
};
