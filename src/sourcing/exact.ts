import highsModule from 'highs';
import type { Highs as HighsModel } from 'highs';
import { eligibleSources } from './eligibility.js';
import { describePlan } from './plan.js';
import type { SourcingRequest } from './sourcing.js';
import { DEFAULT_COSTS } from './sourcing.schemas.js';
import type { SourcingPlan } from './sourcing.schemas.js';

/**
 * highs is CommonJS whose module.exports is the loader; its types describe an ES default export, so
 * TypeScript sees the namespace where Node gives the function.
 */
const loadHighs = highsModule as unknown as () => Promise<HighsModel>;
let solver: Promise<HighsModel> | undefined;

/** A unit left short costs more than any plan could: coverage comes first, then cost. */
const SHORT_PENALTY = 1e6;

/**
 * The cheapest plan, by mixed-integer programming (HiGHS): units per source and line (integers up to
 * what the source may give), a yes/no per source for its parcel, at most `maxParcels` parcels, and a
 * penalty on every unit left short. Slower than the heuristic: for scoring it on small orders, or when
 * asked for.
 */
export async function planSourcingExactly(request: SourcingRequest): Promise<SourcingPlan> {
  const costs = { ...DEFAULT_COSTS, ...request.costs };
  const eligibility = eligibleSources(request, costs);
  const { sources } = eligibility;
  const lines = request.lines;
  if (sources.length === 0) return describePlan(request, costs, eligibility, [], [], 'exact', true);

  const x = (s: number, i: number) => `x_${s}_${i}`;
  const terms: string[] = [];
  sources.forEach((source, s) => {
    terms.push(`${costs.perShipment + costs.perExtraParcel} y_${s}`);
    lines.forEach((line, i) => terms.push(`${costs.perKgKm * line.weightKg * source.distanceKm} ${x(s, i)}`));
  });
  lines.forEach((_, i) => terms.push(`${SHORT_PENALTY} z_${i}`));
  const constraints: string[] = [];
  lines.forEach((line, i) =>
    constraints.push(`line_${i}: ${sources.map((_, s) => x(s, i)).join(' + ')} + z_${i} = ${line.quantity}`),
  );
  sources.forEach((source, s) =>
    lines.forEach((_, i) => constraints.push(`link_${s}_${i}: ${x(s, i)} - ${source.usable[i]} y_${s} <= 0`)),
  );
  constraints.push(`parcels: ${sources.map((_, s) => `y_${s}`).join(' + ')} <= ${costs.maxParcels}`);
  const bounds = [
    ...sources.flatMap((source, s) => lines.map((_, i) => `0 <= ${x(s, i)} <= ${source.usable[i]}`)),
    ...lines.map((line, i) => `0 <= z_${i} <= ${line.quantity}`),
  ];
  const model = [
    'Minimize',
    ` cost: ${terms.join(' + ')}`,
    'Subject To',
    ...constraints.map((c) => ` ${c}`),
    'Bounds',
    ...bounds.map((b) => ` ${b}`),
    'Binary',
    ` ${sources.map((_, s) => `y_${s}`).join(' ')}`,
    'General',
    ` ${sources.flatMap((_, s) => lines.map((_, i) => x(s, i))).join(' ')}`,
    'End',
  ].join('\n');

  const highs = await (solver ??= loadHighs());
  const result = highs.solve(model);
  if (result.Status !== 'Optimal') throw new Error(`the exact sourcing model was not solved: ${result.Status}`);
  const value = (name: string) => Math.round((result.Columns[name] as { Primal: number } | undefined)?.Primal ?? 0);
  const takes = sources.map((_, s) => lines.map((_, i) => value(x(s, i))));
  return describePlan(request, costs, eligibility, sources, takes, 'exact', true);
}
