import type { z } from 'zod';
import { EARLIEST, excerpt, isStorableTime, LATEST } from '../input/index.js';
import type { RowError } from './exchange.schemas.js';

/** How a column's text becomes a value, and back: what a CSV cell may hold. */
export type CellType = 'text' | 'number' | 'integer' | 'boolean' | 'timestamp' | 'date';

export interface Column {
  /** The header, in snake_case: `parent_id`. The row's field is its camelCase: `parentId`. */
  name: string;
  type: CellType;
  /** Whether the header must be in the file (a cell may still be empty where the field has a default). */
  required?: boolean;
}

// Each digit has one place to go: `\d+\.?\d*` backtracked quadratically on a long run of digits and a bad end.
const NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;
const INTEGER = /^[-+]?\d+$/;
const TRUE = new Set(['true', 'yes', '1', 'y']);
const FALSE = new Set(['false', 'no', '0', 'n']);
/** An ISO date, or an ISO date-time that says its offset (`Z`, `+02:00`): a bare time is ambiguous. */
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

const outOfRange = `is outside ${EARLIEST.slice(0, 10)} to ${LATEST.slice(0, 10)}`;

/** The value of a non-empty cell, or the reason it is not one (quoting the cell, cut short if long). */
export function readCell(type: CellType, text: string): { value: unknown } | { reason: string } {
  const quoted = `'${excerpt(text)}'`;
  switch (type) {
    case 'text':
      return { value: text };
    case 'number': {
      const value = Number(text);
      return NUMBER.test(text) && Number.isFinite(value) ? { value } : { reason: `${quoted} is not a number` };
    }
    case 'integer': {
      const value = Number(text);
      return INTEGER.test(text) && Number.isSafeInteger(value)
        ? { value }
        : { reason: `${quoted} is not a whole number` };
    }
    case 'boolean': {
      const lower = text.toLowerCase();
      if (TRUE.has(lower)) return { value: true };
      if (FALSE.has(lower)) return { value: false };
      return { reason: `${quoted} is not true or false` };
    }
    case 'date':
      if (!DATE.test(text) || !isRealDate(text)) return { reason: `${quoted} is not a date (YYYY-MM-DD)` };
      return isStorableTime(Date.parse(`${text}T00:00:00Z`)) ? { value: text } : { reason: `${quoted} ${outOfRange}` };
    case 'timestamp': {
      const at = DATE.test(text) ? Date.parse(`${text}T00:00:00Z`) : Date.parse(text);
      const readable = DATE.test(text)
        ? isRealDate(text)
        : DATE_TIME.test(text) && Number.isFinite(at) && isRealDate(text.slice(0, 10));
      if (!readable) return { reason: `${quoted} is not a date-time with an offset (2026-03-01T09:30:00Z)` };
      return isStorableTime(at) ? { value: new Date(at).toISOString() } : { reason: `${quoted} ${outOfRange}` };
    }
  }
}

function isRealDate(date: string): boolean {
  const at = new Date(`${date}T00:00:00Z`);
  return Number.isFinite(at.getTime()) && at.toISOString().slice(0, 10) === date;
}

/** A value as a CSV cell: empty for null, ISO for times, plain digits for numbers (they round-trip exactly). */
export function writeCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

export const camelCase = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
export const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Reads a record (header → cell text) into a row of `schema`: empty cells are left out so the
 * schema's defaults apply, cells are typed by their column, and every problem is named by column.
 */
export function readRow<T>(
  columns: readonly Column[],
  schema: z.ZodType<T>,
  record: Readonly<Record<string, string>>,
  line: number,
): { row: T } | { errors: RowError[] } {
  const errors: RowError[] = [];
  const input: Record<string, unknown> = {};
  for (const column of columns) {
    const text = record[column.name]?.trim() ?? '';
    if (text === '') continue;
    const cell = readCell(column.type, text);
    if ('reason' in cell) errors.push({ line, column: column.name, reason: cell.reason });
    else input[camelCase(column.name)] = cell.value;
  }
  if (errors.length > 0) return { errors };
  const parsed = schema.safeParse(input);
  if (parsed.success) return { row: parsed.data };
  return {
    errors: parsed.error.issues.map((issue) => {
      const field = issue.path[0];
      const column = typeof field === 'string' ? snakeCase(field) : null;
      const empty = column !== null && input[camelCase(column)] === undefined;
      return { line, column, reason: empty ? 'must not be empty' : issue.message };
    }),
  };
}
