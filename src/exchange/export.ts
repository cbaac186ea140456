import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Progress } from '../progress/index.js';
import type { Store } from '../store/index.js';
import { writeCell } from './cells.js';
import type { Dataset, ExportOptions } from './dataset.js';

/**
 * Writes `dataset` as CSV to `output`, a page at a time (never the whole table in memory), with the
 * same header an import expects, so that what is exported imports back unchanged. Returns the rows written.
 *
 * @example
 * await exportCsv(store, STOCK, createWriteStream('stock.csv'), { asOf: '2026-06-30T23:59:59Z' });
 */
export async function exportCsv<Row>(
  store: Store,
  dataset: Dataset<Row>,
  output: Writable,
  options: ExportOptions & { progress?: Progress | undefined } = {},
): Promise<number> {
  const names = dataset.columns.map((c) => c.name);
  const csv = stringify({ header: true, columns: names });
  csv.pipe(output, { end: false });
  // An output that fails (a full disk, a closed connection) fails the export, instead of leaving it
  // waiting for a drain that never comes, or ending the process as an unhandled error.
  const fail = (error: Error) => csv.destroy(error);
  output.once('error', fail);
  let rows = 0;
  options.progress?.start(`Exporting ${dataset.name}`, 0);
  try {
    for await (const page of dataset.exportPages(store, options)) {
      for (const cells of page) {
        if (!csv.write(names.map((name) => writeCell(cells[name])))) await once(csv, 'drain');
      }
      rows += page.length;
      options.progress?.tick(page.length);
    }
    csv.end();
    await once(csv, 'end');
  } finally {
    output.off('error', fail);
    options.progress?.stop();
  }
  return rows;
}
