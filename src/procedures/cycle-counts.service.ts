import { parseInput } from '../errors/index.js';
import { toPage } from '../store/index.js';
import type { Page, Store } from '../store/index.js';
import { countAccuracy } from './count-accuracy.js';
import { listSessions, loadSession, skusBeingCountedBy } from './count-session.repository.js';
import { cycleCountCounting } from './cycle-count-counting.js';
import { cycleCountReview } from './cycle-count-review.js';
import type { OpenCountStatus } from './cycle-count.js';
import { CountFilter } from './cycle-counts.schemas.js';
import type {
  CancelCount,
  CountAccuracy,
  CountLineInput,
  CountSession,
  NewCountSession,
} from './cycle-counts.schemas.js';

export interface CycleCounts {
  /** Starts a count; refused (`already_exists`, naming it) while another open count covers any of its SKUs there. */
  create(input: NewCountSession): Promise<CountSession>;
  /** The session; until it is submitted, without system quantities (counting is blind). */
  get(id: string): Promise<CountSession>;
  /**
   * A page of counts in id order, filtered, each shown as `get` shows it. `within`, when given, keeps
   * only counts at those locations (a token's scope).
   */
  list(filter?: CountFilter, within?: readonly string[] | null): Promise<Page<CountSession>>;
  /** Records a line's count, and the system quantity at that moment (a recount replaces both). */
  count(id: string, sku: string, input: CountLineInput): Promise<CountSession>;
  /** Ends counting: small variances post at once; large ones wait for `approve`. */
  submit(id: string, actor: string): Promise<CountSession>;
  /**
   * Someone who took no part in the count approves its held variances, which post to the adjustment
   * location. Once. The count's creator or one of its counters is refused (`forbidden`).
   */
  approve(id: string, actor: string): Promise<CountSession>;
  /**
   * Ends a count that posted nothing to the ledger, posting nothing: while open, or waiting for
   * approval (its held variances are then refused). `from` narrows the statuses it may be cancelled
   * from (an operator's: only while counting).
   */
  cancel(id: string, input: CancelCount, from?: readonly OpenCountStatus[]): Promise<CountSession>;
  accuracy(locationId: string): Promise<CountAccuracy>;
  /**
   * The SKUs whose system quantities `actor` may not see now, anywhere: those of the open counts they
   * started or recorded a line of. Empty for anyone not counting. One query.
   */
  blindSkus(actor: string): Promise<ReadonlySet<string>>;
}

/**
 * Cycle counts: a session per location and scope, counted blind line by line, the variances posted
 * to the adjustment location (large ones after a planner's approval). By use case: counting
 * (`cycle-count-counting.ts`), review (`cycle-count-review.ts`) and accuracy, over one repository.
 *
 * @example
 * const counts = createCycleCounts(store);
 * const c = await counts.create({ location: 'store-007', scope: { by: 'abc', class: 'A' }, actor: 'mia' });
 * await counts.count(c.id, 'TEA-1', { quantity: 41, actor: 'mia' });
 * await counts.submit(c.id, 'mia');
 */
export function createCycleCounts(store: Store): CycleCounts {
  const { db, capabilities } = store;
  return {
    ...cycleCountCounting(store),
    ...cycleCountReview(store),
    get: (id) => loadSession(db, id, true),
    async list(raw = {}, within = null) {
      const filter = parseInput(CountFilter, raw);
      return toPage(await listSessions(db, filter, within), filter.limit, (s) => s.id);
    },
    accuracy: (locationId) => countAccuracy(db, capabilities, locationId),
    blindSkus: (actor) => skusBeingCountedBy(db, actor),
  };
}
