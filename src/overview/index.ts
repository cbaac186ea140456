export { summariseNetwork } from './overview.js';
export type { OverviewInput } from './overview.js';
export * from './overview.schemas.js';
export { createOverview } from './overview.service.js';
export type { Overview } from './overview.service.js';
