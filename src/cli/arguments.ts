import { InvalidArgumentError } from 'commander';
import { calendarDate, EARLIEST, isStorableTime, LATEST } from '../input/index.js';

/*
 * Parsers for option values. A value they refuse is a usage error: commander prints the option, the
 * value, the reason and the usage hint, and the command exits 2 without touching the database.
 */

/**
 * A whole number of at least `min`.
 *
 * @example
 * .option('--horizon <days>', 'days to forecast', wholeNumber(1), 28)
 */
export function wholeNumber(min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isSafeInteger(n) || n < min)
      throw new InvalidArgumentError(`expected a whole number of at least ${min}`);
    return n;
  };
}

/**
 * A number above zero, fractions allowed.
 *
 * @example
 * .option('--seconds <n>', 'seconds per measurement', positiveNumber, 5)
 */
/** A number of 0 or more, such as a rate or a cost that may be nothing. */
export function nonNegativeNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0)
    throw new InvalidArgumentError('expected a number of 0 or more');
  return n;
}

export function positiveNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0)
    throw new InvalidArgumentError('expected a number above zero');
  return n;
}

/**
 * `column=Header`, repeatable, collected into a mapping: `--map sku=Article --map quantity=Qty`.
 *
 * @example
 * .option('-m, --map <column=Header>', 'read a column from another header', columnMapping, {})
 */
export function columnMapping(value: string, previous: Record<string, string>): Record<string, string> {
  const at = value.indexOf('=');
  if (at <= 0 || at === value.length - 1) throw new InvalidArgumentError('expected column=Header');
  return { ...previous, [value.slice(0, at).trim()]: value.slice(at + 1).trim() };
}

/**
 * A date or ISO-8601 time within the range Omnistock stores, as an ISO instant.
 *
 * @example
 * .option('--as-of <time>', 'stock at this time', instantArgument)
 */
export function instantArgument(value: string): string {
  const at = Date.parse(value);
  if (!Number.isFinite(at)) throw new InvalidArgumentError('expected a date or an ISO-8601 time');
  if (!isStorableTime(at))
    throw new InvalidArgumentError(`expected a time from ${EARLIEST.slice(0, 10)} to ${LATEST.slice(0, 10)}`);
  return new Date(at).toISOString();
}

/**
 * A calendar day, YYYY-MM-DD, within the range Omnistock stores.
 *
 * @example
 * .option('--until <day>', 'the last day of history', dayArgument)
 */
export function dayArgument(value: string): string {
  const parsed = calendarDate().safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError(parsed.error.issues[0]?.message ?? 'expected a day, YYYY-MM-DD');
  return parsed.data;
}
