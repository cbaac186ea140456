import { requireSubjects } from '../ledger/index.js';
import type { Db, StoreCapabilities } from '../store/index.js';
import { submittedCountLines } from './count-session.repository.js';
import type { CountAccuracy } from './cycle-counts.schemas.js';

/**
 * How well a location's records matched its shelves, over the counted lines of its submitted counts
 * (closed or waiting for approval); `unknown_location` for a location that does not exist.
 *
 * @example
 * const { accuracy } = await countAccuracy(db, capabilities, 'store-7'); // 0.96, or null before any count
 */
export async function countAccuracy(
  db: Db,
  capabilities: StoreCapabilities,
  locationId: string,
): Promise<CountAccuracy> {
  // A location that does not exist is said so: a typo is not a perfect record.
  await requireSubjects(db, capabilities, [locationId], []);
  const lines = await submittedCountLines(db, locationId);
  const variances = lines.map((l) => ({ units: l.countedQuantity - l.systemQuantity, cost: l.unitCost }));
  return {
    locationId,
    sessions: new Set(lines.map((l) => l.sessionId)).size,
    linesCounted: lines.length,
    accuracy: lines.length === 0 ? null : variances.filter((v) => v.units === 0).length / lines.length,
    absoluteVarianceUnits: variances.reduce((sum, v) => sum + Math.abs(v.units), 0),
    absoluteVarianceValue: variances.reduce((sum, v) => sum + Math.abs(v.units) * v.cost, 0),
  };
}
