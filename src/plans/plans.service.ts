import { productFacts, realLocations } from '../catalog/index.js';
import { DomainError, parseInput } from '../errors/index.js';
import { recordEvent } from '../events/index.js';
import type { PurchaseOrders, TransferOrders } from '../procedures/index.js';
import type { Progress } from '../progress/index.js';
import { newId, toPage } from '../store/index.js';
import type { Db, Page, Store } from '../store/index.js';
import { readPlanInputs } from './plan-inputs.js';
import type { PlanReaders } from './plan-inputs.js';
import { computePlan, savePlan } from './plan-run.js';
import { listSuggestions, loadSuggestion, requireLatestRun, toPlanRun, toStockPolicy } from './plans.repository.js';
import {
  ApproveSuggestion,
  DismissSuggestion,
  PlanSettingsInput,
  PolicyQuery,
  SuggestionFilter,
} from './plans.schemas.js';
import type { PlanRun, StockPolicy, Suggestion } from './plans.schemas.js';
import { DOCUMENT_OF, notOpen } from './suggestion.js';

/** Plans made again, at most, when approvals keep coming while one is computed. */
const PLAN_ATTEMPTS = 3;

export interface PlanOptions {
  settings?: PlanSettingsInput;
  actor: string;
  progress?: Progress;
  /** When the plan is made: the moment transfer lead times are measured back from; now by default. */
  now?: Date;
}

export interface Plans {
  /** Plans the network on the latest forecast and saves the run, its policies and suggestions. */
  run(options: PlanOptions): Promise<PlanRun>;
  latestRun(): Promise<PlanRun>;
  getRun(id: string): Promise<PlanRun>;
  /** A SKU's policy rows of the latest plan, per location and dated period. */
  policies(sku: string, query?: PolicyQuery): Promise<StockPolicy[]>;
  suggestions(filter?: SuggestionFilter): Promise<Page<Suggestion>>;
  suggestion(id: string): Promise<Suggestion>;
  /**
   * Approves an open suggestion and creates its document in the same transaction: a purchase order
   * (placed unless `submit: false`) or a draft transfer; a range change is recorded as decided. Only
   * one approval wins; the other planner is told (`illegal_transition`).
   */
  approve(id: string, input: ApproveSuggestion, actor: string): Promise<Suggestion>;
  dismiss(id: string, input: DismissSuggestion, actor: string): Promise<Suggestion>;
}

export interface PlanDependencies extends PlanReaders {
  purchaseOrders: Pick<PurchaseOrders, 'performance' | 'createIn'>;
  transferOrders: Pick<TransferOrders, 'createIn'>;
}

/**
 * Planning as a service: runs plans over what the store holds, keeps their policies and suggestions,
 * and turns an approved suggestion into its document through the procedures.
 *
 * @example
 * const plans = createPlans(store, { stock, purchaseOrders, transferOrders });
 * const run = await plans.run({ actor: 'pia' });
 * const [first] = (await plans.suggestions({ kind: 'purchase_order', status: 'open' })).items;
 * await plans.approve(first.id, {}, 'pia'); // the purchase order, placed with its supplier
 */
export function createPlans(store: Store, deps: PlanDependencies): Plans {
  const { db } = store;

  async function decide(
    id: string,
    actor: string,
    status: 'approved' | 'dismissed',
    note: string | undefined,
    create?: (trx: Db, suggestion: Suggestion) => Promise<{ type: string; id: string } | null>,
  ): Promise<Suggestion> {
    return store.transaction(async (trx) => {
      const suggestion = await loadSuggestion(trx, id);
      if (suggestion.status !== 'open') throw notOpen(id, suggestion.status, suggestion.decidedBy);
      // The guarded update is the race's referee: of two planners deciding at once, one changes the row.
      const claimed = await trx
        .updateTable('suggestions')
        .set({ status, decided_at: new Date().toISOString(), decided_by: actor, note: note ?? null })
        .where('id', '=', id)
        .where('status', '=', 'open')
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) {
        const now = await loadSuggestion(trx, id);
        throw notOpen(id, now.status, now.decidedBy);
      }
      const document = create ? await create(trx, suggestion) : null;
      if (document)
        await trx
          .updateTable('suggestions')
          .set({ document_type: document.type, document_id: document.id })
          .where('id', '=', id)
          .execute();
      await recordEvent(trx, store.capabilities, {
        type: status === 'approved' ? 'suggestion.approved' : 'suggestion.dismissed',
        locations: [suggestion.locationId, ...(suggestion.fromId ? [suggestion.fromId] : [])],
        skus: suggestion.lines.map((l) => l.sku),
        data: { id, kind: suggestion.kind, runId: suggestion.runId, actor, document },
      });
      return loadSuggestion(trx, id);
    });
  }

  return {
    async run(options) {
      const settings = parseInput(PlanSettingsInput, options.settings ?? {});
      // A plan read while a planner approved a suggestion is stale; planning again reads the new document.
      for (let attempt = 1; ; attempt++) {
        const started = new Date();
        const now = options.now ?? started;
        const inputs = await readPlanInputs(db, deps, now);
        const id = newId();
        const computed = await computePlan(inputs, settings, id, now, options.progress);
        const saved = await savePlan(store, computed, {
          id,
          startedAt: started.toISOString(),
          forecastRunId: inputs.forecastRunId,
          startsOn: inputs.startsOn,
          settings,
          createdBy: options.actor,
        });
        if (saved) return saved;
        if (attempt === PLAN_ATTEMPTS)
          throw new DomainError(
            'illegal_transition',
            `Suggestions were approved while the network was planned, ${PLAN_ATTEMPTS} times over: nothing was saved; plan again when approvals pause`,
            { attempts: PLAN_ATTEMPTS },
          );
      }
    },

    latestRun: async () => toPlanRun(await requireLatestRun(db)),

    async getRun(id) {
      const row = await db.selectFrom('plan_runs').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw new DomainError('not_found', `No plan run '${id}'`, { id });
      return toPlanRun(row);
    },

    async policies(sku, raw = {}) {
      const query = parseInput(PolicyQuery, raw);
      if (!(await productFacts(db, [sku])).has(sku))
        throw new DomainError('unknown_sku', `Unknown SKU: '${sku}'`, { skus: [sku] });
      if (query.location !== undefined && !(await realLocations(db)).some((l) => l.id === query.location))
        throw new DomainError('unknown_location', `Unknown location: '${query.location}'`, {
          locations: [query.location],
        });
      const run = await requireLatestRun(db);
      let select = db.selectFrom('stock_policies').selectAll().where('run_id', '=', run.id).where('sku', '=', sku);
      if (query.location) select = select.where('location_id', '=', query.location);
      if (query.on) select = select.where('valid_from', '<=', query.on).where('valid_until', '>=', query.on);
      const rows = await select.orderBy('location_id').orderBy('valid_from').execute();
      return rows.map(toStockPolicy);
    },

    async suggestions(raw = {}) {
      const filter = parseInput(SuggestionFilter, raw);
      return toPage(await listSuggestions(db, filter), filter.limit, (s) => s.id);
    },

    suggestion: (id) => loadSuggestion(db, id),

    approve(id, raw, actor) {
      const input = parseInput(ApproveSuggestion, raw);
      return decide(id, actor, 'approved', input.note, async (trx, s) => {
        const reference = `suggestion ${s.id}`;
        const lines = s.lines.map((l) => ({ sku: l.sku, quantity: l.quantity }));
        const made = DOCUMENT_OF[s.kind];
        if (made === 'purchase_order') {
          const order = await deps.purchaseOrders.createIn(trx, {
            supplier: s.supplierId!,
            location: s.locationId,
            lines: s.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitCost: l.unitCost })),
            reference,
            submit: input.submit,
            actor,
          });
          return { type: made, id: order.id };
        }
        if (made === 'transfer_order') {
          const transfer = await deps.transferOrders.createIn(trx, {
            from: s.fromId!,
            to: s.locationId,
            lines,
            reference,
            actor,
          });
          return { type: made, id: transfer.id };
        }
        return null;
      });
    },

    dismiss(id, raw, actor) {
      const input = parseInput(DismissSuggestion, raw);
      return decide(id, actor, 'dismissed', input.note);
    },
  };
}
