import { Command, Option } from 'commander';
import {
  benchApi,
  benchForecast,
  benchImport,
  benchLedger,
  benchOverview,
  benchPlanning,
  benchSourcing,
} from '../bench/index.js';
import { PANEL_PROFILES } from '../bench/index.js';
import type {
  ApiFigure,
  Comparison,
  ForecastFigures,
  ImportFigure,
  OverviewFigure,
  PanelProfile,
  PlanningFigures,
} from '../bench/index.js';
import { BENCH_SIMULATION } from '../demo/index.js';
import { positiveNumber, wholeNumber } from './arguments.js';
import { faultBenchCommands } from './bench-faults.command.js';
import { columns, postgres, print, slug, whole } from './bench-report.js';
import type { BenchResult } from './bench-report.js';
import { simulationRatios, simulationTable } from './simulation-report.js';
import { terminalProgress } from '../progress/index.js';

const LEDGER =
  'Posting (1 movement per transaction, batches of 1,000) and reservations (16 at once on one hot SKU), each against the bare driver writing the same rows.';
const API =
  'HTTP with autocannon: GET one stock row and POST one movement, each against a bare Fastify route answering a constant (the ceiling).';

const IMPORT =
  'CSV import of a generated movements file (both passes: check, then write) against posting the same movements through the ledger in batches of 1,000, with the peak memory of the import.';

const FORECAST =
  'Forecasting with automatic method selection on a synthetic panel shaped like the M5 competition (30,490 series of 1,941 days, the last 28 held out), in two profiles (retail: Poisson counts; hard: negative binomial counts, level shifts, stretches out of stock), each without and with the promotions calendar: time, series per second, RMSSE against seasonal naive, the true expected demand and the true demand without its promotions, coverage of the 80 % and 95 % intervals, peak memory.';

const SOURCING =
  'Order sourcing on a generated network (4 DCs, 40 stores, 2,000 SKUs) with 1,000 random orders: heuristic decisions per second, its cost gap to the exact optimum (HiGHS), and cost, parcels and km per unit against fixed priority, highest stock first and nearest per line.';

const PLANNING =
  'Planning: time to plan 100,000 SKU × location pairs (multi-echelon, cost-optimal service, 28 days of weekly policy rows) against a bare loop setting a reorder point per pair, with peak memory; then a simulated year of the demo-shaped network (1,000 SKUs × 20 stores × 3 DCs) under static min/max, Omnistock per-location and multi-echelon (each with and without rebalancing), a textbook 95 % per location, and Omnistock at the service matching min/max’s fill rate.';

const OVERVIEW =
  'The network overview on the default demo (with a forecast run): one GET /overview against the per-location and per-SKU stock reads it replaces, and against the bare driver reading every balance row.';

export function benchCommand(): Command {
  const bench = new Command('bench').description(
    'Measure throughput against a baseline taken in the same run, on SQLite and, when DATABASE_URL names one, PostgreSQL. Without a sub-command, runs them all.',
  );
  bench
    .command('all', { isDefault: true })
    .description('Every benchmark below, one after the other')
    .option('--json', 'print one JSON object: figure name → number')
    .option('--no-postgres', 'measure SQLite only')
    .action(async (options: { json?: boolean; postgres: boolean }) => {
      const postgresUrl = postgres(options);
      print(
        options,
        await ledger(postgresUrl, 1),
        await api(postgresUrl, 5, 10),
        await csvImport(postgresUrl, 200_000),
      );
    });
  bench
    .command('ledger')
    .description(LEDGER)
    .option('--json', 'print one JSON object: figure name → number')
    .option('--scale <factor>', 'multiply the operation counts', positiveNumber, 1)
    .option('--no-postgres', 'measure SQLite only')
    .action(async (options: { json?: boolean; scale: number; postgres: boolean }) => {
      print(options, await ledger(postgres(options), options.scale));
    });
  bench
    .command('api')
    .description(API)
    .option('--json', 'print one JSON object: figure name → number')
    .option('--seconds <n>', 'seconds per measurement', positiveNumber, 5)
    .option('--connections <n>', 'concurrent connections', positiveNumber, 10)
    .option('--no-postgres', 'measure SQLite only')
    .action(async (options: { json?: boolean; seconds: number; connections: number; postgres: boolean }) => {
      print(options, await api(postgres(options), options.seconds, options.connections));
    });
  bench
    .command('import')
    .description(IMPORT)
    .option('--json', 'print one JSON object: figure name → number')
    .option('--rows <n>', 'rows in the generated file', positiveNumber, 1_000_000)
    .option('--no-postgres', 'measure SQLite only')
    .action(async (options: { json?: boolean; rows: number; postgres: boolean }) => {
      print(options, await csvImport(postgres(options), Math.max(10, Math.round(options.rows))));
    });
  bench
    .command('forecast')
    .description(FORECAST)
    .option('--json', 'print one JSON object: figure name → number')
    .option('--series <n>', 'series in the panel', positiveNumber, 30_490)
    .option('--days <n>', 'days per series', positiveNumber, 1_941)
    .option('--workers <n>', 'worker threads (default: one per core)', positiveNumber)
    .addOption(
      new Option('--profile <profile>', 'the kind of panel series: retail, hard or all').choices([
        ...PANEL_PROFILES,
        'all',
      ]),
    )
    .action(async (options: { json?: boolean; series: number; days: number; workers?: number; profile?: string }) => {
      const profiles = PANEL_PROFILES.filter((p) => (options.profile ?? 'all') === 'all' || p === options.profile);
      print(options, await forecast(options.series, options.days, options.workers, profiles));
    });
  bench
    .command('sourcing')
    .description(SOURCING)
    .option('--json', 'print one JSON object: figure name → number')
    .option('--orders <n>', 'random orders', positiveNumber, 1000)
    .action(async (options: { json?: boolean; orders: number }) => {
      print(options, await sourcing(Math.max(1, Math.round(options.orders))));
    });
  bench
    .command('overview')
    .description(OVERVIEW)
    .option('--json', 'print one JSON object: figure name → number')
    .option('--rounds <n>', 'timed reads of each kind', positiveNumber, 30)
    .option('--no-postgres', 'measure SQLite only')
    .action(async (options: { json?: boolean; rounds: number; postgres: boolean }) => {
      print(options, await overview(postgres(options), Math.max(1, Math.round(options.rounds))));
    });
  bench
    .command('planning')
    .description(PLANNING)
    .option('--json', 'print one JSON object: figure name → number')
    .option('--pairs <n>', 'SKU × location pairs to plan', wholeNumber(1), 100_000)
    .option('--skus <n>', 'SKUs of the simulated network', wholeNumber(1), BENCH_SIMULATION.skus)
    .option('--stores <n>', 'stores of the simulated network', wholeNumber(1), BENCH_SIMULATION.stores)
    .option('--dcs <n>', 'DCs of the simulated network', wholeNumber(1), BENCH_SIMULATION.dcs)
    .option('--no-simulation', 'time planning only')
    .action(
      async (options: {
        json?: boolean;
        pairs: number;
        skus: number;
        stores: number;
        dcs: number;
        simulation: boolean;
      }) => {
        print(options, await planning(options));
      },
    );
  faultBenchCommands(bench);
  return bench;
}

async function ledger(postgresUrl: string | undefined, scale: number): Promise<BenchResult> {
  const results: Comparison[] = await benchLedger({ postgresUrl, scale, progress: terminalProgress() });
  const figures: Record<string, number> = {};
  for (const r of results) {
    const name = `ledger.${r.database}.${slug(r.measure)}`;
    figures[`${name}.ledger_per_s`] = Math.round(r.ledger);
    figures[`${name}.bare_per_s`] = Math.round(r.bare);
    figures[`${name}.ratio`] = Number(r.ratio.toFixed(3));
  }
  const table = columns(
    ['database', 'measure', 'ledger', 'bare driver', 'ratio', 'unit'],
    results.map((r) => [r.database, r.measure, whole(r.ledger), whole(r.bare), r.ratio.toFixed(2), r.unit]),
    [2, 3, 4],
  );
  return { figures, table };
}

async function api(postgresUrl: string | undefined, seconds: number, connections: number): Promise<BenchResult> {
  const results: ApiFigure[] = await benchApi({ postgresUrl, seconds, connections, progress: terminalProgress() });
  const figures: Record<string, number> = {};
  for (const f of results) {
    const name = `api.${f.database}.${slug(f.measure)}`;
    figures[`${name}.requests_per_s`] = Math.round(f.requestsPerSecond);
    figures[`${name}.p50_ms`] = f.p50Ms;
    figures[`${name}.p99_ms`] = f.p99Ms;
    figures[`${name}.ratio`] = Number(f.ratio.toFixed(3));
  }
  const table = columns(
    ['database', 'measure', 'requests/s', 'p50 ms', 'p99 ms', 'ratio'],
    results.map((f) => [
      f.database,
      f.measure,
      whole(f.requestsPerSecond),
      String(f.p50Ms),
      String(f.p99Ms),
      f.ratio.toFixed(2),
    ]),
    [2, 3, 4, 5],
  );
  return { figures, table };
}

async function overview(postgresUrl: string | undefined, rounds: number): Promise<BenchResult> {
  const results: OverviewFigure[] = await benchOverview({ postgresUrl, rounds, progress: terminalProgress() });
  const figures: Record<string, number> = {};
  for (const f of results) {
    const name = `overview.${f.database}.${slug(f.measure)}`;
    figures[`${name}.p50_ms`] = f.p50Ms;
    figures[`${name}.p95_ms`] = f.p95Ms;
    figures[`${name}.ratio`] = Number(f.ratio.toFixed(3));
  }
  const table = columns(
    ['database', 'measure', 'calls', 'p50 ms', 'p95 ms', '÷ overview'],
    results.map((f) => [
      f.database,
      f.measure,
      whole(f.calls),
      f.p50Ms.toFixed(1),
      f.p95Ms.toFixed(1),
      f.ratio.toFixed(2),
    ]),
    [2, 3, 4, 5],
  );
  return { figures, table };
}

async function forecast(
  series: number,
  days: number,
  workers: number | undefined,
  profiles: readonly PanelProfile[],
): Promise<BenchResult> {
  const runs: ForecastFigures[] = [];
  for (const profile of profiles)
    for (const calendar of [false, true])
      runs.push(
        await benchForecast({
          series: Math.max(1, Math.round(series)),
          days: Math.max(60, Math.round(days)),
          ...(workers ? { workers: Math.max(1, Math.round(workers)) } : {}),
          profile,
          calendar,
          progress: terminalProgress(),
        }),
      );
  const figures: Record<string, number> = {};
  for (const f of runs) {
    const name = `forecast.${f.profile}.${f.calendar ? 'calendar' : 'no_calendar'}`;
    Object.assign(figures, {
      [`${name}.series`]: f.series,
      [`${name}.days`]: f.days,
      [`${name}.seconds`]: Number(f.seconds.toFixed(1)),
      [`${name}.series_per_s`]: Math.round(f.seriesPerSecond),
      [`${name}.rmsse`]: Number(f.rmsse.chosen.toFixed(4)),
      [`${name}.rmsse_seasonal_naive`]: Number(f.rmsse.seasonalNaive.toFixed(4)),
      [`${name}.rmsse_truth`]: Number(f.rmsse.truth.toFixed(4)),
      [`${name}.ratio_to_seasonal_naive`]: Number(f.ratioToSeasonalNaive.toFixed(4)),
      [`${name}.ratio_to_truth`]: Number(f.ratioToTruth.toFixed(4)),
      [`${name}.rmsse_promotion_blind`]: Number(f.rmsse.promotionBlind.toFixed(4)),
      [`${name}.ratio_to_promotion_blind`]: Number(f.ratioToPromotionBlind.toFixed(4)),
      [`${name}.peak_rss_mb`]: f.peakRssMb,
      [`${name}.coverage_80`]: Number(f.coverage.interval80.toFixed(4)),
      [`${name}.coverage_95`]: Number(f.coverage.interval95.toFixed(4)),
    });
  }
  const table = columns(
    [
      'profile',
      'calendar',
      'series',
      'seconds',
      'series/s',
      'RMSSE',
      'seasonal naive',
      'truth',
      '÷ naive',
      '÷ truth',
      '÷ blind',
      'in 80 %',
      'in 95 %',
      'peak MB',
    ],
    runs.map((f) => [
      f.profile,
      f.calendar ? 'yes' : 'no',
      whole(f.series),
      f.seconds.toFixed(1),
      whole(f.seriesPerSecond),
      f.rmsse.chosen.toFixed(3),
      f.rmsse.seasonalNaive.toFixed(3),
      f.rmsse.truth.toFixed(3),
      f.ratioToSeasonalNaive.toFixed(3),
      f.ratioToTruth.toFixed(3),
      f.ratioToPromotionBlind.toFixed(3),
      `${(f.coverage.interval80 * 100).toFixed(1)} %`,
      `${(f.coverage.interval95 * 100).toFixed(1)} %`,
      String(f.peakRssMb),
    ]),
    [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13],
  );
  const won = runs
    .map(
      (f) =>
        `methods chosen (${f.profile}, ${f.calendar ? 'calendar' : 'no calendar'}): ` +
        Object.entries(f.methods)
          .sort((a, b) => b[1] - a[1])
          .map(([m, n]) => `${m} ${n}`)
          .join(', '),
    )
    .join('\n');
  return { figures, table: `${table}${won}\n` };
}

async function sourcing(orders: number): Promise<BenchResult> {
  const f = await benchSourcing({ orders, progress: terminalProgress() });
  const figures: Record<string, number> = {
    'sourcing.orders': f.orders,
    'sourcing.decisions_per_s': Math.round(f.decisionsPerSecond),
    'sourcing.mean_gap_percent': Number(f.meanGapPercent.toFixed(4)),
    'sourcing.worst_gap_percent': Number(f.worstGapPercent.toFixed(4)),
    'sourcing.proven_optimal_share': Number(f.provenOptimalShare.toFixed(4)),
  };
  for (const s of f.strategies) {
    const name = `sourcing.${slug(s.strategy)}`;
    figures[`${name}.cost`] = Number(s.cost.toFixed(2));
    figures[`${name}.parcels_per_order`] = Number(s.parcelsPerOrder.toFixed(3));
    figures[`${name}.km_per_unit`] = Number(s.kmPerUnit.toFixed(1));
    figures[`${name}.units_short`] = s.unitsShort;
  }
  const head = `${whole(f.orders)} orders: ${whole(f.decisionsPerSecond)} decisions/s; gap to the exact optimum: mean ${f.meanGapPercent.toFixed(3)} %, worst ${f.worstGapPercent.toFixed(2)} %; proven optimal by the heuristic itself: ${(100 * f.provenOptimalShare).toFixed(1)} %\n`;
  const table = columns(
    ['strategy', 'cost', 'parcels/order', 'km/unit', 'units short'],
    f.strategies.map((s) => [
      s.strategy,
      s.cost.toFixed(0),
      s.parcelsPerOrder.toFixed(2),
      s.kmPerUnit.toFixed(0),
      String(s.unitsShort),
    ]),
    [1, 2, 3, 4],
  );
  return { figures, table: head + table };
}

async function planning(options: {
  pairs: number;
  skus: number;
  stores: number;
  dcs: number;
  simulation: boolean;
}): Promise<BenchResult> {
  const f: PlanningFigures = await benchPlanning({
    pairs: options.pairs,
    simulation: { ...BENCH_SIMULATION, skus: options.skus, stores: options.stores, dcs: options.dcs },
    skipSimulation: !options.simulation,
    progress: terminalProgress(),
  });
  const figures: Record<string, number> = {
    'planning.pairs': f.pairs,
    'planning.seconds': Number(f.planSeconds.toFixed(2)),
    'planning.baseline_seconds': Number(f.baselineSeconds.toFixed(3)),
    'planning.ratio': Number(f.ratio.toFixed(1)),
    'planning.peak_rss_mb': f.peakRssMb,
    'planning.heap_used_mb': f.heapUsedMb,
  };
  let text = `Planned ${whole(f.pairs)} SKU × location pairs over ${f.horizon} days in ${f.planSeconds.toFixed(1)} s (goal ≤ 5 s); bare loop ${f.baselineSeconds.toFixed(2)} s, ratio ${f.ratio.toFixed(0)}; peak RSS ${f.peakRssMb} MB (${f.rssBeforeMb} MB before), heap ${f.heapUsedMb} MB.\n`;
  const sim = f.simulation;
  if (sim) {
    const { size, ratios } = sim;
    figures['simulation.seconds'] = Number(sim.seconds.toFixed(1));
    for (const p of sim.policies) {
      const name = `simulation.${slug(p.policy)}`;
      const s = p.scores;
      Object.assign(figures, {
        [`${name}.fill_rate`]: Number(s.fillRate.toFixed(5)),
        [`${name}.cycle_service`]: Number(s.cycleService.toFixed(5)),
        [`${name}.inventory_value`]: Math.round(s.inventory.total.value),
        [`${name}.total_cost`]: Math.round(s.costs.total),
        [`${name}.lost_units`]: s.lostUnits,
        ...(p.safetyStock ? { [`${name}.safety_stock_value`]: Math.round(p.safetyStock.total.value) } : {}),
      });
    }
    const at = ratios.inventoryAtMinMaxFill;
    if (at) figures['simulation.inventory_at_min_max_fill_ratio'] = Number(at.ratio.toFixed(4));
    figures['simulation.total_cost_vs_min_max.multi_echelon'] = Number(
      ratios.totalCostVsMinMax.multiEchelon.toFixed(4),
    );
    figures['simulation.total_cost_vs_min_max.per_location'] = Number(ratios.totalCostVsMinMax.perLocation.toFixed(4));
    figures['simulation.total_cost_vs_textbook.multi_echelon'] = Number(
      ratios.totalCostVsTextbook.multiEchelon.toFixed(4),
    );
    figures['simulation.total_cost_vs_textbook.per_location'] = Number(
      ratios.totalCostVsTextbook.perLocation.toFixed(4),
    );
    figures['simulation.safety_stock_multi_vs_per_location'] = Number(
      ratios.safetyStockMultiVsPerLocation.ratio.toFixed(4),
    );
    for (const r of ratios.rebalancing) {
      figures[`simulation.rebalancing.${r.placement}.unserved_ratio`] = Number(r.unservedRatio.toFixed(4));
      figures[`simulation.rebalancing.${r.placement}.inventory_ratio`] = Number(r.inventoryRatio.toFixed(4));
    }
    text += `\nA simulated year (${sim.days} days scored) of the demo network: ${whole(size.skus)} SKUs × ${size.stores} stores × ${size.dcs} DCs, seed ${size.seed}; ${sim.seconds.toFixed(0)} s.\n`;
    text += simulationTable(sim.policies);
    text += `\n${simulationRatios(sim)}`;
  }
  return { figures, table: text };
}

async function csvImport(postgresUrl: string | undefined, rows: number): Promise<BenchResult> {
  const results: ImportFigure[] = await benchImport({ postgresUrl, rows, progress: terminalProgress() });
  const figures: Record<string, number> = {};
  for (const f of results) {
    const name = `import.${f.database}`;
    figures[`${name}.rows`] = f.rows;
    figures[`${name}.import_rows_per_s`] = Math.round(f.importPerSecond);
    figures[`${name}.posting_rows_per_s`] = Math.round(f.postingPerSecond);
    figures[`${name}.ratio`] = Number(f.ratio.toFixed(3));
    figures[`${name}.peak_rss_mb`] = f.peakRssMb;
    figures[`${name}.tenth_peak_rss_mb`] = f.tenthPeakRssMb;
  }
  const table = columns(
    ['database', 'rows', 'file MB', 'import rows/s', 'ledger rows/s', 'ratio', 'peak MB', 'peak MB (tenth)'],
    results.map((f) => [
      f.database,
      whole(f.rows),
      String(f.fileMb),
      whole(f.importPerSecond),
      whole(f.postingPerSecond),
      f.ratio.toFixed(2),
      String(f.peakRssMb),
      String(f.tenthPeakRssMb),
    ]),
    [1, 2, 3, 4, 5, 6, 7],
  );
  return { figures, table };
}
