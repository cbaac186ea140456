import { productFacts, realLocations } from '../catalog/index.js';
import { addDays, daysBetween, yesterday as lastDayEnded } from '../calendar/index.js';
import { validationFailed } from '../errors/index.js';
import { stockOutDays } from '../ledger/index.js';
import type { Progress } from '../progress/index.js';
import type { Store } from '../store/index.js';
import type { ForecastRun } from './forecasts.schemas.js';
import { STOPPED_EARLY_DAYS } from './forecasts.schemas.js';
import { dailySalesAt } from './sales-history.js';
import { prepareSeries } from './series.js';
import type { DailyPoint } from './series.js';
import type { SeriesSubject } from './promotion-calendar.js';

/** The history the methods look at (`forecastSeries`'s `maxHistory`), in days. */
const HISTORY_DAYS = 728;
/**
 * A stretch without stock longer than this is no stock-out but a product not carried there (delisted,
 * not yet listed): its days stay zero demand rather than being estimated from the sales around them.
 */
const LONGEST_STOCK_OUT_DAYS = 56;

/** The days of `days` that lie in runs of consecutive days no longer than `LONGEST_STOCK_OUT_DAYS`. */
function shortStretches(days: readonly string[]): Set<string> {
  const sorted = [...new Set(days)].sort();
  const kept = new Set<string>();
  let run: string[] = [];
  const close = () => {
    if (run.length <= LONGEST_STOCK_OUT_DAYS) for (const day of run) kept.add(day);
    run = [];
  };
  for (const day of sorted) {
    if (run.length > 0 && daysBetween(run[run.length - 1]!, day) !== 1) close();
    run.push(day);
  }
  close();
  return kept;
}

/** What a run forecasts from: each series laid out up to its origin, and what was found on the way. */
export interface RunHistory {
  /** The last day of history: the forecast starts the day after. */
  until: string;
  /** Each series' product and place (with the category and region promotions and pooling go by), and its notes. */
  keys: (SeriesSubject & { notes: string[] })[];
  /** One series per key, a value a day, NaN where the day was out of stock. */
  values: Float64Array[];
  /** Series whose last sale came long before `until`, silent longest first. */
  stopped: ForecastRun['stoppedEarly']['examples'];
  censoredDays: number;
}

/**
 * Reads every real location's daily sales and days out of stock, picks the origin (`until`, else the
 * last day with a sales record anywhere, at the latest yesterday) and lays out each SKU × location
 * with sales as a series for the methods.
 */
export async function readHistory(
  store: Store,
  options: { until?: string | undefined; progress?: Progress | undefined },
): Promise<RunHistory> {
  const { db } = store;
  const yesterday = lastDayEnded();
  if (options.until !== undefined && options.until > yesterday)
    throw validationFailed([
      { path: 'until', message: `must be a day that has ended: ${yesterday} or before, not ${options.until}` },
    ]);
  const locations = await realLocations(db);
  const categories = new Map([...(await productFacts(db))].map(([sku, facts]) => [sku, facts.category]));
  const histories: { sku: string; locationId: string; points: DailyPoint[]; flagged: Set<string> }[] = [];
  let lastRecord: string | null = null;
  options.progress?.start('Reading sales history', locations.length);
  for (const { id } of locations) {
    const bySku = new Map<string, { points: DailyPoint[]; flagged: Set<string> }>();
    for (const d of await dailySalesAt(store, id)) {
      if (d.day <= yesterday && (lastRecord === null || d.day > lastRecord)) lastRecord = d.day;
      const series = bySku.get(d.sku) ?? { points: [], flagged: new Set<string>() };
      series.points.push({ day: d.day, quantity: d.sold });
      if (d.stockedOut) series.flagged.add(d.day);
      bySku.set(d.sku, series);
    }
    for (const [sku, series] of bySku) histories.push({ sku, locationId: id, ...series });
    options.progress?.tick();
  }
  // A history that ended months ago is forecast from where it ends, not from today across a gap of zeros.
  const until = options.until ?? lastRecord ?? yesterday;
  // Days without stock, as the ledger tells, over the history the methods look at.
  const ledgerStockOuts = new Map<string, Map<string, Set<string>>>();
  options.progress?.start('Reading days out of stock', locations.length);
  for (const { id } of locations) {
    ledgerStockOuts.set(
      id,
      await stockOutDays(store, id, {
        from: addDays(until, -HISTORY_DAYS),
        until,
        longest: LONGEST_STOCK_OUT_DAYS,
      }),
    );
    options.progress?.tick();
  }
  let censoredDays = 0;
  const keys: RunHistory['keys'] = [];
  const regions = new Map(locations.map((l) => [l.id, l.region]));
  const values: Float64Array[] = [];
  const stopped: ForecastRun['stoppedEarly']['examples'] = [];
  for (const { sku, locationId, points, flagged } of histories) {
    const upToOrigin = points.filter((p) => p.day <= until);
    const sold = upToOrigin.filter((p) => p.quantity > 0);
    if (sold.length === 0) continue;
    // A day with a record of its own says itself whether it was out of stock (imported with
    // `stocked_out`); the ledger speaks for the days without one.
    const recorded = new Set(points.map((p) => p.day));
    const fromLedger = [...(ledgerStockOuts.get(locationId)?.get(sku) ?? [])].filter((d) => !recorded.has(d));
    const outOfStock = shortStretches([...flagged, ...fromLedger].filter((d) => d <= until));
    const prepared = prepareSeries(upToOrigin, { until, outOfStock });
    censoredDays += prepared.censored;
    const last = sold[sold.length - 1]!.day;
    const silent = daysBetween(last, until);
    if (silent > STOPPED_EARLY_DAYS) {
      stopped.push({ sku, locationId, lastSale: last });
      prepared.notes.push(`no sale in the ${silent} days before the forecast starts: its last was on ${last}`);
    }
    keys.push({
      sku,
      category: categories.get(sku) ?? null,
      locationId,
      region: regions.get(locationId) ?? '',
      notes: prepared.notes,
    });
    values.push(prepared.values);
  }
  stopped.sort((a, b) => (a.lastSale === b.lastSale ? 0 : a.lastSale < b.lastSale ? -1 : 1));
  return { until, keys, values, stopped, censoredDays };
}
