import { balanceKey } from '../ledger/index.js';
import { addDays } from '../calendar/index.js';
import { recordEvent } from '../events/index.js';
import { DEFAULT_PLAN_SETTINGS, planNetwork } from '../planning/index.js';
import type { NetworkPlan, PlanSettings, PlannedPolicy } from '../planning/index.js';
import type { Progress } from '../progress/index.js';
import { chunks, newId, toIsoString } from '../store/index.js';
import type { Store } from '../store/index.js';
import type { PlanInputs } from './plan-inputs.js';
import { latestRunRow } from './plans.repository.js';
import type { NewPolicyRow, NewSuggestionLineRow, NewSuggestionRow } from './plans.repository.js';
import type { PlanRun, PlanSettingsUsed } from './plans.schemas.js';
import { storeMoves } from './store-moves.js';
import type { StoreMove } from './store-moves.js';
import { rangeChanges } from './range-changes.js';

const POLICY_ROWS_PER_INSERT = 200;
/** The lock plans are saved under, one at a time across every process ("plans" in ASCII). */
const PLAN_SAVE_LOCK = 0x706c616e73;
const SUGGESTION_ROWS_PER_INSERT = 200;

const cents = (amount: number) => Math.round(amount * 100) / 100;

/** Planning's settings from what the planner set, defaults filled in by the schema. */
export function planningSettings(used: PlanSettingsUsed): PlanSettings {
  return {
    holdingRate: used.holdingRate,
    orderingCost: used.orderingCost,
    maxCoverDays: used.maxCoverDays,
    reviewDays: used.reviewDays,
    service: { ...used.service, overrides: {} },
    placement: used.placement,
    periodDays: DEFAULT_PLAN_SETTINGS.periodDays,
  };
}

interface DraftSuggestion {
  row: NewSuggestionRow;
  lines: Omit<NewSuggestionLineRow, 'suggestion_id'>[];
}

/** What a plan computes before it is saved: policies, suggestions, and the figures of its summary. */
export interface ComputedPlan {
  plan: NetworkPlan;
  suggestions: DraftSuggestion[];
  summary: Omit<PlanRun['summary'], 'expired'>;
}

/**
 * Plans the network on `inputs` and drafts its suggestions: replenishment (transfers from parents,
 * purchase orders from suppliers), moves between stores, and range changes.
 */
export async function computePlan(
  inputs: PlanInputs,
  settings: PlanSettingsUsed,
  runId: string,
  now: Date,
  progress?: Progress,
): Promise<ComputedPlan> {
  const pairs = new Set(inputs.network.demand.map((d) => balanceKey(d.sku, d.locationId))).size;
  progress?.start('planning SKUs', new Set(inputs.network.demand.map((d) => d.sku)).size);
  let ticked = 0;
  const plan = planNetwork(inputs.network, planningSettings(settings), inputs.horizon, (done) => {
    progress?.tick(done - ticked);
    ticked = done;
  });
  progress?.stop();
  const createdAt = now.toISOString();
  /** A suggestion's rows: its lines numbered from 1, its value at their unit costs unless given. */
  const draft = (
    fields: Pick<NewSuggestionRow, 'kind' | 'supplier_id' | 'from_id' | 'location_id'> & { value?: number },
    reason: unknown,
    lines: readonly { sku: string; quantity: number; unitCost: number; reason: unknown }[],
  ): DraftSuggestion => ({
    row: {
      id: newId(),
      run_id: runId,
      status: 'open',
      created_at: createdAt,
      reason: JSON.stringify(reason),
      ...fields,
      value: fields.value ?? lines.reduce((sum, l) => sum + l.quantity * l.unitCost, 0),
    },
    lines: lines.map((l, i) => ({
      line: i + 1,
      sku: l.sku,
      quantity: l.quantity,
      unit_cost: l.unitCost,
      reason: JSON.stringify(l.reason),
    })),
  });

  const suggestions: DraftSuggestion[] = [];
  const suggested = new Map<string, number>();
  for (const s of plan.replenishment.suggestions) {
    const to = s.kind === 'purchase_order' ? s.locationId : s.toId;
    for (const line of s.lines)
      suggested.set(balanceKey(line.sku, to), (suggested.get(balanceKey(line.sku, to)) ?? 0) + line.quantity);
    const lines = s.lines.map((l) => ({ ...l, reason: l.why }));
    suggestions.push(
      s.kind === 'purchase_order'
        ? draft(
            { kind: 'purchase_order', supplier_id: s.supplierId, from_id: null, location_id: s.locationId },
            {
              summary: `${s.lines.length} SKU(s) at or below their reorder point at ${s.locationId}, bought from ${s.supplierId}: the best supplier by cost, lead time and reliability, or the only one`,
              lines: s.lines.length,
            },
            lines,
          )
        : draft(
            { kind: 'transfer', supplier_id: null, from_id: s.fromId, location_id: s.toId },
            {
              summary: `${s.lines.length} SKU(s) at or below their reorder point at ${s.toId}, from its parent ${s.fromId}, which can spare them above what it keeps for itself`,
              lines: s.lines.length,
            },
            lines,
          ),
    );
  }

  const moves: StoreMove[] = settings.rebalancing
    ? await storeMoves(inputs, plan, settings.holdingRate, suggested)
    : [];
  const lanes = new Map<string, StoreMove[]>();
  for (const move of moves) {
    const lane = `${move.from}\u0000${move.to}`;
    const same = lanes.get(lane);
    if (same) same.push(move);
    else lanes.set(lane, [move]);
  }
  for (const lane of lanes.values()) {
    const { from, to } = lane[0]!;
    const saving = lane.reduce((sum, m) => sum + m.saving, 0);
    suggestions.push(
      draft(
        { kind: 'rebalance', supplier_id: null, from_id: from, location_id: to },
        {
          summary: `${from} holds stock it will not sell before its next replenishment, which ${to} will run short of; moving it saves ${saving.toFixed(2)} in expected lost margin and holding, net of what the move costs`,
          saving,
          lostSalesAvoided: lane.reduce((sum, m) => sum + m.lostSalesAvoided, 0),
          transportCost: lane.reduce((sum, m) => sum + m.cost, 0),
        },
        lane.map((m) => ({
          sku: m.sku,
          quantity: m.quantity,
          unitCost: m.unitCost,
          reason: {
            horizonDays: m.horizonDays,
            from: { stock: m.fromStock, demand: m.fromDemand },
            to: { stock: m.toStock, demand: m.toDemand },
            lostSalesAvoided: m.lostSalesAvoided,
            lostMarginAvoided: m.lostMarginAvoided,
            holdingSaved: m.holdingSaved,
            cost: m.cost,
            saving: m.saving,
          },
        })),
      ),
    );
  }

  const range = settings.range ? rangeChanges(inputs, settings.holdingRate) : [];
  for (const change of range)
    suggestions.push(
      draft(
        { kind: change.kind, supplier_id: null, from_id: null, location_id: change.locationId, value: change.value },
        change.reason,
        [{ sku: change.sku, quantity: change.quantity, unitCost: change.unitCost, reason: change.reason }],
      ),
    );

  const byKind = new Map<string, { units: number; value: number }>();
  for (const policy of plan.policies) {
    if (policy.offsetDays !== 0) continue;
    const kind = inputs.locations.get(policy.locationId)?.kind ?? 'store';
    const at = byKind.get(kind) ?? { units: 0, value: 0 };
    at.units += policy.safetyStock;
    at.value += policy.safetyStock * (inputs.products.get(policy.sku)?.unitCost ?? 0);
    byKind.set(kind, at);
  }
  const totalUnits = [...byKind.values()].reduce((sum, k) => sum + k.units, 0);
  const totalValue = [...byKind.values()].reduce((sum, k) => sum + k.value, 0);
  const count = (kind: string) => suggestions.filter((s) => s.row.kind === kind).length;
  const worth = (kind: string) =>
    cents(suggestions.filter((s) => s.row.kind === kind).reduce((sum, s) => sum + s.row.value, 0));
  return {
    plan,
    suggestions,
    summary: {
      pairs,
      policies: plan.policies.length,
      suggestions: {
        purchaseOrders: count('purchase_order'),
        transfers: count('transfer'),
        rebalancing: count('rebalance'),
        rangeAdd: count('range_add'),
        rangeDelist: count('range_delist'),
      },
      value: { purchaseOrders: worth('purchase_order'), transfers: worth('transfer'), rebalancing: worth('rebalance') },
      safetyStock: {
        units: Math.round(totalUnits * 100) / 100,
        value: cents(totalValue),
        byKind: [...byKind]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([kind, k]) => ({
            kind,
            units: Math.round(k.units * 100) / 100,
            value: cents(k.value),
            share: totalValue > 0 ? k.value / totalValue : null,
          })),
      },
      unsourced: plan.replenishment.unsourced.length,
      waiting: {
        pairs: plan.replenishment.waiting.length,
        units: plan.replenishment.waiting.reduce((sum, w) => sum + w.quantity, 0),
      },
    },
  };
}

function policyRow(runId: string, startsOn: string, p: PlannedPolicy): NewPolicyRow {
  return {
    run_id: runId,
    location_id: p.locationId,
    sku: p.sku,
    valid_from: addDays(startsOn, p.offsetDays),
    valid_until: addDays(startsOn, p.offsetDays + p.days - 1),
    product_class: p.productClass,
    service_measure: p.target.measure,
    service_level: p.target.level,
    service_basis: p.target.basis,
    review_days: p.reviewDays,
    source_kind: p.source.kind,
    source_id: p.source.id,
    lead_time_mean: p.leadTime.mean,
    lead_time_sd: p.leadTime.sd,
    lead_time_basis: p.leadTime.basis,
    demand_per_day: p.demand.perDay,
    demand_sd_per_day: p.demand.sdPerDay,
    protection_days: p.protectionDays,
    protection_mean: p.protectionDemand.mean,
    protection_sd: p.protectionDemand.sd,
    demand_shape: p.protectionDemand.shape,
    safety_stock: p.safetyStock,
    reorder_point: p.reorderPoint,
    order_up_to: p.orderUpTo,
    lot_size: p.lotSize,
    service_time: p.serviceTime,
    expected_cycle_service: p.expected.cycleService,
    expected_fill_rate: p.expected.fillRate,
  };
}

/**
 * Saves a computed plan in one transaction, or nothing (null) when a suggestion was approved since the
 * plan started reading: the run, its dated policies, its suggestions; open
 * suggestions of earlier plans expire, because this plan recomputed every one of them from today's
 * positions (which count what approved suggestions ordered). Events say so.
 */
export async function savePlan(
  store: Store,
  computed: ComputedPlan,
  run: Omit<PlanRun, 'summary' | 'finishedAt'>,
): Promise<PlanRun | null> {
  return store.transaction(async (trx) => {
    // Two plans saved at once must not both find the other's suggestions uncommitted and leave them open.
    await store.capabilities.lockUntilCommit(trx, PLAN_SAVE_LOCK);
    // A suggestion approved since this plan read the network made a document the plan did not see: its
    // suggestions would repeat it. Nothing is saved; the caller plans again on what is there now.
    const approvedSince = await trx
      .selectFrom('suggestions')
      .select('id')
      .where('status', '=', 'approved')
      .where('decided_at', '>=', run.startedAt)
      .limit(1)
      .executeTakeFirst();
    if (approvedSince) return null;
    // Finished when saved, and after the latest plan whatever this process's clock says: of two plans,
    // the one saved last is the latest, and its suggestions are the open ones.
    const latest = await latestRunRow(trx);
    const after = latest ? Date.parse(toIsoString(latest.finished_at)) + 1 : 0;
    const finishedAt = new Date(Math.max(Date.now(), after)).toISOString();
    const expired = await trx
      .updateTable('suggestions')
      .set({ status: 'expired', decided_at: finishedAt })
      .where('status', '=', 'open')
      .executeTakeFirst();
    const summary: PlanRun['summary'] = { ...computed.summary, expired: Number(expired.numUpdatedRows) };
    await trx
      .insertInto('plan_runs')
      .values({
        id: run.id,
        started_at: run.startedAt,
        finished_at: finishedAt,
        forecast_run_id: run.forecastRunId,
        starts_on: run.startsOn,
        settings: JSON.stringify(run.settings),
        summary: JSON.stringify(summary),
        created_by: run.createdBy,
      })
      .execute();
    for (const part of chunks(computed.plan.policies, POLICY_ROWS_PER_INSERT))
      await trx
        .insertInto('stock_policies')
        .values(part.map((p) => policyRow(run.id, run.startsOn, p)))
        .execute();
    for (const part of chunks(computed.suggestions, SUGGESTION_ROWS_PER_INSERT)) {
      await trx
        .insertInto('suggestions')
        .values(part.map((s) => s.row))
        .execute();
      const lines = part.flatMap((s) => s.lines.map((l) => ({ ...l, suggestion_id: s.row.id })));
      for (const some of chunks(lines, SUGGESTION_ROWS_PER_INSERT))
        await trx.insertInto('suggestion_lines').values(some).execute();
    }
    if (summary.expired > 0)
      await recordEvent(trx, store.capabilities, {
        type: 'suggestions.expired',
        locations: [],
        skus: [],
        data: { runId: run.id, expired: summary.expired },
      });
    await recordEvent(trx, store.capabilities, {
      type: 'plan.completed',
      locations: [],
      skus: [],
      data: { runId: run.id, summary },
    });
    return { ...run, finishedAt, summary };
  });
}
