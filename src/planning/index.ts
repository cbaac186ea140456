export { echelonDemand } from './echelon-demand.js';
export type { DailyDemand } from './echelon-demand.js';
export { MIN_RECEIPTS, supplierLeadTime } from './lead-time.js';
export type { LeadTime } from './lead-time.js';
export { roundOrder } from './order-rounding.js';
export { inventoryPosition, suggestReplenishment, supplierScore } from './replenishment.js';
export type {
  ItemPolicy,
  LineReason,
  ReplenishmentItem,
  ReplenishmentOptions,
  ReplenishmentSuggestion,
  StockPosition,
  SuggestedLine,
  SupplyOption,
  Unsourced,
  Waiting,
} from './replenishment.js';
export {
  ABC_CLASSES,
  CLASS_BOUNDS,
  classifyProducts,
  costOptimalService,
  DEFAULT_SERVICE,
  SERVICE_CHOICES,
  SERVICE_MEASURES,
  serviceTarget,
  XYZ_CLASSES,
} from './service-target.js';
export type {
  AbcClass,
  ClassifiedProduct,
  ProductClass,
  ServiceChoice,
  ServiceMeasure,
  ServiceSettings,
  ServiceTarget,
  XyzClass,
} from './service-target.js';
export { economicOrderQuantity, newsvendor, newsvendorCost } from './single-stage.js';
export { DEMAND_SHAPES, NORMAL_FROM_UNITS, stockPolicy } from './stock-policy.js';
export type { DemandShape, PolicyInput, StockPolicy } from './stock-policy.js';
export { evaluateServiceTimes, extremePlacements, placeSafetyStock } from './gsm.js';
export type { GsmPlacement, GsmSolution, GsmStage } from './gsm.js';
export { DEFAULT_PLAN_SETTINGS, PLACEMENTS, planNetwork } from './network-plan.js';
export type {
  ForecastedDemand,
  NetworkInput,
  NetworkLocation,
  NetworkPlan,
  NetworkProduct,
  Placement,
  PlannedPolicy,
  PlanSettings,
  SupplierOffer,
} from './network-plan.js';
export { planRebalancing } from './rebalancing.js';
export type {
  ExpectedCost,
  RebalancingPlan,
  RebalancingRequest,
  RebalancingSite,
  RebalancingSku,
  SiteChange,
  SkuRebalancing,
  Transfer,
} from './rebalancing.js';
export { loadRebalancer } from './rebalancing.js';
export type { Rebalancer } from './rebalancing.js';
export { DEFAULT_RANGE_SETTINGS, planRange } from './range.js';
export type {
  PeerEvidence,
  RangeEconomics,
  RangeInput,
  RangeLocation,
  RangePair,
  RangeProduct,
  RangeSettings,
  RangeSuggestion,
  RegionalDemand,
} from './range.js';
