import type { Progress } from '../progress/index.js';
import { DomainError, parseInput } from '../errors/index.js';
import { requireSubjects } from '../ledger/index.js';
import { addDays } from '../calendar/index.js';
import { chunks, newId, toIsoString } from '../store/index.js';
import type { Store } from '../store/index.js';
import { LeadTimeQuery, STOPPED_EARLY_EXAMPLES } from './forecasts.schemas.js';
import type {
  AggregateForecast,
  Forecast,
  ForecastAccuracy,
  ForecastRun,
  LeadTimeDemand,
  SkuForecast,
} from './forecasts.schemas.js';
import { leadTimeDemand } from './uncertainty.js';
import type { MethodName } from './methods.js';
import { toForecast } from './forecast.repository.js';
import { createForecastList } from './forecast-list.js';
import { forecastInParallel } from './pool.js';
import { readHistory } from './run-history.js';
import { seriesContexts } from './run-context.js';
import { promotionsOverlapping } from './promotions.service.js';
import type { Selectable } from 'kysely';
import type { ForecastRunTable } from '../store/index.js';

export interface RunOptions {
  horizon?: number;
  season?: number;
  /** Worker threads (default: one per core). */
  workers?: number;
  actor: string;
  progress?: Progress;
  /**
   * The last day of history, YYYY-MM-DD (UTC), not after yesterday: the forecast starts the day after.
   * By default the last day with a sales record anywhere in the network (an imported day, even of no
   * sales, or a sale or return in the ledger), at
   * the latest yesterday, so that a history imported up to some past day is forecast from that day on.
   */
  until?: string;
}

export interface Forecasts {
  /** Forecasts every SKU × location with sales, and stores the run. */
  run(options: RunOptions): Promise<ForecastRun>;
  latestRun(): Promise<ForecastRun>;
  forLocation(sku: string, location: string): Promise<Forecast>;
  /** A SKU at every location, summed by region and for the network (bottom-up). */
  forSku(sku: string): Promise<SkuForecast>;
  accuracy(): Promise<ForecastAccuracy>;
  /** A SKU's demand at a location over the next `days` days (a lead time), from the latest run. */
  leadTimeDemand(query: LeadTimeQuery): Promise<LeadTimeDemand>;
  /** The latest run's mean daily demand per location and SKU over its first weeks; null before any run. */
  dailyDemand(): Promise<DailyDemand | null>;
}

/** Mean units a day each SKU is expected to sell at each location, from one forecast run. */
export interface DailyDemand {
  runId: string;
  /** The first forecast day. */
  from: string;
  /** How many forecast days the mean is over. */
  days: number;
  /** Location → SKU → units a day. */
  perLocation: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

/** Days of supply look this far ahead: the weeks a replenishment decision covers. */
const DEMAND_WINDOW_DAYS = 28;

const ROWS_PER_INSERT = 200;

/** What a run found worth saying, stored with it as JSON. */
interface RunSummary {
  stoppedEarly: ForecastRun['stoppedEarly'];
  unmeasured: number;
  censoredDays: number;
  promoted: number;
}

function toRun(row: Selectable<ForecastRunTable>): ForecastRun {
  const summary = row.summary === null ? null : (JSON.parse(row.summary) as RunSummary);
  return {
    id: row.id,
    startedAt: toIsoString(row.started_at),
    finishedAt: toIsoString(row.finished_at),
    horizon: row.horizon,
    season: row.season,
    historyUntil: row.history_until,
    series: row.series,
    from: addDays(row.history_until, 1),
    methods: JSON.parse(row.methods) as ForecastRun['methods'],
    createdBy: row.created_by,
    stoppedEarly: summary?.stoppedEarly ?? { series: 0, examples: [] },
    unmeasured: summary?.unmeasured ?? null,
    censoredDays: summary?.censoredDays ?? null,
    promoted: summary?.promoted ?? null,
  };
}

/** Sums forecasts day by day; σ of the sum assumes the series' errors are independent. */
export function sumForecasts(
  parts: readonly { mean: readonly number[]; sigma: number }[],
  horizon: number,
): AggregateForecast {
  const mean = new Array<number>(horizon).fill(0);
  let variance = 0;
  for (const part of parts) {
    part.mean.forEach((m, i) => (mean[i] = mean[i]! + m));
    variance += part.sigma ** 2;
  }
  return { mean, sigma: Math.sqrt(variance), series: parts.length };
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const members = groups.get(key(item));
    if (members) members.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

const average = (values: readonly number[]) =>
  values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;

/**
 * @example
 * const forecasts = createForecasts(store);
 * await forecasts.run({ actor: 'pia', horizon: 28 });
 * const tea = await forecasts.forSku('TEA-1'); // per location, per region, network
 */
export function createForecasts(store: Store): Forecasts {
  const { db } = store;

  async function latestRun(): Promise<ForecastRun> {
    const row = await db
      .selectFrom('forecast_runs')
      .selectAll()
      .orderBy('finished_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!row)
      throw new DomainError(
        'not_found',
        'No forecast has been run yet: run `omnistock forecast` or POST /forecasts/runs',
        {},
      );
    return toRun(row);
  }
  const firstDay = (run: ForecastRun) => run.from;
  // A run never changes once stored: its demand is read and parsed once, then kept until a newer run.
  let demandOfRun: DailyDemand | null = null;
  // One series is the forecast list's single read, so both answer it alike.
  const list = createForecastList(store, { latestRun });

  return {
    async run(options) {
      const horizon = options.horizon ?? 28;
      const season = options.season ?? 7;
      const startedAt = new Date().toISOString();
      const { until, keys, values, stopped, censoredDays } = await readHistory(store, options);
      const longest = values.reduce((most, v) => Math.max(most, v.length), 0);
      const contexts = seriesContexts(keys, values, {
        until,
        horizon,
        season,
        promotions: await promotionsOverlapping(store, addDays(until, 1 - longest), addDays(until, horizon)),
      });
      options.progress?.start(`Forecasting ${values.length.toLocaleString('en')} series`, values.length);
      const results = await forecastInParallel(
        values,
        { horizon, season },
        {
          ...(options.workers ? { workers: options.workers } : {}),
          done: (n) => options.progress?.tick(n),
          contexts,
        },
      );
      options.progress?.stop();

      const methods: ForecastRun['methods'] = {};
      for (const r of results) methods[r.method] = (methods[r.method] ?? 0) + 1;
      const summary: RunSummary = {
        stoppedEarly: { series: stopped.length, examples: stopped.slice(0, STOPPED_EARLY_EXAMPLES) },
        unmeasured: results.filter((r) => !r.measured).length,
        censoredDays,
        promoted: results.filter((r) => r.promotion !== null).length,
      };
      const run: ForecastRun = {
        id: newId(),
        startedAt,
        finishedAt: new Date().toISOString(),
        horizon,
        season,
        historyUntil: until,
        from: addDays(until, 1),
        series: results.length,
        methods,
        createdBy: options.actor,
        ...summary,
      };
      await store.transaction(async (trx) => {
        await trx
          .insertInto('forecast_runs')
          .values({
            id: run.id,
            started_at: run.startedAt,
            finished_at: run.finishedAt,
            horizon,
            season,
            history_until: until,
            series: run.series,
            methods: JSON.stringify(methods),
            created_by: options.actor,
            summary: JSON.stringify(summary),
          })
          .execute();
        const rows = results.map((r, i) => ({
          run_id: run.id,
          sku: keys[i]!.sku,
          location_id: keys[i]!.locationId,
          method: r.method,
          params: JSON.stringify(r.params),
          mean: JSON.stringify(r.mean.map((m) => Math.round(m * 1e4) / 1e4)),
          sigma: r.sigma,
          intermittent: r.intermittent ? 1 : 0,
          quantiles: r.quantiles === null ? null : JSON.stringify(r.quantiles),
          // Scores over a backtest without sales choose a method but measure nothing: no rmsse to report.
          rmsse: r.measured ? r.rmsse : null,
          scores: JSON.stringify(r.scores),
          sigmas: JSON.stringify(r.spread.sigmas.map((s) => Math.round(s * 1e4) / 1e4)),
          error_correlation: Math.round(r.spread.errorCorrelation * 1e4) / 1e4,
          notes: JSON.stringify([...keys[i]!.notes, ...r.notes]),
          combined: JSON.stringify(r.combined),
          promotion: r.promotion === null ? null : JSON.stringify(r.promotion),
        }));
        for (const part of chunks(rows, ROWS_PER_INSERT))
          await trx.insertInto('forecast_series').values(part).execute();
      });
      return run;
    },

    latestRun,

    forLocation: (sku, location) => list.one({ sku, location }),

    async forSku(sku) {
      await requireSubjects(db, store.capabilities, [], [sku]);
      const run = await latestRun();
      const rows = await db
        .selectFrom('forecast_series as f')
        .innerJoin('locations as l', 'l.id', 'f.location_id')
        .selectAll('f')
        .select('l.region')
        .where('f.run_id', '=', run.id)
        .where('f.sku', '=', sku)
        .orderBy('f.location_id')
        .execute();
      const locations = rows.map((r) => ({ ...toForecast(r, firstDay(run)), region: r.region }));
      const regions = groupBy(locations, (l) => l.region);
      return {
        sku,
        runId: run.id,
        from: firstDay(run),
        locations,
        regions: [...regions].map(([region, parts]) => ({ region, ...sumForecasts(parts, run.horizon) })),
        network: sumForecasts(locations, run.horizon),
      };
    },

    async dailyDemand() {
      const latest = await db
        .selectFrom('forecast_runs')
        .selectAll()
        .orderBy('finished_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!latest) return null;
      if (demandOfRun?.runId === latest.id) return demandOfRun;
      const run = toRun(latest);
      const days = Math.min(DEMAND_WINDOW_DAYS, run.horizon);
      const rows = await db
        .selectFrom('forecast_series')
        .select(['sku', 'location_id', 'mean'])
        .where('run_id', '=', run.id)
        .execute();
      const perLocation = new Map<string, Map<string, number>>();
      for (const row of rows) {
        const mean = (JSON.parse(row.mean) as number[]).slice(0, days);
        const perDay = mean.reduce((a, b) => a + b, 0) / Math.max(1, mean.length);
        const skus = perLocation.get(row.location_id) ?? new Map<string, number>();
        skus.set(row.sku, perDay);
        perLocation.set(row.location_id, skus);
      }
      demandOfRun = { runId: run.id, from: firstDay(run), days, perLocation };
      return demandOfRun;
    },

    async leadTimeDemand(raw) {
      const { sku, location, days } = parseInput(LeadTimeQuery, raw);
      const forecast = await this.forLocation(sku, location);
      const demand = leadTimeDemand(forecast.mean, forecast, days);
      return { sku, locationId: location, runId: forecast.runId, from: forecast.from, ...demand };
    },

    async accuracy() {
      const run = await latestRun();
      const rows = await db
        .selectFrom('forecast_series as f')
        .innerJoin('locations as l', 'l.id', 'f.location_id')
        .innerJoin('products as p', 'p.sku', 'f.sku')
        .select(['f.method', 'f.rmsse', 'f.scores', 'l.region', 'p.category'])
        .where('f.run_id', '=', run.id)
        .execute();
      // A series without an rmsse is left out of every mean: too short to backtest (no scores), or no
      // sale in its backtest window, where forecasting zero would score a perfect 0.
      const accuracyOf = (members: typeof rows) => {
        const measured = members.flatMap((m) => (m.rmsse === null ? [] : [m.rmsse]));
        return { series: members.length, measured: measured.length, meanRmsse: average(measured) };
      };
      const group = <K>(key: (r: (typeof rows)[number]) => K) =>
        [...groupBy(rows, key)].map(([k, members]) => ({ key: k, ...accuracyOf(members) }));
      const unmeasured = rows.filter((r) => r.rmsse === null);
      const tooShort = unmeasured.filter((r) => r.scores === '[]').length;
      return {
        runId: run.id,
        ...accuracyOf(rows),
        unmeasured: { tooShort, noSales: unmeasured.length - tooShort },
        byMethod: group((r) => r.method as MethodName)
          .map(({ key, ...rest }) => ({ method: key, ...rest }))
          .sort((a, b) => b.series - a.series),
        byCategory: group((r) => r.category).map(({ key, ...rest }) => ({ category: key, ...rest })),
        byRegion: group((r) => r.region).map(({ key, ...rest }) => ({ region: key, ...rest })),
      };
    },
  };
}
