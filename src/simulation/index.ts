/**
 * The simulator: plays a network of suppliers, DCs and stores forward day by day under a replenishment
 * policy and scores it. Pure: plain data in, scores out; deterministic for a scenario's seed.
 */
export { createScenario } from './scenario.js';
export type { MeanDemand, Scenario, ScenarioOptions } from './scenario.js';
export { simulate } from './simulate.js';
export type { SimulationOptions } from './simulate.js';
export { createLevelTable, datedLevels } from './policy.js';
export type {
  DatedLevels,
  LevelTable,
  OrderRounding,
  Policy,
  Rebalance,
  ReviewSchedule,
  SimulationState,
} from './policy.js';
export { MIN_MAX_DEFAULTS, staticMinMax } from './min-max.js';
export type { AverageDemand, StaticMinMaxOptions } from './min-max.js';
export { dcLocation } from './network.js';
export type {
  LeadTime,
  SimulationCosts,
  SimulationDc,
  SimulationNetwork,
  SimulationSku,
  SimulationStore,
} from './network.js';
export type { Inventory, SimulationScores } from './scores.js';
export { FORECAST_ERROR, forecastWithError, plannedPolicy, planLevels } from './planned-policy.js';
export type {
  DemandForecast,
  ForecastErrorOptions,
  PlanLevelsOptions,
  PlannedLevels,
  PlannedPolicyOptions,
  PlannedStock,
  RebalanceOptions,
} from './planned-policy.js';
export { comparePolicies } from './compare.js';
export type { CompareOptions, Comparison, PolicyScore } from './compare.js';
