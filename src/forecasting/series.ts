import { dayNumber, dayText } from '../calendar/index.js';

/** A day's sales as recorded: an ISO date and the units sold (net of nothing: returns are apart). */
export interface DailyPoint {
  day: string;
  quantity: number;
}

/**
 * A series ready for the methods: one value per day, no gaps, nothing negative, and what was fixed.
 * A day whose demand is unknown (the location had no stock all day) is NaN: its zero sales say
 * nothing of demand, and `forecastSeries` treats it as missing, not as zero.
 */
export interface PreparedSeries {
  /** The first day, YYYY-MM-DD. */
  start: string;
  values: Float64Array;
  /** Days set to NaN because they were out of stock. */
  censored: number;
  notes: string[];
}

/**
 * Lays daily points out as a series from the first day with sales (or `from`) to `until`: days
 * without a record are zero sales, a negative day (more returned than sold) counts as zero, a day
 * recorded twice is summed, and a day in `outOfStock` is NaN (demand unknown). Each fix is said in
 * `notes`, so a forecast can be read with them.
 *
 * @example
 * prepareSeries([{ day: '2026-03-01', quantity: 4 }, { day: '2026-03-03', quantity: 2 }], { until: '2026-03-04' });
 * // { start: '2026-03-01', values: [4, 0, 2, 0], notes: ['2 days without a record counted as no sales'] }
 */
export function prepareSeries(
  points: readonly DailyPoint[],
  options: { from?: string; until?: string; outOfStock?: ReadonlySet<string> } = {},
): PreparedSeries {
  const notes: string[] = [];
  const days = points.map((p) => dayNumber(p.day));
  if (days.some((d) => !Number.isFinite(d))) throw new Error('every point needs a day as YYYY-MM-DD');
  const first = options.from ? dayNumber(options.from) : Math.min(...days);
  const last = options.until ? dayNumber(options.until) : Math.max(...days);
  if (points.length === 0 && (!options.from || !options.until))
    return { start: options.from ?? '', values: new Float64Array(), censored: 0, notes: ['no sales recorded'] };
  const values = new Float64Array(Math.max(0, last - first + 1));
  const seen = new Uint8Array(values.length);
  let negative = 0;
  let repeated = 0;
  let outside = 0;
  points.forEach((p, i) => {
    const at = days[i]! - first;
    if (at < 0 || at >= values.length) {
      outside += 1;
      return;
    }
    if (seen[at]) repeated += 1;
    seen[at] = 1;
    values[at] = values[at]! + p.quantity;
  });
  for (let i = 0; i < values.length; i++)
    if (values[i]! < 0) {
      negative += 1;
      values[i] = 0;
    }
  let censored = 0;
  for (const outOfStock of options.outOfStock ?? []) {
    const at = dayNumber(outOfStock) - first;
    if (at < 0 || at >= values.length) continue;
    values[at] = Number.NaN;
    seen[at] = 1;
    censored += 1;
  }
  const missing = seen.reduce((sum, s) => sum + (s ? 0 : 1), 0);
  if (missing > 0) notes.push(`${missing} day${missing === 1 ? '' : 's'} without a record counted as no sales`);
  if (negative > 0)
    notes.push(`${negative} day${negative === 1 ? '' : 's'} with more returned than sold counted as no sales`);
  if (repeated > 0) notes.push(`${repeated} day${repeated === 1 ? '' : 's'} recorded twice, summed`);
  if (outside > 0) notes.push(`${outside} point${outside === 1 ? '' : 's'} outside the period left out`);
  if (censored > 0)
    notes.push(`${censored} day${censored === 1 ? '' : 's'} out of stock: demand unknown, not counted as no sales`);
  return { start: dayText(first), values, censored, notes };
}
