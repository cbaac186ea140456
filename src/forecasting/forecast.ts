import type { MethodName } from './methods.js';

/** One forecasting run over the network. */
export interface ForecastRun {
  id: string;
  startedAt: string;
  finishedAt: string;
  horizon: number;
  season: number;
  /** The last day of history; the forecast's first day is the day after. */
  historyUntil: string;
  series: number;
  /** How many series each method won. */
  methods: Partial<Record<MethodName, number>>;
  createdBy: string;
}

/** A SKU × location's forecast from a run. */
export interface StoredForecast {
  runId: string;
  sku: string;
  locationId: string;
  /** The forecast's first day, YYYY-MM-DD. */
  from: string;
  method: MethodName;
  params: Record<string, number>;
  /** Mean demand per day, from `from` on. */
  mean: number[];
  sigma: number;
  intermittent: boolean;
  quantiles: { level: number; value: number }[] | null;
  /** The chosen method's backtest RMSSE; null when the history was too short to backtest. */
  rmsse: number | null;
  scores: { method: MethodName; rmsse: number }[];
  notes: string[];
}

/** A sum of forecasts (a region, the network): daily means, and σ assuming independent errors. */
export interface AggregateForecast {
  mean: number[];
  sigma: number;
  series: number;
}

export interface SkuForecast {
  sku: string;
  runId: string;
  from: string;
  locations: (StoredForecast & { region: string | null })[];
  regions: (AggregateForecast & { region: string | null })[];
  network: AggregateForecast;
}

/** Which methods won where, and how accurate the forecasts were, by category and by region. */
export interface AccuracyReport {
  runId: string;
  byMethod: { method: MethodName; series: number; meanRmsse: number | null }[];
  byCategory: { category: string | null; series: number; meanRmsse: number | null }[];
  byRegion: { region: string | null; series: number; meanRmsse: number | null }[];
}
