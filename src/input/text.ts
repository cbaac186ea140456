import { z } from 'zod';

/*
 * What a string a caller sends may hold. Both databases must answer the same input the same way, and
 * they do not where it matters most: PostgreSQL cannot store a NUL (U+0000) and fails the statement,
 * SQLite stores it. Lone surrogates (half of a UTF-16 pair, no character at all) cannot be encoded as
 * UTF-8, so the drivers silently replace them with U+FFFD, which is also what invalid UTF-8 bytes in a
 * request or a CSV file decode to. So every string is checked here, at the schema, and refused with
 * 400 and its path, before any database sees it.
 *
 * Refused everywhere: the C0 controls (U+0000–U+001F), DEL and the C1 controls (U+007F–U+009F), the
 * line and paragraph separators U+2028 and U+2029 (they break lines in logs, CSV files and scripts
 * as a newline does), lone surrogates and U+FFFD. Multi-line text (a note) keeps tab and newline.
 * Identifiers also refuse every other invisible character (format characters such as U+200B or
 * U+202E, private-use and unassigned code points) and spaces at either end: `store-1` and `store-1 `
 * must not be two locations, nor look like one.
 */

/** One line of text: no control characters at all, not even a tab. */
const ONE_LINE = /^[^\p{Cc}\p{Cs}\u2028\u2029\uFFFD]*$/u;
/** Text of several lines: as one line, but tab (U+0009) and newline (U+000A) are kept. */
const LINES = /^(?:[\t\n]|[^\p{Cc}\p{Cs}\u2028\u2029\uFFFD])*$/u;
/** An identifier: visible characters (inner spaces allowed), starting and ending with neither space nor control. */
const IDENTIFIER = /^[^\p{C}\p{Z}\uFFFD](?:[^\p{C}\p{Zl}\p{Zp}\uFFFD]*[^\p{C}\p{Z}\uFFFD])?$/u;

const oneLineMessage =
  'must be one line of text: no control characters (tab, line break, NUL …), line separators or invalid Unicode';
const linesMessage =
  'must be text without control characters (line breaks and tabs are fine), line separators or invalid Unicode';
const identifierMessage =
  'must be visible characters only: no control or invisible characters, no invalid Unicode, no space at either end';
const codeMessage = (max: number) => `use 1–${max} letters, digits, ".", "_" or "-", starting with a letter or digit`;

/**
 * An id people type and read, `dc-north`, `STORE-042`, `PO-2026-0042`: ASCII letters, digits, `.`, `_`
 * and `-`, starting with a letter or digit. The ids Omnistock makes itself have the same shape.
 *
 * @example
 * const Sku = readableId(); // 'TEA-250G' passes, 'tea 250g' and '-x' do not
 */
export function readableId(max = 64) {
  return z
    .string()
    .regex(new RegExp(`^[A-Za-z0-9][A-Za-z0-9._-]{0,${max - 1}}$`), codeMessage(max))
    .describe(`1–${max} letters, digits, ".", "_" or "-", starting with a letter or digit`);
}

/**
 * A key something is looked up by, where its exact shape is another module's business: a path
 * parameter, a filter, a cursor, a reservation id, an idempotency key. Unknown keys are then answered
 * 404 (or an empty list) alike on both databases; malformed ones 400.
 *
 * @example
 * const params = z.object({ id: identifier() });
 */
export function identifier(max = 100) {
  return z
    .string()
    .min(1)
    .max(max)
    .regex(IDENTIFIER, identifierMessage)
    .describe(`1–${max} visible characters, no space at either end`);
}

/**
 * One line of text a person writes: a name, a reason, a reference. Spaces at either end are trimmed
 * (a control character is refused first, so a trailing newline is an error, not trimmed away).
 *
 * @example
 * const Reason = singleLine(500, 'give a reason');
 */
export function singleLine(max: number, emptyMessage?: string) {
  return z
    .string()
    .regex(ONE_LINE, oneLineMessage)
    .trim()
    .min(1, emptyMessage === undefined ? undefined : { error: emptyMessage })
    .max(max)
    .describe(`One line of text, 1–${max} characters once trimmed, without control characters`);
}

/**
 * Text of several lines a person writes, such as a note: like `singleLine`, but tabs and line breaks
 * (`\n`) are kept; `\r` is not, so that a note reads the same wherever it is shown.
 *
 * @example
 * const note = multiLine(500).optional();
 */
export function multiLine(max: number) {
  return z
    .string()
    .regex(LINES, linesMessage)
    .trim()
    .max(max)
    .describe(`Text of up to ${max} characters; line breaks (\\n) and tabs kept, no other control characters`);
}
