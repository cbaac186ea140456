import { z } from 'zod';

/*
 * PostgreSQL refuses the year 0 and SQLite stores any text, so `0000-01-01T00:00:00Z` was a 500 on one
 * and a 201 on the other; `9999-12-31T23:59:59-23:59` is in the year 10000, which JavaScript writes
 * as `+010000-…` and which then sorts before every other time in SQLite. Every instant and date a
 * caller sends is kept between these two, which both databases store, compare and return alike. The
 * first is where UUIDv7 time begins (an imported movement's id is made from its time); no stock
 * ledger in use today holds anything older.
 */
export const EARLIEST = '1970-01-01T00:00:00.000Z';
export const LATEST = '9999-12-31T23:59:59.999Z';
const earliest = Date.parse(EARLIEST);
const latest = Date.parse(LATEST);

const rangeMessage = `must be between ${EARLIEST.slice(0, 10)} and ${LATEST.slice(0, 10)} (UTC)`;

/** Whether a parsed time (milliseconds since the epoch) lies within the range Omnistock stores. */
export function isStorableTime(ms: number): boolean {
  return ms >= earliest && ms <= latest;
}

/**
 * A point in time as an ISO-8601 date-time that says its offset (`Z`, `+02:00`): a bare local time
 * is ambiguous across a network of locations.
 *
 * @example
 * const OccurredAt = instant('must be an ISO-8601 date-time, e.g. 2026-11-26T09:30:00Z');
 */
export function instant(message = 'must be an ISO-8601 date-time with an offset, e.g. 2026-11-26T09:30:00Z') {
  return z.iso
    .datetime({ offset: true, error: message })
    .refine((at) => isStorableTime(Date.parse(at)), rangeMessage)
    .describe(`An ISO-8601 date-time with an offset, from ${EARLIEST} to ${LATEST}`);
}

/**
 * A calendar day, `YYYY-MM-DD`.
 *
 * @example
 * const day = calendarDate(); // '2026-03-01'
 */
export function calendarDate() {
  return z.iso
    .date({ error: 'must be a date, YYYY-MM-DD' })
    .refine((day) => isStorableTime(Date.parse(`${day}T00:00:00Z`)), rangeMessage)
    .describe(`A day, YYYY-MM-DD, from ${EARLIEST.slice(0, 10)} to ${LATEST.slice(0, 10)}`);
}
