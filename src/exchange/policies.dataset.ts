import { latestPolicyRows } from '../plans/index.js';
import type { Column } from './cells.js';
import { exportOnly } from './dataset.js';
import type { Dataset } from './dataset.js';

const COLUMNS: Column[] = [
  { name: 'location', type: 'text', required: true },
  { name: 'sku', type: 'text', required: true },
  { name: 'valid_from', type: 'date', required: true },
  { name: 'valid_until', type: 'date', required: true },
  { name: 'reorder_point', type: 'integer', required: true },
  { name: 'order_up_to', type: 'integer', required: true },
  { name: 'safety_stock', type: 'number', required: true },
];

/**
 * The latest plan's stock policies, a row per location, SKU and period: the reorder point and
 * order-up-to level from `valid_from` to `valid_until`, for checking them in other tools or loading them
 * into a till system. Export only: a policy is made by a plan, from the forecast and the network.
 */
export const POLICIES: Dataset<never> = {
  name: 'policies',
  summary:
    'export only: the latest plan’s stock policies, a row per location, SKU and period with reorder point, order-up-to level and safety stock',
  columns: COLUMNS,
  ...exportOnly(
    'policies can be exported, not imported: they are made by a plan (`omnistock plan` or POST /plans/runs) from the forecast and the network',
  ),
  async *exportPages(store) {
    for await (const page of latestPolicyRows(store.db))
      yield page.map((p) => ({
        location: p.locationId,
        sku: p.sku,
        valid_from: p.validFrom,
        valid_until: p.validUntil,
        reorder_point: p.reorderPoint,
        order_up_to: p.orderUpTo,
        safety_stock: Math.round(p.safetyStock * 1000) / 1000,
      }));
  },
};
