import { createHash } from 'node:crypto';
import type { Selectable } from 'kysely';
import { ADJUSTMENT, CUSTOMER } from '../catalog/index.js';
import { DomainError, parseInput, validationFailed } from '../errors/index.js';
import { balanceKey, postMovements, readBalances, requireSubjects } from '../ledger/index.js';
import type { MovementDraft } from '../ledger/index.js';
import { toIsoString, toIsoStringOrNull, toPage } from '../store/index.js';
import type { Db, Page, Store } from '../store/index.js';
import type { CountSessionTable } from '../store/schema.js';
import { blindLines, OPEN_COUNT_STATUSES, showsSystemQuantities } from './cycle-count.js';
import type { CountAccuracy, CountLineState, CountSession, CountStatus, OpenCountStatus } from './cycle-count.js';
import { CancelCount, CountFilter } from './cycle-counts.schemas.js';
import { byDocument, newDocumentId, requireRealLocation, transition } from './document.js';
import { CountLineInput, NewCountSession } from './procedures.schemas.js';
import type { CountScope } from './procedures.schemas.js';

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

const DAY_MS = 86_400_000;
/** How many of the SKUs two counts share a refusal names. */
const SHARED_SKUS_NAMED = 10;

type SessionRow = Selectable<CountSessionTable>;

/**
 * Counts from their rows, in the same order, with all their lines read in one query. `blind` hides the
 * system quantities of those not submitted (see `showsSystemQuantities`).
 */
async function withLines(db: Db, rows: readonly SessionRow[], blind: boolean): Promise<CountSession[]> {
  if (rows.length === 0) return [];
  const lines = await db
    .selectFrom('count_lines')
    .selectAll()
    .where(
      'session_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('session_id')
    .orderBy('sku')
    .execute();
  const linesOf = byDocument(lines, (l) => l.session_id);
  return rows.map((row) => {
    const session: CountSession = {
      id: row.id,
      locationId: row.location_id,
      status: row.status as CountStatus,
      scope: JSON.parse(row.scope) as unknown,
      thresholdUnits: Number(row.threshold_units),
      thresholdValue: row.threshold_value,
      createdBy: row.created_by,
      createdAt: toIsoString(row.created_at),
      submittedAt: toIsoStringOrNull(row.submitted_at),
      approvedBy: row.approved_by,
      closedAt: toIsoStringOrNull(row.closed_at),
      lines: (linesOf.get(row.id) ?? []).map((l) => {
        const counted = l.counted_quantity === null ? null : Number(l.counted_quantity);
        const system = l.system_quantity === null ? null : Number(l.system_quantity);
        const variance = counted === null || system === null ? null : counted - system;
        return {
          sku: l.sku,
          countedQuantity: counted,
          countedAt: toIsoStringOrNull(l.counted_at),
          countedBy: l.counted_by,
          systemQuantity: system,
          variance,
          varianceValue: variance === null ? null : variance * l.unit_cost,
          state: l.state as CountLineState,
        };
      }),
    };
    return blind && !showsSystemQuantities(session.status) ? blindLines(session, () => true) : session;
  });
}

async function loadSession(db: Db, id: string, blind: boolean): Promise<CountSession> {
  const row = await db.selectFrom('count_sessions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('not_found', `Count '${id}' does not exist`, { id });
  const [session] = await withLines(db, [row], blind);
  return session!;
}

/**
 * The key of the lock under which counts at `location` start, one at a time across every process
 * (an advisory lock on PostgreSQL; SQLite's write lock already is one): 48 bits of a hash, a safe
 * integer, far from any other lock's constant.
 */
function countLockKey(location: string): number {
  return createHash('sha256').update(`count_sessions:${location}`).digest().readUIntBE(0, 6);
}

/**
 * Cycle counts: a session per location and scope, counted blind line by line, the variances posted
 * to the adjustment location (large ones after a planner's approval).
 *
 * @example
 * const counts = createCycleCounts(store);
 * const c = await counts.create({ location: 'store-007', scope: { by: 'abc', class: 'A' }, actor: 'mia' });
 * await counts.count(c.id, 'TEA-1', { quantity: 41, actor: 'mia' });
 * await counts.submit(c.id, 'mia');
 */
export function createCycleCounts(store: Store): CycleCounts {
  const { db, capabilities } = store;

  /** The SKUs a scope covers at a location. */
  async function skusInScope(trx: Db, location: string, scope: CountScope): Promise<string[]> {
    if (scope.by === 'list') return scope.skus;
    const stocked = (
      await trx.selectFrom('balances').select('sku').where('location_id', '=', location).orderBy('sku').execute()
    ).map((r) => r.sku);
    if (scope.by === 'all') return stocked;
    if (scope.by === 'not_counted_for') {
      const since = new Date(Date.now() - scope.days * DAY_MS).toISOString();
      const recent = await trx
        .selectFrom('count_lines as l')
        .innerJoin('count_sessions as s', 's.id', 'l.session_id')
        .select('l.sku')
        .where('s.location_id', '=', location)
        // A cancelled count's figures never stood: its lines are still to be counted.
        .where('s.status', '<>', 'cancelled')
        .where('l.counted_at', '>=', since)
        .execute();
      const counted = new Set(recent.map((r) => r.sku));
      return stocked.filter((sku) => !counted.has(sku));
    }
    // ABC by sales value over the last 90 days: A the SKUs making the first 80 %, B the next 15 %, C the rest.
    const since = new Date(Date.now() - 90 * DAY_MS).toISOString();
    const sales = await trx
      .selectFrom('movements as m')
      .innerJoin('products as p', 'p.sku', 'm.sku')
      .select((eb) => ['m.sku', eb.fn.sum<number>(eb('m.quantity', '*', eb.ref('p.price'))).as('value')])
      .where('m.from_location_id', '=', location)
      .where('m.to_location_id', '=', CUSTOMER)
      .where('m.occurred_at', '>=', since)
      .groupBy('m.sku')
      .execute();
    const value = new Map(sales.map((s) => [s.sku, Number(s.value)]));
    const ranked = [...stocked].sort((a, b) => (value.get(b) ?? 0) - (value.get(a) ?? 0) || (a < b ? -1 : 1));
    const total = ranked.reduce((sum, sku) => sum + (value.get(sku) ?? 0), 0);
    let running = 0;
    const classOf = new Map<string, 'A' | 'B' | 'C'>();
    for (const sku of ranked) {
      const share = total === 0 ? 1 : running / total;
      classOf.set(sku, share < 0.8 ? 'A' : share < 0.95 ? 'B' : 'C');
      running += value.get(sku) ?? 0;
    }
    return stocked.filter((sku) => classOf.get(sku) === scope.class);
  }

  /** Posts the variances of `lines` as adjustments, in one posting, and marks them posted. */
  async function post(trx: Db, session: CountSession, lines: CountSession['lines'], actor: string): Promise<void> {
    const drafts: MovementDraft[] = lines
      .filter((l) => l.variance !== null && l.variance !== 0)
      .map((l) => ({
        sku: l.sku,
        quantity: Math.abs(l.variance!),
        kind: 'adjust' as const,
        reason: `cycle count ${session.id}`,
        reference: session.id,
        from: l.variance! > 0 ? ADJUSTMENT : session.locationId,
        to: l.variance! > 0 ? session.locationId : ADJUSTMENT,
      }));
    if (drafts.length > 0)
      await postMovements(trx, capabilities, {
        document: { type: 'cycle_count', id: session.id },
        movements: drafts,
        actor,
        occurredAt: new Date().toISOString(),
      });
    for (const l of lines)
      await trx
        .updateTable('count_lines')
        .set({ state: 'posted' })
        .where('session_id', '=', session.id)
        .where('sku', '=', l.sku)
        .execute();
  }

  /**
   * Refuses a count of `skus` at `location` while an open count there covers any of them: each would
   * post the other's variance again. Run under the location's count lock, so that two counts starting
   * at once cannot both pass. Open counts at a location never overlap, so reading their lines is
   * bounded by the SKUs the location holds.
   */
  async function refuseOverlap(trx: Db, location: string, skus: readonly string[]): Promise<void> {
    const open = await trx
      .selectFrom('count_sessions as s')
      .innerJoin('count_lines as l', 'l.session_id', 's.id')
      .select(['s.id', 'l.sku'])
      .where('s.location_id', '=', location)
      .where('s.status', 'in', OPEN_COUNT_STATUSES)
      .orderBy('s.id')
      .orderBy('l.sku')
      .execute();
    const wanted = new Set(skus);
    const shared = open.filter((l) => wanted.has(l.sku));
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
        const costs = new Map(
          (await trx.selectFrom('products').select(['sku', 'unit_cost']).where('sku', 'in', skus).execute()).map(
            (p) => [p.sku, p.unit_cost],
          ),
        );
        for (let i = 0; i < skus.length; i += 500)
          await trx
            .insertInto('count_lines')
            .values(
              skus
                .slice(i, i + 500)
                .map((sku) => ({ session_id: id, sku, unit_cost: costs.get(sku) ?? 0, state: 'pending' })),
            )
            .execute();
        return loadSession(trx, id, true);
      });
    },

    get: (id) => loadSession(db, id, true),

    async list(raw = {}, within = null) {
      const filter = parseInput(CountFilter, raw);
      if (within?.length === 0) return { items: [], nextCursor: null };
      let query = db
        .selectFrom('count_sessions')
        .selectAll()
        .orderBy('id')
        .limit(filter.limit + 1);
      if (filter.status !== undefined) query = query.where('status', 'in', [filter.status].flat());
      if (filter.location) query = query.where('location_id', '=', filter.location);
      if (within) query = query.where('location_id', 'in', within);
      if (filter.after) query = query.where('id', '>', filter.after);
      const page = toPage(await query.execute(), filter.limit, (row) => row.id);
      return { items: await withLines(db, page.items, true), nextCursor: page.nextCursor };
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

    async submit(id, actor) {
      if (!actor) throw validationFailed([{ path: 'actor', message: 'say who is acting' }]);
      return store.transaction(async (trx) => {
        await transition(trx, capabilities, 'count_sessions', id, ['open'], 'closed', {
          submitted_at: new Date().toISOString(),
        });
        const session = await loadSession(trx, id, false);
        const counted = session.lines.filter((l) => l.variance !== null);
        const large = (l: CountSession['lines'][number]) =>
          Math.abs(l.variance!) > session.thresholdUnits || Math.abs(l.varianceValue!) > session.thresholdValue;
        await post(
          trx,
          session,
          counted.filter((l) => !large(l)),
          actor,
        );
        const held = counted.filter(large);
        for (const l of held)
          await trx
            .updateTable('count_lines')
            .set({ state: 'held' })
            .where('session_id', '=', id)
            .where('sku', '=', l.sku)
            .execute();
        if (held.length > 0) await transition(trx, capabilities, 'count_sessions', id, ['closed'], 'pending_approval');
        else
          await transition(trx, capabilities, 'count_sessions', id, ['closed'], 'closed', {
            closed_at: new Date().toISOString(),
          });
        return loadSession(trx, id, false);
      });
    },

    async approve(id, actor) {
      if (!actor) throw validationFailed([{ path: 'actor', message: 'say who is acting' }]);
      return store.transaction(async (trx) => {
        await transition(trx, capabilities, 'count_sessions', id, ['pending_approval'], 'closed', {
          closed_at: new Date().toISOString(),
          approved_by: actor,
        });
        const session = await loadSession(trx, id, false);
        // Four eyes: whoever counted the shelf does not also accept what it lacks.
        if (session.createdBy === actor || session.lines.some((l) => l.countedBy === actor))
          throw new DomainError(
            'forbidden',
            `${actor} started or counted count '${id}'; someone who took no part in it approves its variances`,
            { count: id, actor, rule: 'self_approval' },
          );
        await post(
          trx,
          session,
          session.lines.filter((l) => l.state === 'held'),
          actor,
        );
        return loadSession(trx, id, false);
      });
    },

    async cancel(id, raw, from = OPEN_COUNT_STATUSES) {
      parseInput(CancelCount, raw);
      return store.transaction(async (trx) => {
        await transition(trx, capabilities, 'count_sessions', id, from, 'cancelled', {
          closed_at: new Date().toISOString(),
        });
        const session = await loadSession(trx, id, false);
        const posted = session.lines.filter((l) => l.state === 'posted' && l.variance !== 0).map((l) => l.sku);
        if (posted.length > 0)
          throw new DomainError(
            'illegal_transition',
            `Count '${id}' has posted variances for ${posted.join(', ')}; posted variances cannot be taken back, so it cannot be cancelled (approve or leave its held ones)`,
            { id, wanted: 'cancelled', posted },
          );
        return loadSession(trx, id, true);
      });
    },

    async accuracy(locationId) {
      // A location that does not exist is said so: a typo is not a perfect record.
      await requireSubjects(db, capabilities, [locationId], []);
      const lines = await db
        .selectFrom('count_lines as l')
        .innerJoin('count_sessions as s', 's.id', 'l.session_id')
        .select(['l.session_id', 'l.system_quantity', 'l.counted_quantity', 'l.unit_cost'])
        .where('s.location_id', '=', locationId)
        .where('s.status', 'in', ['closed', 'pending_approval'])
        .where('l.counted_quantity', 'is not', null)
        .execute();
      const variances = lines.map((l) => ({
        units: Number(l.counted_quantity) - Number(l.system_quantity),
        cost: l.unit_cost,
      }));
      return {
        locationId,
        sessions: new Set(lines.map((l) => l.session_id)).size,
        linesCounted: lines.length,
        accuracy: lines.length === 0 ? null : variances.filter((v) => v.units === 0).length / lines.length,
        absoluteVarianceUnits: variances.reduce((sum, v) => sum + Math.abs(v.units), 0),
        absoluteVarianceValue: variances.reduce((sum, v) => sum + Math.abs(v.units) * v.cost, 0),
      };
    },

    async blindSkus(actor) {
      const rows = await db
        .selectFrom('count_sessions as s')
        .innerJoin('count_lines as l', 'l.session_id', 's.id')
        .select('l.sku')
        .distinct()
        .where('s.status', '=', 'open')
        .where((eb) =>
          eb.or([
            eb('s.created_by', '=', actor),
            eb.exists(
              eb
                .selectFrom('count_lines as c')
                .select('c.sku')
                .whereRef('c.session_id', '=', 's.id')
                .where('c.counted_by', '=', actor),
            ),
          ]),
        )
        .execute();
      return new Set(rows.map((r) => r.sku));
    },
  };
}
