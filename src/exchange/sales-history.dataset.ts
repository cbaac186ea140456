import { z } from 'zod';
import { findPostingSubjects, isRealKind, LocationId, Sku } from '../catalog/index.js';
import { dailySalesAt } from '../forecasting/index.js';
import { calendarDate, units } from '../input/index.js';
import type { Column } from './cells.js';
import type { RowError } from './exchange.schemas.js';
import type { Dataset } from './dataset.js';
import { keyedDataset, realLocationIds } from './keyed-dataset.js';

const COLUMNS: Column[] = [
  { name: 'date', type: 'date', required: true },
  { name: 'location', type: 'text', required: true },
  { name: 'sku', type: 'text', required: true },
  { name: 'sold', type: 'integer', required: true },
  { name: 'returned', type: 'integer' },
  { name: 'stocked_out', type: 'boolean' },
];

const SalesRow = z.strictObject({
  date: calendarDate(),
  location: LocationId,
  sku: Sku,
  sold: units(),
  returned: units().default(0),
  stockedOut: z
    .boolean()
    .default(false)
    .describe('Whether the location had no stock of the SKU that day: the forecast takes its demand as unknown'),
});
type SalesRow = z.output<typeof SalesRow>;

/**
 * Daily sales per location and SKU, for forecasting. Import records past days (an imported day
 * replaces what the ledger says for it); export gives the ledger's days and the imported ones.
 */
export const SALES_HISTORY: Dataset<SalesRow> = keyedDataset({
  name: 'sales-history',
  summary: 'units sold and returned per day, location and SKU (demand history for forecasting)',
  columns: COLUMNS,
  schema: SalesRow,
  table: 'sales_history',
  keyColumns: ['sku', 'location_id', 'day'],
  keyColumn: 'date',
  timestamps: false,
  values: (r) => ({
    sku: r.sku,
    location_id: r.location,
    day: r.date,
    sold: r.sold,
    returned: r.returned,
    stocked_out: r.stockedOut ? 1 : 0,
  }),
  async references(store, rows) {
    const { locations, skus } = await findPostingSubjects(
      store.db,
      store.capabilities,
      rows.map((l) => l.row.location),
      rows.map((l) => l.row.sku),
    );
    const today = new Date().toISOString().slice(0, 10);
    return rows.flatMap(({ line, row }): RowError[] => {
      const location = locations.get(row.location);
      return [
        ...(location && isRealKind(location.kind)
          ? []
          : [{ line, column: 'location', reason: `location '${row.location}' does not exist` }]),
        ...(skus.has(row.sku) ? [] : [{ line, column: 'sku', reason: `product '${row.sku}' does not exist` }]),
        ...(row.date > today ? [{ line, column: 'date', reason: 'is in the future' }] : []),
      ];
    });
  },
  async *exportPages(store) {
    for (const id of await realLocationIds(store)) {
      const days = await dailySalesAt(store, id);
      if (days.length > 0)
        yield days.map((d) => ({
          date: d.day,
          location: id,
          sku: d.sku,
          sold: d.sold,
          returned: d.returned,
          stocked_out: d.stockedOut,
        }));
    }
  },
});
