import { rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { Argument, Command, Option } from 'commander';
import { DATASET_NAMES, DATASETS, exportCsv, importCsv } from '../exchange/index.js';
import type { DatasetName, ImportReport } from '../exchange/index.js';
import { columnMapping, instantArgument } from './arguments.js';
import { configuredMappings } from './config.js';
import { databaseOption, withStore } from './database.option.js';
import { openInput, openOutput } from './files.js';
import { terminalProgress } from '../progress/index.js';

const datasetArgument = () =>
  new Argument('<dataset>', 'what the file holds').choices(DATASET_NAMES as unknown as string[]);

const datasetList = DATASET_NAMES.map((name) => `  ${name.padEnd(16)}${DATASETS[name].summary}`).join('\n');
const columnList = DATASET_NAMES.map(
  (name) => `  ${name.padEnd(16)}${DATASETS[name].columns.map((c) => (c.required ? c.name : `[${c.name}]`)).join(',')}`,
).join('\n');

export function importCommand(): Command {
  return new Command('import')
    .description(
      'Import a CSV file (any dataset but forecasts and policies, which are export only). The whole file is checked first; a file with errors imports nothing (unless --skip-errors) and every bad row is reported with its line, column and reason. Importing the same file twice changes nothing the second time. Reads the file as a stream, so its size does not matter.',
    )
    .addArgument(datasetArgument())
    .argument('<file>', "the CSV file, with a header line ('-' for standard input)")
    .addOption(databaseOption())
    .option(
      '-m, --map <column=Header>',
      'read a column from a differently named header (repeatable)',
      columnMapping,
      {},
    )
    .option('-n, --dry-run', 'check the file and say what would change, without changing anything')
    .option('--skip-errors', 'import the good rows of a file that has bad ones')
    .option('--actor <name>', 'who the changes are recorded as made by', 'import')
    .option('--json', 'print the report as JSON')
    .addHelpText(
      'after',
      `
Datasets:
${datasetList}

Columns ([optional]; export writes them all, in this order):
${columnList}

Cells: numbers with a '.' decimal point, booleans as true/false (or yes/no, 1/0), dates as
YYYY-MM-DD, times as ISO-8601 with an offset (2026-03-01T09:30:00Z); an empty cell takes the default.
Opening stock ('stock') sets each row's on-hand quantity by posting the difference as an adjustment.
Movements without an id get one made from their content and line, so a re-import posts nothing twice.

Examples:
  omnistock import products products.csv --dry-run
  omnistock import stock shelf-count.csv --map location=Store --map sku=Article --map quantity=Qty
  omnistock export movements - | omnistock import movements - --database postgres://…/other`,
    )
    .action(
      async (
        name: DatasetName,
        file: string,
        options: {
          database?: string;
          map: Record<string, string>;
          dryRun?: boolean;
          skipErrors?: boolean;
          actor: string;
          json?: boolean;
        },
      ) => {
        const mapping = Object.keys(options.map).length > 0 ? options.map : configuredMappings(name);
        // The file is opened before the database: a wrong path is said at once, and nothing is opened for it.
        const input = file === '-' ? { stream: process.stdin, size: 0 } : await openInput(file);
        const report = await withStore(options.database, (store) =>
          importCsv(store, DATASETS[name], input.stream, {
            mapping,
            dryRun: options.dryRun,
            skipErrors: options.skipErrors,
            actor: options.actor,
            progress: terminalProgress(),
            size: input.size,
          }),
        ).finally(() => {
          if (input.stream !== process.stdin) input.stream.destroy();
        });
        process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : describeReport(report));
        // Any bad row is a failure for scripts, even when the good rows were imported.
        if (report.errorCount > 0) process.exitCode = 1;
      },
    );
}

export function exportCommand(): Command {
  return new Command('export')
    .description(
      'Export a dataset as CSV, in the format import reads, so that a round trip is lossless (forecasts and policies are export only: the latest forecast run, a row per location, SKU and day; the latest plan’s reorder point and order-up-to level per location, SKU and period). Streams page by page.',
    )
    .addArgument(datasetArgument())
    .argument('[file]', "where to write ('-' or none for standard output)", '-')
    .addOption(databaseOption())
    .addOption(
      new Option('--as-of <time>', 'stock only: on-hand stock at this time, folded from the ledger').argParser(
        instantArgument,
      ),
    )
    .addHelpText(
      'after',
      `\nDatasets:\n${datasetList}\n\nExamples:\n  omnistock export stock stock-2026-06-30.csv --as-of 2026-06-30T23:59:59Z\n  omnistock export forecasts forecasts.csv   # after omnistock forecast\n  omnistock export policies policies.csv     # after omnistock plan`,
    )
    .action(async function (
      this: Command,
      name: DatasetName,
      file: string,
      options: { database?: string; asOf?: string },
    ) {
      if (options.asOf && name !== 'stock') this.error('error: --as-of applies to the stock dataset only');
      const rows = await withStore(options.database, async (store) => {
        // Opened once the database is: a database that cannot be opened leaves no empty file behind.
        const output = file === '-' ? process.stdout : await openOutput(file);
        try {
          const written = await exportCsv(store, DATASETS[name], output, {
            asOf: options.asOf,
            progress: file === '-' ? undefined : terminalProgress(),
          });
          if (output !== process.stdout) await finished(output.end());
          return written;
        } catch (error) {
          // A file cut short (or empty: forecasts before any run) must not pass for an export.
          if (output !== process.stdout) {
            output.destroy();
            await rm(file, { force: true });
          }
          throw error;
        } finally {
          if (output !== process.stdout) output.destroy();
        }
      });
      if (file !== '-') process.stderr.write(`Exported ${rows.toLocaleString('en')} ${name} rows to ${file}.\n`);
    });
}

/** What a person reads after an import: the counts, then each error with its line and column. */
export function describeReport(report: ImportReport): string {
  const verb = report.applied ? '' : 'would be ';
  const lines = [
    `${report.dataset}: ${report.rows.toLocaleString('en')} rows — ${report.created} ${verb}created, ${report.updated} ${verb}updated, ${report.unchanged} unchanged`,
  ];
  if (report.unusedHeaderCount > 0) {
    const more = report.unusedHeaderCount - report.unusedHeaders.length;
    lines.push(`Ignored columns: ${report.unusedHeaders.join(', ')}${more > 0 ? ` … and ${more} more` : ''}`);
  }
  if (report.errorCount > 0) {
    const where = report.badRows > 0 ? ` in ${report.badRows} row${report.badRows === 1 ? '' : 's'}` : '';
    lines.push(
      `${report.errorCount} error${report.errorCount === 1 ? '' : 's'}${where}:`,
      ...report.errors.map((e) => `  line ${e.line}${e.column ? `, ${e.column}` : ''}: ${e.reason}`),
    );
    if (report.errorCount > report.errors.length)
      lines.push(`  … and ${report.errorCount - report.errors.length} more`);
  }
  if (report.dryRun) lines.push('Dry run: nothing was changed.');
  else if (!report.applied)
    lines.push('Nothing was imported: fix the rows above, or add --skip-errors to import the others.');
  else if (report.errorCount > 0) lines.push(`The ${report.badRows} bad rows were skipped; the others were imported.`);
  return `${lines.join('\n')}\n`;
}
