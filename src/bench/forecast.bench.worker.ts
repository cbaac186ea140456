import { parentPort } from 'node:worker_threads';
import { countCdf, forecastSeries, insideCentralInterval, rmsse, seasonalNaive } from '../forecasting/index.js';
import type { MethodName, PoolReply, PoolRequest } from '../forecasting/index.js';
import { panelSeries } from './forecast-panel.js';

/** Which panel series to score, and how. */
export interface PanelBatch {
  from: number;
  to: number;
  days: number;
  horizon: number;
}

/** Sums of RMSSE over a batch's series: the chosen forecasts, seasonal naive, the true expected demand. */
export interface PanelScores {
  series: number;
  chosen: number;
  seasonalNaive: number;
  truth: number;
  /** Sum of RMSSE of the true demand without its promotions: a reference for forecasters without a promotions calendar. */
  promotionBlind: number;
  methods: Partial<Record<MethodName, number>>;
  /** Held-out days scored, and how many fell inside the forecast's central 80 % and 95 % intervals. */
  days: number;
  inside80: number;
  inside95: number;
}

parentPort?.on('message', ({ id, work }: PoolRequest<PanelBatch>) => {
  const scores: PanelScores = {
    series: 0,
    chosen: 0,
    seasonalNaive: 0,
    truth: 0,
    promotionBlind: 0,
    methods: {},
    days: 0,
    inside80: 0,
    inside95: 0,
  };
  for (let index = work.from; index < work.to; index++) {
    const { actual, expected, unpromoted } = panelSeries(index, work.days);
    const end = work.days - work.horizon;
    // As in M5, a series starts at its first sale: the days before a launch are not history.
    let start = 0;
    while (start < end && actual[start] === 0) start++;
    if (end - start < 2) continue;
    const history = actual.subarray(start, end);
    const tail = actual.subarray(end);
    const forecast = forecastSeries(history, { horizon: work.horizon });
    scores.series += 1;
    scores.chosen += rmsse(history, tail, forecast.mean);
    scores.seasonalNaive += rmsse(history, tail, seasonalNaive(history, 7).forecast(work.horizon));
    scores.truth += rmsse(history, tail, Array.from(expected.subarray(end)));
    scores.promotionBlind += rmsse(history, tail, Array.from(unpromoted.subarray(end)));
    scores.methods[forecast.method] = (scores.methods[forecast.method] ?? 0) + 1;
    for (let h = 0; h < work.horizon; h++) {
      const place = countCdf(forecast.mean[h]!, forecast.spread.sigmas[h]!, tail[h]!);
      scores.days += 1;
      scores.inside80 += insideCentralInterval(place, 0.8);
      scores.inside95 += insideCentralInterval(place, 0.95);
    }
  }
  parentPort!.postMessage({ id, result: scores } satisfies PoolReply<PanelScores>);
});
