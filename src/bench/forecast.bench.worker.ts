import { parentPort } from 'node:worker_threads';
import { countCdf } from '../probability/index.js';
import {
  fillUnknownDays,
  forecastSeries,
  insideCentralInterval,
  liftEvidence,
  pooledLift,
  pooledWeekProfile,
  rmsse,
  seasonalNaive,
  sumEvidence,
} from '../forecasting/index.js';
import type { LiftEvidence, MethodName, PoolReply, PoolRequest } from '../forecasting/index.js';
import { panelSeries } from './forecast-panel.js';
import type { PanelProfile } from './forecast-panel.js';

/** Which panel series to score, and how. */
export interface PanelBatch {
  from: number;
  to: number;
  days: number;
  horizon: number;
  profile: PanelProfile;
  /** Whether the forecast is given the promotions calendar (past and future promoted days). */
  calendar: boolean;
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
  const end = work.days - work.horizon;
  const batch = [];
  for (let index = work.from; index < work.to; index++) {
    const panel = panelSeries(index, work.days, work.profile);
    // As in M5, a series starts at its first sale: the days before a launch are not history.
    let start = 0;
    while (start < end && panel.actual[start] === 0) start++;
    if (end - start < 2) continue;
    // Days out of stock are known to the forecaster (the ledger's as-of balance) and unknown demand to everyone.
    const known = Float64Array.from(panel.actual, (v, t) => (panel.stockedOut[t] ? Number.NaN : v));
    const history = known.subarray(start, end);
    const past = panel.promoted.subarray(start, end);
    batch.push({ panel, history, tail: known.subarray(end), past, evidence: liftEvidence(history, past, 7) });
  }
  // Lifts and weekly profiles are pooled over each category, as a run pools them over the network's.
  const byCategory = new Map<number, LiftEvidence>();
  for (const category of new Set(batch.map((b) => b.panel.category)))
    byCategory.set(category, sumEvidence(batch.filter((b) => b.panel.category === category).map((b) => b.evidence)));
  const pooled = new Map<number, number[] | null>();
  for (const category of new Set(batch.map((b) => b.panel.category)))
    pooled.set(
      category,
      pooledWeekProfile(
        batch.filter((b) => b.panel.category === category).map((b) => b.history),
        7,
      ),
    );
  for (const { panel, history, tail, past, evidence } of batch) {
    const profile = pooled.get(panel.category);
    const options = { horizon: work.horizon, ...(profile ? { weekProfile: profile } : {}) };
    const forecast = work.calendar
      ? forecastSeries(history, options, {
          past,
          future: panel.promoted.subarray(end),
          plannedLift: new Float64Array(work.horizon),
          lift: pooledLift(evidence, byCategory.get(panel.category)!),
        })
      : forecastSeries(history, options);
    // A series whose held-out days were all out of stock measures nothing: left out of every mean.
    const chosen = rmsse(history, tail, forecast.mean);
    if (Number.isNaN(chosen)) continue;
    scores.series += 1;
    scores.chosen += chosen;
    scores.seasonalNaive += rmsse(history, tail, seasonalNaive(fillUnknownDays(history, 7), 7).forecast(work.horizon));
    scores.truth += rmsse(history, tail, Array.from(panel.expected.subarray(end)));
    scores.promotionBlind += rmsse(history, tail, Array.from(panel.unpromoted.subarray(end)));
    scores.methods[forecast.method] = (scores.methods[forecast.method] ?? 0) + 1;
    for (let h = 0; h < work.horizon; h++) {
      if (Number.isNaN(tail[h]!)) continue;
      const place = countCdf(forecast.mean[h]!, forecast.spread.sigmas[h]!, tail[h]!);
      scores.days += 1;
      scores.inside80 += insideCentralInterval(place, 0.8);
      scores.inside95 += insideCentralInterval(place, 0.95);
    }
  }
  parentPort!.postMessage({ id, result: scores } satisfies PoolReply<PanelScores>);
});
