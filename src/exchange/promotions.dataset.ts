import { NewPromotion, promotionColumns, promotionSubjectIssues, toPromotion } from '../forecasting/index.js';
import type { CheckedPromotion } from '../forecasting/index.js';
import type { Column } from './cells.js';
import { cellsOf } from './catalog.datasets.js';
import type { Dataset } from './dataset.js';
import { EXPORT_PAGE, keyedDataset, keysetPages } from './keyed-dataset.js';

const COLUMNS: Column[] = [
  { name: 'id', type: 'text', required: true },
  { name: 'name', type: 'text' },
  { name: 'sku', type: 'text' },
  { name: 'category', type: 'text' },
  { name: 'location', type: 'text' },
  { name: 'region', type: 'text' },
  { name: 'from', type: 'date', required: true },
  { name: 'to', type: 'date', required: true },
  { name: 'planned_lift', type: 'number' },
];

/**
 * The promotions calendar, a row per promotion by its code: what the API's POST /promotions takes, and
 * checked by the same rules. A code already stored is replaced whole (its creator kept).
 */
export const PROMOTIONS: Dataset<CheckedPromotion> = keyedDataset({
  name: 'promotions',
  summary:
    'the promotions calendar: a SKU or a category, at a location, in a region or everywhere, from a day to a day',
  columns: COLUMNS,
  schema: NewPromotion,
  table: 'promotions',
  keyColumns: ['id'],
  keyColumn: 'id',
  timestamps: true,
  createdBy: true,
  values: promotionColumns,
  async references({ db }, rows) {
    const issues = await promotionSubjectIssues(
      db,
      rows.map((l) => l.row),
    );
    // Each field a promotion names is the CSV column of the same name.
    return rows.flatMap(({ line }, i) =>
      (issues[i] ?? []).map(({ path, message }) => ({ line, column: path, reason: message })),
    );
  },
  exportPages: (store) =>
    keysetPages(
      (after: { id: string } | undefined) =>
        store.db
          .selectFrom('promotions')
          .selectAll()
          .$if(after !== undefined, (q) => q.where('id', '>', after!.id))
          .orderBy('id')
          .limit(EXPORT_PAGE)
          .execute(),
      (row) => {
        const promotion = toPromotion(row);
        return { ...cellsOf(COLUMNS)(promotion), location: promotion.locationId };
      },
    ),
});
