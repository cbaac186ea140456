export type { Column, RowError } from './cells.js';
export type { ColumnMapping } from './csv.js';
export { DATASET_NAMES } from './dataset.js';
export type { Dataset, DatasetName, ExportOptions, ImportCounts } from './dataset.js';
export { DATASETS } from './datasets.js';
export { exportCsv } from './export.js';
export { ERRORS_LISTED, importCsv } from './import.js';
export type { ImportOptions, ImportReport } from './import.js';
export { OPENING_STOCK_REASON } from './stock.dataset.js';
