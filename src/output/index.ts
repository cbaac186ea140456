/**
 * What Omnistock answers with: the fields every capability's response shapes share, written the same
 * way everywhere (moments as ISO-8601 text in UTC, shares from 0 to 1). The shapes themselves live with
 * their capability (`catalog.schemas.ts`, `orders.schemas.ts` …); `api/` only assembles them into routes.
 */
export { createdAt, share, time, timeOrNull, updatedAt } from './fields.js';
