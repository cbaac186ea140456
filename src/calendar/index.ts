/**
 * Calendar days as Omnistock writes them: `YYYY-MM-DD`, in UTC. Sales history, forecasts and the
 * ledger's days out of stock count in these, never in local time.
 */

/** A day in milliseconds: lead times, transit times and look-backs are counted in days. */
export const DAY_MS = 86_400_000;

/** The day's number since 1970-01-01 (day 0), for counting and laying days out in arrays. */
export const dayNumber = (day: string): number => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);

/** The day of a day number: `dayText(dayNumber(d)) === d`. */
export const dayText = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

/**
 * The day `days` after `day` (before it when negative).
 *
 * @example
 * addDays('2026-02-28', 1); // '2026-03-01'
 */
export const addDays = (day: string, days: number): string => dayText(dayNumber(day) + days);

/** Days from `from` to `to`: 1 for consecutive days, negative when `to` comes first. */
export const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from);

/** Yesterday in UTC: the last day that has ended. */
export const yesterday = (now = Date.now()): string => dayText(Math.floor(now / DAY_MS) - 1);
