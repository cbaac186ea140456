// The benchmarks `omnistock bench` runs, each against a baseline measured in the same run (docs/benchmarks.md).
export { benchApi } from './api.bench.js';
export type { ApiFigure } from './api.bench.js';
export { benchForecast } from './forecast.bench.js';
export type { ForecastFigures } from './forecast.bench.js';
export { PANEL_PROFILES } from './forecast-panel.js';
export type { PanelProfile } from './forecast-panel.js';
export { benchImport } from './import.bench.js';
export type { ImportFigure } from './import.bench.js';
export { benchLedger } from './ledger.bench.js';
export type { Comparison } from './ledger.bench.js';
export { benchListeners } from './listeners.bench.js';
export { benchOutage } from './outage.bench.js';
export type { PhaseFigure } from './outage.bench.js';
export { benchOverview } from './overview.bench.js';
export type { OverviewFigure } from './overview.bench.js';
export { benchSourcing } from './sourcing.bench.js';
export { benchPlanning } from './planning.bench.js';
export type { PlanningBenchOptions, PlanningFigures } from './planning.bench.js';
