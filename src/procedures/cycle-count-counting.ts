import { createHash } from 'node:crypto';
import { productFacts } from '../catalog/index.js';
import { DomainError, parseInput, validationFailed } from '../errors/index.js';
import { balanceKey, readBalances } from '../ledger/index.js';
import type { Db, Store } from '../store/index.js';
import { skusInScope } from './count-scope.js';
import { insertLines, loadSession, openCountLines } from './count-session.repository.js';
import { CountLineInput, NewCountSession } from './cycle-counts.schemas.js';
import type { CycleCounts } from './cycle-counts.service.js';
import { newDocumentId, requireRealLocation, transition } from './document.js';

/** How many of the SKUs two counts share a refusal names. */
const SHARED_SKUS_NAMED = 10;

/**
 * The key of the lock under which counts at `location` start, one at a time across every process
 * (an advisory lock on PostgreSQL; SQLite's write lock already is one): 48 bits of a hash, a safe
 * integer, far from any other lock's constant.
 */
function countLockKey(location: string): number {
  return createHash('sha256').update(`count_sessions:${location}`).digest().readUIntBE(0, 6);
}

/**
 * Refuses a count of `skus` at `location` while an open count there covers any of them: each would
 * post the other's variance again. Run under the location's count lock, so that two counts starting
 * at once cannot both pass.
 */
async function refuseOverlap(trx: Db, location: string, skus: readonly string[]): Promise<void> {
  const wanted = new Set(skus);
  const shared = (await openCountLines(trx, location)).filter((l) => wanted.has(l.sku));
  const other = shared[0]?.id;
  if (other === undefined) return;
  const named = shared.filter((l) => l.id === other).map((l) => l.sku);
  const listed = named.slice(0, SHARED_SKUS_NAMED).join(', ') + (named.length > SHARED_SKUS_NAMED ? ' …' : '');
  throw new DomainError(
    'already_exists',
    `Count '${other}' at ${location} is still open for ${listed}; finish or cancel it before counting them again`,
    { count: other, location, skus: named.slice(0, SHARED_SKUS_NAMED), shared: shared.length },
  );
}

/** Starting a count and counting its lines, blind. */
export function cycleCountCounting(store: Store): Pick<CycleCounts, 'create' | 'count'> {
  const { capabilities } = store;
  return {
    async create(raw) {
      const input = parseInput(NewCountSession, raw);
      return store.transaction(async (trx) => {
        await capabilities.lockUntilCommit(trx, countLockKey(input.location));
        const skus = await skusInScope(trx, input.location, input.scope);
        await requireRealLocation(
          trx,
          capabilities,
          [{ path: 'location', id: input.location }],
          skus,
          'counts are of real locations',
        );
        if (skus.length === 0)
          throw validationFailed([{ path: 'scope', message: 'no SKU at this location is in the scope' }]);
        await refuseOverlap(trx, input.location, skus);
        const id = newDocumentId('C');
        const now = new Date().toISOString();
        await trx
          .insertInto('count_sessions')
          .values({
            id,
            location_id: input.location,
            status: 'open',
            scope: JSON.stringify(input.scope),
            threshold_units: input.thresholdUnits,
            threshold_value: input.thresholdValue,
            created_by: input.actor,
            created_at: now,
            updated_at: now,
          })
          .execute();
        // Each line keeps the product's cost when the count starts: its variance is valued at it.
        const values = await productFacts(trx, skus);
        await insertLines(trx, id, skus, (sku) => values.get(sku)?.unitCost ?? 0);
        return loadSession(trx, id, true);
      });
    },

    async count(id, sku, raw) {
      const input = parseInput(CountLineInput, raw);
      return store.transaction(async (trx) => {
        // Claims the session while it is open: a count after submission is refused.
        await transition(trx, capabilities, 'count_sessions', id, ['open'], 'open');
        const session = await loadSession(trx, id, true);
        if (!session.lines.some((l) => l.sku === sku))
          throw validationFailed([{ path: 'sku', message: `${sku} is not in count ${id}` }]);
        // The system quantity is read in the same transaction as the count is written: movements
        // before it are in both, movements after it in neither, so none makes a false variance.
        const balance = (await readBalances(trx, capabilities, [{ sku, locationId: session.locationId }])).get(
          balanceKey(sku, session.locationId),
        );
        await trx
          .updateTable('count_lines')
          .set({
            counted_quantity: input.quantity,
            system_quantity: balance?.onHand ?? 0,
            counted_at: new Date().toISOString(),
            counted_by: input.actor,
          })
          .where('session_id', '=', id)
          .where('sku', '=', sku)
          .execute();
        return loadSession(trx, id, true);
      });
    },
  };
}
