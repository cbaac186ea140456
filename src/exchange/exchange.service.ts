import type { Readable, Writable } from 'node:stream';
import type { Progress } from '../progress/index.js';
import type { Store } from '../store/index.js';
import type { DatasetName, ExportOptions } from './dataset.js';
import { DATASETS } from './datasets.js';
import { exportCsv } from './export.js';
import { importCsv } from './import.js';
import type { ImportReport } from './exchange.schemas.js';
import type { ImportOptions } from './import.js';

/** CSV files in and out of one network, by dataset name: what the API's import and export routes call. */
export interface Exchange {
  /** Reads `source` as `dataset` and writes it, all or nothing unless `skipErrors` (see `importCsv`). */
  import(dataset: DatasetName, source: Readable, options: ImportOptions): Promise<ImportReport>;
  /** Writes `dataset` to `output` as CSV the import reads back; returns the rows written (see `exportCsv`). */
  export(
    dataset: DatasetName,
    output: Writable,
    options?: ExportOptions & { progress?: Progress | undefined },
  ): Promise<number>;
}

export function createExchange(store: Store): Exchange {
  return {
    import: (dataset, source, options) => importCsv(store, DATASETS[dataset], source, options),
    export: (dataset, output, options = {}) => exportCsv(store, DATASETS[dataset], output, options),
  };
}
