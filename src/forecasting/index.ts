export {
  croston,
  holt,
  holtWinters,
  METHOD_NAMES,
  METHODS,
  movingAverage,
  naive,
  sba,
  seasonalNaive,
  ses,
  sesForecast,
  tsb,
  tsbForecast,
} from './methods.js';
export type { Fit, Method, MethodName, Series } from './methods.js';
export { dailySalesAt } from './sales-history.js';
export type { DailySales } from './sales-history.js';
export { averageDemandInterval, dailyQuantiles, forecastSeries, rmsse } from './select.js';
export type { ForecastOptions, MethodScore, SeriesForecast } from './select.js';
export { prepareSeries } from './series.js';
export type { DailyPoint, PreparedSeries } from './series.js';

export {
  Forecast,
  ForecastAccuracy,
  ForecastRun,
  LeadTimeDemand,
  LeadTimeQuery,
  SkuForecast,
} from './forecasts.schemas.js';
export type { AggregateForecast } from './forecasts.schemas.js';
export { createForecasts, sumForecasts } from './forecasts.service.js';
export type { DailyDemand, Forecasts, RunOptions } from './forecasts.service.js';
export { forecastInParallel, runOnWorkers } from './pool.js';
export type { PoolReply, PoolRequest } from './pool.js';
export { createForecastList, ForecastListQuery } from './forecast-list.js';
export type { ForecastList } from './forecast-list.js';
export {
  insideCentralInterval,
  dayDemandQuantiles,
  leadTimeDemand,
  QUANTILE_LEVELS,
  quantileName,
  spreadFromBacktest,
} from './uncertainty.js';
export type { DemandOverDays, ForecastSpread, QuantileLevel } from './uncertainty.js';
export { liftEvidence, pooledLift, sumEvidence, withoutPromotedDays } from './promotion-lift.js';
export type { LiftEvidence, SeriesPromotions } from './promotion-lift.js';
export type { ForecastPromotions } from './select.js';
export { fillUnknownDays } from './select.js';
export {
  MAX_PLANNED_LIFT,
  MAX_PROMOTION_DAYS,
  NewPromotion,
  Promotion,
  PromotionChanges,
  PromotionFilter,
  PromotionId,
} from './promotions.schemas.js';
export { createPromotions, promotionsOverlapping } from './promotions.service.js';
export type { Promotions } from './promotions.service.js';
export { promotionColumns, toPromotion } from './promotions.repository.js';
export type { CheckedPromotion } from './promotions.repository.js';
export { promotionSubjectIssues } from './promotion-subjects.js';
export { pooledWeekProfile } from './week-profile.js';
export { latestForecast } from './latest-series.js';
export type { DemandSeries, LatestForecast } from './latest-series.js';
