import { z } from 'zod';
import { ADJUSTMENT, findPostingSubjects, hasStockFloor, isRealKind, LocationId, Sku } from '../catalog/index.js';
import type { LocationFacts } from '../catalog/index.js';
import { MAX_UNITS } from '../input/index.js';
import { balanceKey, postMovements, readBalances } from '../ledger/index.js';
import type { MovementDraft } from '../ledger/index.js';
import { runStatement } from '../store/index.js';
import type { Db, Store } from '../store/index.js';
import type { Column } from './cells.js';
import type { ImportCounts, RowError } from './exchange.schemas.js';
import type { Dataset, Lined } from './dataset.js';
import { realLocationIds } from './keyed-dataset.js';

const COLUMNS: Column[] = [
  { name: 'location', type: 'text', required: true },
  { name: 'sku', type: 'text', required: true },
  { name: 'quantity', type: 'integer', required: true },
];

/** On hand may be below zero where a location allows it, as far below as above. */
const StockRow = z.strictObject({
  location: LocationId,
  sku: Sku,
  quantity: z.number().int().min(-MAX_UNITS).max(MAX_UNITS),
});
type StockRow = z.output<typeof StockRow>;

/** The reason on the adjustments an opening-stock import posts. */
export const OPENING_STOCK_REASON = 'opening stock';

/**
 * On-hand stock per location and SKU. Importing sets each row's stock to its quantity by posting
 * the difference as an adjustment ("opening stock"), so importing the same file twice posts nothing
 * the second time. Exporting gives today's stock, or the ledger folded to `asOf`.
 */
export const STOCK: Dataset<StockRow> = {
  name: 'stock',
  summary: 'on-hand stock per location and SKU: sets opening stock on import, stock as of a date on export',
  columns: COLUMNS,
  schema: StockRow,
  importer(store, actor) {
    const seen = new Map<string, number>();
    const locations = new Map<string, LocationFacts>();

    /** The adjustments that bring each row's stock to its quantity, and the rows already there. */
    async function differences(db: Db, rows: readonly Lined<StockRow>[]) {
      const balances = await readBalances(
        db,
        store.capabilities,
        rows.map((l) => ({ sku: l.row.sku, locationId: l.row.location })),
      );
      const drafts: MovementDraft[] = [];
      let unchanged = 0;
      for (const { row } of rows) {
        const difference = row.quantity - (balances.get(balanceKey(row.sku, row.location))?.onHand ?? 0);
        if (difference === 0) unchanged += 1;
        else
          drafts.push({
            sku: row.sku,
            quantity: Math.abs(difference),
            kind: 'adjust',
            reason: OPENING_STOCK_REASON,
            from: difference > 0 ? ADJUSTMENT : row.location,
            to: difference > 0 ? row.location : ADJUSTMENT,
          });
      }
      return { drafts, unchanged, balances };
    }

    return {
      async check(rows) {
        const found = await findPostingSubjects(
          store.db,
          store.capabilities,
          rows.map((l) => l.row.location).filter((id) => !locations.has(id)),
          rows.map((l) => l.row.sku),
        );
        for (const [id, location] of found.locations) locations.set(id, location);
        const { skus } = found;
        const errors: RowError[] = [];
        const good: Lined<StockRow>[] = [];
        for (const lined of rows) {
          const { line, row } = lined;
          const key = balanceKey(row.sku, row.location);
          const location = locations.get(row.location);
          const before = errors.length;
          if (seen.has(key))
            errors.push({
              line,
              column: 'sku',
              reason: `${row.sku} at ${row.location} is already on line ${seen.get(key)}`,
            });
          else seen.set(key, line);
          if (!location || !isRealKind(location.kind))
            errors.push({ line, column: 'location', reason: `location '${row.location}' does not exist` });
          else if (row.quantity < 0 && hasStockFloor(location))
            errors.push({ line, column: 'quantity', reason: `'${row.location}' does not allow negative stock` });
          if (!skus.has(row.sku)) errors.push({ line, column: 'sku', reason: `product '${row.sku}' does not exist` });
          if (errors.length === before) good.push(lined);
        }
        const { drafts, unchanged, balances } = await differences(store.db, good);
        for (const { line, row } of good) {
          const reserved = balances.get(balanceKey(row.sku, row.location))?.reserved ?? 0;
          if (reserved > 0 && row.quantity < reserved)
            errors.push({ line, column: 'quantity', reason: `${reserved} units are reserved for orders here` });
        }
        return { errors, counts: { created: 0, updated: drafts.length, unchanged } };
      },
      async apply(rows): Promise<ImportCounts> {
        return store.transaction(async (trx) => {
          const { drafts, unchanged } = await differences(trx, rows);
          if (drafts.length > 0)
            await postMovements(trx, store.capabilities, {
              movements: drafts,
              actor,
              occurredAt: new Date().toISOString(),
            });
          return { created: 0, updated: drafts.length, unchanged };
        });
      },
    };
  },
  exportPages: (store, options) => stockPages(store, options.asOf),
};

/** Non-zero stock at each real location, a location per page; folded from the ledger when `asOf` is given. */
async function* stockPages(store: Store, asOf: string | undefined): AsyncGenerator<Record<string, unknown>[]> {
  for (const id of await realLocationIds(store)) {
    const { rows } =
      asOf === undefined
        ? await runStatement<{ sku: string; quantity: number }>(
            store.db,
            store.capabilities,
            'select sku, on_hand as quantity from balances where location_id = ? and on_hand <> 0 order by sku',
            [id],
          )
        : await runStatement<{ sku: string; quantity: number }>(
            store.db,
            store.capabilities,
            `select sku, sum(quantity) as quantity from (
               select sku, quantity from movements where to_location_id = ? and occurred_at <= ?
               union all
               select sku, -quantity from movements where from_location_id = ? and occurred_at <= ?
             ) moved group by sku having sum(quantity) <> 0 order by sku`,
            [id, asOf, id, asOf],
          );
    if (rows.length > 0) yield rows.map((r) => ({ location: id, sku: r.sku, quantity: Number(r.quantity) }));
  }
}
