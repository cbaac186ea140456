import type { z } from 'zod';
import { REAL_LOCATION_KINDS } from '../catalog/index.js';
import type { Db, Store } from '../store/index.js';
import type { Column } from './cells.js';
import type { RowError } from './exchange.schemas.js';
import type { Dataset, DatasetName, ExportOptions, Lined } from './dataset.js';
import { compareRows, existingRows, upsertRows } from './keyed-rows.js';
import type { KeyedTable } from './keyed-rows.js';

type Values = Record<string, unknown>;

export interface KeyedDatasetSpec<Row> extends KeyedTable {
  name: DatasetName;
  summary: string;
  columns: readonly Column[];
  schema: z.ZodType<Row>;
  /** The CSV column that names a row (for "repeats line 4" errors). */
  keyColumn: string;
  /** The row as the table's columns. */
  values(row: Row): Values;
  /**
   * Checks what a row refers to (a parent location, a SKU): `earlier(key)` says whether a row of
   * this file before it had that key.
   */
  references?(store: Store, rows: readonly Lined<Row>[], earlier: (key: string) => boolean): Promise<RowError[]>;
  onUpdated?(trx: Db, store: Store, values: Values, before: Values): Promise<void>;
  exportPages(store: Store, options: ExportOptions): AsyncIterable<Record<string, unknown>[]>;
}

/**
 * A dataset whose rows create or replace rows of one table by key (locations, products, suppliers …):
 * a key may appear once per file, references are checked against the database and the rows before,
 * and rows equal to what is stored are left alone.
 */
export function keyedDataset<Row>(spec: KeyedDatasetSpec<Row>): Dataset<Row> {
  const keyText = (values: Values) => spec.keyColumns.map((c) => String(values[c])).join(' / ');
  return {
    name: spec.name,
    summary: spec.summary,
    columns: spec.columns,
    schema: spec.schema,
    exportPages: spec.exportPages,
    importer(store, actor) {
      const seen = new Map<string, number>();
      return {
        async check(rows) {
          const errors: RowError[] = [];
          const first: Lined<Row>[] = [];
          const here = new Map<string, number>();
          for (const lined of rows) {
            const key = keyText(spec.values(lined.row));
            const before = seen.get(key) ?? here.get(key);
            if (before !== undefined) {
              errors.push({
                line: lined.line,
                column: spec.keyColumn,
                reason: `'${key}' is already on line ${before}`,
              });
            } else {
              here.set(key, lined.line);
              first.push(lined);
            }
          }
          // References may point at rows of earlier batches; a dataset checks those within the batch itself.
          const referenceErrors = (await spec.references?.(store, first, (key) => seen.has(key))) ?? [];
          for (const [key, line] of here) seen.set(key, line);
          errors.push(...referenceErrors);
          const bad = new Set(referenceErrors.map((e) => e.line));
          const good = first.filter((l) => !bad.has(l.line)).map((l) => spec.values(l.row));
          const { created, updated, unchanged } = compareRows(
            spec,
            good,
            await existingRows(store.db, store, spec, good),
          );
          return { errors, counts: { created: created.length, updated: updated.length, unchanged } };
        },
        apply(rows) {
          return store.transaction((trx) =>
            upsertRows(
              trx,
              store,
              spec,
              rows.map((l) => spec.values(l.row)),
              actor,
              spec.onUpdated && ((values, before) => spec.onUpdated!(trx, store, values, before)),
            ),
          );
        },
      };
    },
  };
}

/** Pages of a keyset-ordered query: `page(after)` returns up to `size` items after the given cursor. */
export async function* keysetPages<T>(
  page: (after: T | undefined) => Promise<T[]>,
  toCells: (item: T) => Record<string, unknown>,
): AsyncGenerator<Record<string, unknown>[]> {
  let after: T | undefined;
  for (;;) {
    const items = await page(after);
    if (items.length === 0) return;
    yield items.map(toCells);
    after = items[items.length - 1];
  }
}

export const EXPORT_PAGE = 2_000;

/** The ids of the network's real locations, in order: stock and sales export a location at a time. */
export async function realLocationIds(store: Store): Promise<string[]> {
  const rows = await store.db
    .selectFrom('locations')
    .select('id')
    .where('kind', 'in', [...REAL_LOCATION_KINDS])
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}
