/**
 * Plans: runs of planning over the network as the store holds it, the dated stock policies they set,
 * and the suggestions they make, approved or dismissed by planners. Owns plan_runs, stock_policies,
 * suggestions and suggestion_lines.
 */
export * from './plans.schemas.js';
export { createPlans } from './plans.service.js';
export type { PlanDependencies, PlanOptions, Plans } from './plans.service.js';
export { DOCUMENT_OF, SUGGESTION_KINDS, SUGGESTION_STATUSES } from './suggestion.js';
export type { SuggestionKind, SuggestionStatus } from './suggestion.js';
export { latestPolicyRows, reorderPointsOn } from './policy-rows.js';
export type { PolicyRow } from './policy-rows.js';
