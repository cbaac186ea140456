import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { excerpt } from '../input/index.js';
import type { Column } from './cells.js';
import type { RowError } from './exchange.schemas.js';

/** Which header of the file holds each column: `{ sku: 'Article', quantity: 'Qty' }`. */
/** The longest line a CSV file may have (1 MiB: a row of any dataset is a few hundred bytes). */
const MAX_LINE_BYTES = 1024 * 1024;

export type ColumnMapping = Readonly<Record<string, string>>;

export interface CsvRecord {
  /** The record's line in the file (the header is line 1). */
  line: number;
  /** Cell text by column name (after mapping); columns the file lacks are absent. */
  cells: Record<string, string>;
  /** Bytes of the file read so far, for progress. */
  bytes: number;
}

export interface CsvReading {
  records: AsyncIterable<CsvRecord>;
  /** Problems with the file itself (unreadable lines, missing columns): known once `records` is drained. */
  problems: RowError[];
  /** The first headers (at most `HEADERS_LISTED`, each cut short) the file has that no column uses (ignored). */
  unusedHeaders: string[];
  /** How many headers no column uses, listed or not. */
  unusedHeaderCount: number;
}

/** A report lists this many unused headers at most: a file can have millions of cells in its header line. */
export const HEADERS_LISTED = 20;

/**
 * Reads a CSV stream record by record, never holding the file: the first line is the header, and
 * `mapping` says which header holds a column when the file names it differently. A line the parser
 * cannot read (an unclosed quote, too many cells) becomes a problem with its line, and reading goes on.
 */
export function readCsv(source: Readable, columns: readonly Column[], mapping: ColumnMapping = {}): CsvReading {
  const problems: RowError[] = [];
  const unusedHeaders: string[] = [];
  let unusedHeaderCount = 0;
  const byHeader = new Map<string, string>();
  for (const column of columns) byHeader.set(column.name, column.name);
  for (const [column, header] of Object.entries(mapping)) {
    byHeader.delete(column);
    byHeader.set(header, column);
  }
  let missing: Column[] | null = null;
  const parser = source.pipe(
    parse({
      bom: true,
      info: true,
      // A line is a row of a dataset: one far longer is not one, and would be held whole in memory.
      max_record_size: MAX_LINE_BYTES,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        const line = (error as { lines?: number } | undefined)?.lines ?? 0;
        // csv-parse quotes the offending cell in its message: keep the quote short.
        const reason = `unreadable line: ${excerpt(error?.message ?? 'bad CSV', 200)}`;
        // An overlong line is reported by every chunk of it that arrives: once is enough.
        const last = problems.at(-1);
        if (last?.line !== line || last.reason !== reason) problems.push({ line, column: null, reason });
      },
      columns: (headers: string[]) => {
        const named = headers.map((header) => {
          const column = byHeader.get(header.trim());
          if (column === undefined && unusedHeaderCount++ < HEADERS_LISTED) unusedHeaders.push(excerpt(header));
          // csv-parse drops a column named false: unused cells never reach a row.
          return column ?? false;
        });
        missing = columns.filter((c) => c.required && !named.includes(c.name));
        return named;
      },
    }),
  );
  source.on('error', (error) => parser.destroy(error));

  /** Every required column must have a header: a file without one is refused at line 1. */
  function headerProblems(): RowError[] {
    return (missing ?? columns.filter((c) => c.required)).map((column) => ({
      line: 1,
      column: column.name,
      reason: `the file has no '${excerpt(mapping[column.name] ?? column.name)}' column`,
    }));
  }

  async function* records(): AsyncGenerator<CsvRecord> {
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number; bytes: number };
    }>) {
      if (missing === null || missing.length > 0) break;
      yield { line: info.lines, cells: record, bytes: info.bytes };
    }
    problems.push(...headerProblems());
  }

  return {
    records: records(),
    problems,
    unusedHeaders,
    get unusedHeaderCount() {
      return unusedHeaderCount;
    },
  };
}
