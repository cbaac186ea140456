import { z } from 'zod';
import { HEADERS_LISTED } from './csv.js';
import { DATASET_NAMES } from './dataset.js';
import { ERRORS_LISTED } from './import.js';

export const RowError = z.object({
  line: z.number().int().describe('Line of the file, from 1 (the header)'),
  column: z.string().nullable().describe('The column at fault; null when it is the row as a whole'),
  reason: z.string().describe('What is wrong'),
});
/** One thing wrong with a row: its line in the file (1 = the header), the column, and why. */
export type RowError = z.output<typeof RowError>;

export const ImportReport = z
  .object({
    dataset: z.enum(DATASET_NAMES).describe('The dataset the file was read as'),
    rows: z.number().int().describe('Data rows in the file, the header not counted'),
    badRows: z
      .number()
      .int()
      .describe('Data rows with at least one error; a bad header is an error on line 1, not a bad row'),
    created: z.number().int().describe('Records the rows added (in a dry run: would add)'),
    updated: z.number().int().describe('Records the rows changed (in a dry run: would change)'),
    unchanged: z
      .number()
      .int()
      .describe('Rows that matched what is stored and changed nothing: the same file imported twice changes nothing'),
    errors: z.array(RowError).describe(`The first ${ERRORS_LISTED} errors, in file order; errorCount counts them all`),
    errorCount: z.number().int().describe('Errors found in the file, listed or not'),
    unusedHeaders: z
      .array(z.string())
      .describe(
        `the first ${HEADERS_LISTED} headers no column uses, each cut short; unusedHeaderCount counts them all`,
      ),
    unusedHeaderCount: z.number().int().describe('Headers in the file that no column uses: they are ignored'),
    dryRun: z.boolean().describe('Whether the file was only checked, to say what would change'),
    applied: z
      .boolean()
      .describe(
        'Whether anything was written: false for a dry run, and for a file with errors unless skipErrors was set',
      ),
  })
  .meta({ id: 'ImportReport', description: 'What a CSV import found and did' });
export type ImportReport = z.output<typeof ImportReport>;

/** What the rows of an import did, or would do in a dry run. */
export type ImportCounts = Pick<ImportReport, 'created' | 'updated' | 'unchanged'>;
