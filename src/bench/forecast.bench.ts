import { performance } from 'node:perf_hooks';
import type { Progress } from '../progress/index.js';
import { runOnWorkers } from '../forecasting/index.js';
import type { MethodName } from '../forecasting/index.js';
import type { PanelBatch, PanelScores } from './forecast.bench.worker.js';
import { M5_DAYS, M5_SERIES } from './forecast-panel.js';
import type { PanelProfile } from './forecast-panel.js';

export interface ForecastBenchOptions {
  series?: number;
  days?: number;
  horizon?: number;
  workers?: number;
  /** The kind of panel series (default retail). */
  profile?: PanelProfile;
  /** Whether the forecast knows the promotions calendar (default no). */
  calendar?: boolean;
  progress: Progress;
}

export interface ForecastFigures {
  profile: PanelProfile;
  calendar: boolean;
  series: number;
  days: number;
  horizon: number;
  seconds: number;
  seriesPerSecond: number;
  /** Mean RMSSE of the automatically chosen forecasts, of seasonal naive, and of the true expected demand. */
  rmsse: { chosen: number; seasonalNaive: number; truth: number; promotionBlind: number };
  /** chosen ÷ seasonal naive (goal ≤ 0.78) and chosen ÷ truth (goal ≤ 1.10). */
  ratioToSeasonalNaive: number;
  ratioToTruth: number;
  /** chosen ÷ the promotion-blind reference: the true demand with its promotions left out, what a forecaster that knew all but the promotions would say. */
  ratioToPromotionBlind: number;
  peakRssMb: number;
  methods: Partial<Record<MethodName, number>>;
  /** Share of held-out days inside the forecasts' central 80 % and 95 % intervals (goal: within 3 points). */
  coverage: { interval80: number; interval95: number };
}

const BATCH = 128;

/**
 * Forecasts the synthetic M5-shaped panel with automatic method selection, holding out the last
 * `horizon` days of every series, on worker threads (each makes its own series from their seeds).
 */
export async function benchForecast(options: ForecastBenchOptions): Promise<ForecastFigures> {
  const series = options.series ?? M5_SERIES;
  const days = options.days ?? M5_DAYS;
  const horizon = options.horizon ?? 28;
  const profile = options.profile ?? 'retail';
  const calendar = options.calendar ?? false;
  const batches: PanelBatch[] = [];
  for (let from = 0; from < series; from += BATCH)
    batches.push({ from, to: Math.min(series, from + BATCH), days, horizon, profile, calendar });
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  options.progress.start(
    `Forecasting ${series.toLocaleString('en')} ${profile} series ${calendar ? 'with' : 'without'} the promotions calendar`,
    series,
  );
  const started = performance.now();
  let results: PanelScores[];
  try {
    results = await runOnWorkers<PanelBatch, PanelScores>(
      new URL('./forecast.bench.worker.ts', import.meta.url),
      batches,
      {
        ...(options.workers ? { workers: options.workers } : {}),
        done: (scores) => options.progress.tick(scores.series),
      },
    );
  } finally {
    clearInterval(sampler);
    options.progress.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  const total = {
    series: 0,
    chosen: 0,
    seasonalNaive: 0,
    truth: 0,
    promotionBlind: 0,
    days: 0,
    inside80: 0,
    inside95: 0,
  };
  const methods: Partial<Record<MethodName, number>> = {};
  for (const r of results) {
    total.series += r.series;
    total.chosen += r.chosen;
    total.seasonalNaive += r.seasonalNaive;
    total.truth += r.truth;
    total.promotionBlind += r.promotionBlind;
    total.days += r.days;
    total.inside80 += r.inside80;
    total.inside95 += r.inside95;
    for (const [method, count] of Object.entries(r.methods) as [MethodName, number][])
      methods[method] = (methods[method] ?? 0) + count;
  }
  const rmsse = {
    chosen: total.chosen / total.series,
    seasonalNaive: total.seasonalNaive / total.series,
    truth: total.truth / total.series,
    promotionBlind: total.promotionBlind / total.series,
  };
  return {
    profile,
    calendar,
    series: total.series,
    days,
    horizon,
    seconds,
    seriesPerSecond: total.series / seconds,
    rmsse,
    ratioToSeasonalNaive: rmsse.chosen / rmsse.seasonalNaive,
    ratioToTruth: rmsse.chosen / rmsse.truth,
    ratioToPromotionBlind: rmsse.chosen / rmsse.promotionBlind,
    peakRssMb: Math.round(Math.max(peak, process.memoryUsage().rss) / 2 ** 20),
    methods,
    coverage: { interval80: total.inside80 / total.days, interval95: total.inside95 / total.days },
  };
}
