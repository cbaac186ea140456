import type { Insertable, Selectable } from 'kysely';
import { DomainError } from '../errors/index.js';
import { toIsoString, toIsoStringOrNull } from '../store/index.js';
import type { Db, PlanRunTable, StockPolicyTable, SuggestionLineTable, SuggestionTable } from '../store/index.js';
import type { z } from 'zod';
import type { PlanRun, StockPolicy, Suggestion, SuggestionFilter } from './plans.schemas.js';
import type { SuggestionKind, SuggestionStatus } from './suggestion.js';

/*
 * The plan tables' rows become plans, policies and suggestions here, and nowhere else.
 */

export function toPlanRun(row: Selectable<PlanRunTable>): PlanRun {
  return {
    id: row.id,
    startedAt: toIsoString(row.started_at),
    finishedAt: toIsoString(row.finished_at),
    forecastRunId: row.forecast_run_id,
    startsOn: row.starts_on,
    settings: JSON.parse(row.settings) as PlanRun['settings'],
    // A run saved before plans counted what stores wait for says nothing of it: none counted.
    summary: {
      waiting: { pairs: 0, units: 0 },
      ...(JSON.parse(row.summary) as Omit<PlanRun['summary'], 'waiting'> &
        Partial<Pick<PlanRun['summary'], 'waiting'>>),
    },
    createdBy: row.created_by,
  };
}

export function toStockPolicy(row: Selectable<StockPolicyTable>): StockPolicy {
  return {
    runId: row.run_id,
    sku: row.sku,
    locationId: row.location_id,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    productClass: row.product_class,
    service: {
      measure: row.service_measure as StockPolicy['service']['measure'],
      level: row.service_level,
      basis: row.service_basis,
    },
    reviewDays: row.review_days,
    source: { kind: row.source_kind, id: row.source_id },
    leadTime: { mean: row.lead_time_mean, sd: row.lead_time_sd, basis: row.lead_time_basis },
    demand: { perDay: row.demand_per_day, sdPerDay: row.demand_sd_per_day },
    protection: {
      days: row.protection_days,
      mean: row.protection_mean,
      sd: row.protection_sd,
      shape: row.demand_shape,
    },
    safetyStock: row.safety_stock,
    reorderPoint: Number(row.reorder_point),
    orderUpTo: Number(row.order_up_to),
    lotSize: Number(row.lot_size),
    serviceTime: row.service_time,
    expected: { cycleService: row.expected_cycle_service, fillRate: row.expected_fill_rate },
  };
}

export function toSuggestion(
  row: Selectable<SuggestionTable>,
  lines: readonly Selectable<SuggestionLineTable>[],
): Suggestion {
  return {
    id: row.id,
    runId: row.run_id,
    kind: row.kind as SuggestionKind,
    status: row.status as SuggestionStatus,
    supplierId: row.supplier_id,
    fromId: row.from_id,
    locationId: row.location_id,
    value: row.value,
    reason: JSON.parse(row.reason) as Record<string, unknown>,
    lines: [...lines]
      .sort((a, b) => a.line - b.line)
      .map((l) => ({
        line: l.line,
        sku: l.sku,
        quantity: Number(l.quantity),
        unitCost: l.unit_cost,
        reason: JSON.parse(l.reason) as Record<string, unknown>,
      })),
    createdAt: toIsoString(row.created_at),
    decidedAt: toIsoStringOrNull(row.decided_at),
    decidedBy: row.decided_by,
    note: row.note,
    document: row.document_type && row.document_id ? { type: row.document_type, id: row.document_id } : null,
  };
}

/** The latest plan run (the one saved last), or undefined before any plan. */
export async function latestRunRow(db: Db): Promise<Selectable<PlanRunTable> | undefined> {
  return db
    .selectFrom('plan_runs')
    .selectAll()
    .orderBy('finished_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The latest plan run; `not_found` before any plan, for every read that needs one. */
export async function requireLatestRun(db: Db): Promise<Selectable<PlanRunTable>> {
  const row = await latestRunRow(db);
  if (!row)
    throw new DomainError('not_found', 'No plan has been run yet: run `omnistock plan` or POST /plans/runs', {});
  return row;
}

/** A suggestion with its lines; `not_found` for an id no plan made. */
export async function loadSuggestion(db: Db, id: string): Promise<Suggestion> {
  const row = await db.selectFrom('suggestions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('not_found', `No suggestion '${id}'`, { id });
  const lines = await db.selectFrom('suggestion_lines').selectAll().where('suggestion_id', '=', id).execute();
  return toSuggestion(row, lines);
}

/** Suggestions in the order they were made (ids grow with time), one page past `after`. */
export async function listSuggestions(db: Db, filter: z.output<typeof SuggestionFilter>): Promise<Suggestion[]> {
  let query = db.selectFrom('suggestions').selectAll();
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.supplier) query = query.where('supplier_id', '=', filter.supplier);
  if (filter.run) query = query.where('run_id', '=', filter.run);
  if (filter.minValue !== undefined) query = query.where('value', '>=', filter.minValue);
  const location = filter.location;
  if (location) query = query.where((eb) => eb.or([eb('location_id', '=', location), eb('from_id', '=', location)]));
  const sku = filter.sku;
  if (sku)
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('suggestion_lines')
          .select('suggestion_lines.line')
          .whereRef('suggestion_lines.suggestion_id', '=', 'suggestions.id')
          .where('suggestion_lines.sku', '=', sku),
      ),
    );
  if (filter.after) query = query.where('id', '>', filter.after);
  const rows = await query
    .orderBy('id')
    .limit(filter.limit + 1)
    .execute();
  if (rows.length === 0) return [];
  const lines = await db
    .selectFrom('suggestion_lines')
    .selectAll()
    .where(
      'suggestion_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  const bySuggestion = new Map<string, Selectable<SuggestionLineTable>[]>();
  for (const line of lines)
    bySuggestion.set(line.suggestion_id, [...(bySuggestion.get(line.suggestion_id) ?? []), line]);
  return rows.map((row) => toSuggestion(row, bySuggestion.get(row.id) ?? []));
}

export type NewSuggestionRow = Insertable<SuggestionTable>;
export type NewSuggestionLineRow = Insertable<SuggestionLineTable>;
export type NewPolicyRow = Insertable<StockPolicyTable>;
