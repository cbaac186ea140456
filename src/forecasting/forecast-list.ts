import { z } from 'zod';
import { AnyLocationId, Cursor, inRegion, PageLimit, realLocations, Sku } from '../catalog/index.js';
import { DomainError, parseInput } from '../errors/index.js';
import { requireSubjects } from '../ledger/index.js';
import { toPage } from '../store/index.js';
import type { Page, Store } from '../store/index.js';
import type { Forecast, ForecastRun } from './forecasts.schemas.js';
import type { Forecasts } from './forecasts.service.js';
import { toForecast } from './forecast.repository.js';

/*
 * Reads of the latest run's series for lists and the export: a page of series in (SKU, location)
 * order, which is the order of the table's primary key, so a page is one index range and the whole
 * run is exported without sorting it again for every page.
 */

const CURSOR_SEPARATOR = '|';
/** Where a list of series goes on from: the last one's SKU and location (a SKU never holds a '|'). */
const ForecastCursor = Cursor.refine((c) => c.includes(CURSOR_SEPARATOR), 'must be a nextCursor of this list');
const forecastCursor = (f: Pick<Forecast, 'sku' | 'locationId'>) => `${f.sku}${CURSOR_SEPARATOR}${f.locationId}`;

export const ForecastListQuery = z.strictObject({
  location: AnyLocationId.optional().describe('Only this location'),
  sku: Sku.optional().describe('Only this product'),
  region: z.string().min(1).max(100).optional().describe("Only this region's locations"),
  after: ForecastCursor.optional().describe(
    "Where the page starts: the previous page's `nextCursor`; leave out for the first page",
  ),
  limit: PageLimit,
});
export type ForecastListQuery = z.input<typeof ForecastListQuery>;

/** The quantile levels the export writes and planning reads, as CSV columns `p10` … `p99`. */
export interface ForecastList {
  /**
   * The latest run's series that match the filters, a page in (SKU, location) order. A filter that
   * names an unknown SKU or location is `unknown_sku` / `unknown_location`, a region no location is
   * in `not_found`; before any run it is `not_found`.
   */
  list(query?: ForecastListQuery): Promise<Page<Forecast>>;
  /** One SKU's series at one location (in `region`, when given); `not_found` where it had no sales. */
  one(query: { sku: string; location: string; region?: string | undefined }): Promise<Forecast>;
  /** Every series of the latest run, a page at a time, with the run: what the export writes. */
  pages(): AsyncIterable<{ run: ForecastRun; series: Forecast[] }>;
}

/** Series a page of the export reads: with a 28-day horizon, some 28,000 CSV rows. */
const EXPORT_PAGE = 1_000;

/**
 * Lists over `runs`' latest run (its service says which run is the latest, and `not_found` before any).
 *
 * @example
 * const list = createForecastList(store, createForecasts(store));
 * const north = await list.list({ region: 'north', limit: 50 }); // { items, nextCursor }
 */
export function createForecastList(store: Store, runs: Pick<Forecasts, 'latestRun'>): ForecastList {
  const { db } = store;

  /** Unknown names are said so before anything about the forecast; returns a region's locations. */
  async function requireFilters(filters: {
    sku?: string | undefined;
    location?: string | undefined;
    region?: string | undefined;
  }) {
    if (filters.sku !== undefined || filters.location !== undefined)
      await requireSubjects(
        db,
        store.capabilities,
        filters.location === undefined ? [] : [filters.location],
        filters.sku === undefined ? [] : [filters.sku],
      );
    if (filters.region === undefined) return undefined;
    return inRegion(await realLocations(db), filters.region).map((l) => l.id);
  }

  /** One read for a page of the run's series (one more than `limit`, to tell whether another follows). */
  async function readPage(
    run: ForecastRun,
    filters: { sku?: string | undefined; location?: string | undefined; locations?: readonly string[] | undefined },
    after: string | undefined,
    limit: number,
  ): Promise<Page<Forecast>> {
    let query = db
      .selectFrom('forecast_series')
      .selectAll()
      .where('run_id', '=', run.id)
      .orderBy('sku')
      .orderBy('location_id')
      .limit(limit + 1);
    if (filters.sku !== undefined) query = query.where('sku', '=', filters.sku);
    if (filters.location !== undefined) query = query.where('location_id', '=', filters.location);
    if (filters.locations !== undefined) query = query.where('location_id', 'in', filters.locations);
    if (after !== undefined) {
      const cut = after.indexOf(CURSOR_SEPARATOR);
      const [sku, location] = [after.slice(0, cut), after.slice(cut + 1)];
      // A row comparison, which both databases read as a range of the primary key: each page starts
      // where the last ended instead of scanning the run from its start.
      query = query.where((eb) => eb(eb.refTuple('sku', 'location_id'), '>', eb.tuple(sku, location)));
    }
    const from = run.from;
    return toPage(
      (await query.execute()).map((row) => toForecast(row, from)),
      limit,
      forecastCursor,
    );
  }

  return {
    async list(raw = {}) {
      const query = parseInput(ForecastListQuery, raw);
      const locations = await requireFilters(query);
      const run = await runs.latestRun();
      return readPage(run, { sku: query.sku, location: query.location, locations }, query.after, query.limit);
    },

    async one({ sku, location, region }) {
      const locations = await requireFilters({ sku, location, region });
      const run = await runs.latestRun();
      const [series] = (await readPage(run, { sku, location, locations }, undefined, 1)).items;
      if (!series)
        throw new DomainError(
          'not_found',
          `The latest forecast has no series for ${sku} at ${location}${region === undefined ? '' : ` in region ${region}`} (no sales there)`,
          { sku, location, ...(region === undefined ? {} : { region }) },
        );
      return series;
    },

    async *pages() {
      const run = await runs.latestRun();
      let after: string | undefined;
      do {
        const page = await readPage(run, {}, after, EXPORT_PAGE);
        if (page.items.length > 0) yield { run, series: page.items };
        after = page.nextCursor ?? undefined;
      } while (after !== undefined);
    },
  };
}
