import { z } from 'zod';
import { validationFailed } from '../errors/index.js';
import type { Store } from '../store/index.js';
import type { Column } from './cells.js';
import type { ImportCounts, RowError } from './exchange.schemas.js';

/**
 * The kinds of data Omnistock reads from and writes to CSV, by the name the CLI and API use. The last
 * two, `forecasts` and `policies`, are only written: Omnistock makes them, and their import is refused.
 */
export const DATASET_NAMES = [
  'locations',
  'products',
  'suppliers',
  'supplier-items',
  'stock',
  'movements',
  'sales-history',
  'promotions',
  'forecasts',
  'policies',
] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

/** A row read from the file, with its line. */
export interface Lined<Row> {
  line: number;
  row: Row;
}

export const noCounts = (): ImportCounts => ({ created: 0, updated: 0, unchanged: 0 });
export function addCounts(total: ImportCounts, more: ImportCounts): void {
  total.created += more.created;
  total.updated += more.updated;
  total.unchanged += more.unchanged;
}

/**
 * One import of one file, holding what earlier batches said (ids seen, stock so far). `check` sees
 * every batch of well-formed rows first, in file order, and may consult the database; only if the
 * file is clean (or errors are skipped) does `apply` see the same batches, minus the bad lines.
 */
export interface DatasetImport<Row> {
  check(rows: readonly Lined<Row>[]): Promise<{ errors: RowError[]; counts: ImportCounts }>;
  apply(rows: readonly Lined<Row>[]): Promise<ImportCounts>;
}

export interface ExportOptions {
  /** For stock: the instant to fold the ledger to (default: now, from the balances). */
  asOf?: string | undefined;
}

export interface Dataset<Row> {
  name: DatasetName;
  /** One line for `--help` and the API document. */
  summary: string;
  columns: readonly Column[];
  /** Validates a row (fields in camelCase, cells already typed by column). */
  schema: z.ZodType<Row>;
  /** Rows with the same group key are written in one transaction (a posting stays whole). */
  groupKey?(row: Row): string | null;
  /** Starts an import; an export-only dataset (`forecasts`) throws here, saying why and what to import instead. */
  importer(store: Store, actor: string): DatasetImport<Row>;
  /** The dataset's rows in export order, a page at a time, as cells by column name. */
  exportPages(store: Store, options: ExportOptions): AsyncIterable<Record<string, unknown>[]>;
}

/**
 * What an export-only dataset (one Omnistock makes, such as forecasts and policies) has in place of an
 * import: no rows to validate, and an importer that refuses, saying why and what to do instead.
 *
 * @example
 * export const FORECASTS: Dataset<never> = { name: 'forecasts', summary, columns, ...exportOnly('forecasts can be exported, not imported: …'), exportPages };
 */
export function exportOnly(why: string): Pick<Dataset<never>, 'schema' | 'importer'> {
  return {
    schema: z.never(),
    importer() {
      throw validationFailed([{ path: 'dataset', message: why }]);
    },
  };
}
