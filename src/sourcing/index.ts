export { eligibleSources } from './eligibility.js';
export type { Eligibility, Source } from './eligibility.js';
export { planSourcingExactly } from './exact.js';
export { describePlan, planSourcing } from './plan.js';
export * from './sourcing.js';
export * from './sourcing.schemas.js';
