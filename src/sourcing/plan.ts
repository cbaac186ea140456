import { eligibleSources } from './eligibility.js';
import type { Eligibility, Source } from './eligibility.js';
import { DEFAULT_COSTS } from './sourcing.js';
import type { CostModel, Shipment, SourcingPlan, SourcingRequest } from './sourcing.js';

/** Units per line taken from each source of a plan (indexed like the sources and the lines). */
export type Takes = number[][];

/** A plan's shipments, cost and shortfall from the units each source gives per line. */
export function describePlan(
  request: SourcingRequest,
  costs: CostModel,
  eligibility: Eligibility,
  sources: readonly Source[],
  takes: Takes,
  method: SourcingPlan['method'],
  optimal: boolean,
): SourcingPlan {
  const shipments: Shipment[] = [];
  sources.forEach((source, s) => {
    const lines = request.lines.flatMap((line, i) =>
      takes[s]![i]! > 0 ? [{ sku: line.sku, quantity: takes[s]![i]! }] : [],
    );
    if (lines.length === 0) return;
    const weightKg = request.lines.reduce((w, line, i) => w + line.weightKg * takes[s]![i]!, 0);
    shipments.push({
      locationId: source.locationId,
      distanceKm: source.distanceKm,
      weightKg,
      cost: costs.perShipment + costs.perKgKm * weightKg * source.distanceKm,
      lines,
    });
  });
  const short = request.lines.flatMap((line, i) => {
    const taken = takes.reduce((sum, t) => sum + t[i]!, 0);
    return taken < line.quantity ? [{ sku: line.sku, quantity: line.quantity - taken }] : [];
  });
  shipments.sort((a, b) => a.distanceKm - b.distanceKm);
  const used = new Set(shipments.map((s) => s.locationId));
  return {
    shipments,
    short,
    cost: shipments.reduce((c, s) => c + s.cost, 0) + costs.perExtraParcel * Math.max(0, shipments.length - 1),
    optimal,
    method,
    excluded: eligibility.excluded,
    alternatives: eligibility.sources
      .filter((s) => !used.has(s.locationId))
      .map((s) => {
        const covers = s.usable.reduce((a, b) => a + b, 0);
        const all = request.lines.every((line, i) => s.usable[i]! >= line.quantity);
        const weight = request.lines.reduce((w, line) => w + line.weightKg * line.quantity, 0);
        return {
          locationId: s.locationId,
          distanceKm: s.distanceKm,
          covers,
          aloneCost: all ? costs.perShipment + costs.perKgKm * weight * s.distanceKm : null,
        };
      })
      .sort((a, b) => a.distanceKm - b.distanceKm),
  };
}

interface Candidate {
  set: Source[];
  takes: Takes;
  covered: number;
  cost: number;
}

/**
 * The fast planner for live orders. Every line is filled nearest-first from a chosen set of sources
 * (for a fixed set that is the cheapest way: per-unit cost grows with distance); sets are grown
 * greedily from the best single source, then improved by swapping one source for another. A plan
 * covering more units always wins; among equal coverage, the cheaper. When one source ships
 * everything for less than any plan of two or more parcels could cost, the plan is proven optimal.
 *
 * @example
 * const plan = planSourcing({ lines: [{ sku: 'TEA', quantity: 2, weightKg: 0.3 }], destination, candidates });
 */
export function planSourcing(request: SourcingRequest): SourcingPlan {
  const costs = { ...DEFAULT_COSTS, ...request.costs };
  const eligibility = eligibleSources(request, costs);
  const { sources } = eligibility;
  const lines = request.lines;

  const evaluate = (set: Source[]): Candidate => {
    const takes: Takes = set.map(() => lines.map(() => 0));
    const order = set.map((_, s) => s).sort((a, b) => set[a]!.distanceKm - set[b]!.distanceKm);
    let covered = 0;
    lines.forEach((line, i) => {
      let left = line.quantity;
      for (const s of order) {
        if (left === 0) break;
        const take = Math.min(left, set[s]!.usable[i]!);
        takes[s]![i] = take;
        left -= take;
        covered += take;
      }
    });
    let cost = 0;
    let parcels = 0;
    set.forEach((source, s) => {
      const weight = lines.reduce((w, line, i) => w + line.weightKg * takes[s]![i]!, 0);
      if (takes[s]!.some((t) => t > 0)) {
        parcels += 1;
        cost += costs.perShipment + costs.perKgKm * weight * source.distanceKm;
      }
    });
    cost += costs.perExtraParcel * Math.max(0, parcels - 1);
    return { set, takes, covered, cost };
  };
  const better = (a: Candidate, b: Candidate) =>
    a.covered > b.covered || (a.covered === b.covered && a.cost < b.cost - 1e-9);

  let best: Candidate = evaluate([]);
  for (const source of sources) {
    const single = evaluate([source]);
    if (better(single, best)) best = single;
  }
  const bestSingle = best;

  // Grow: add the source that helps most, while parcels are allowed and units are missing.
  const coverable = lines.reduce((sum, line) => sum + line.quantity, 0) - eligibility.short.reduce((a, b) => a + b, 0);
  let grown = bestSingle;
  while (grown.set.length < costs.maxParcels && grown.covered < coverable) {
    let step: Candidate | null = null;
    for (const source of sources) {
      if (grown.set.includes(source)) continue;
      const next = evaluate([...grown.set, source]);
      if (next.covered > grown.covered && (!step || better(next, step))) step = next;
    }
    if (!step) break;
    grown = step;
  }
  if (better(grown, best)) best = grown;

  // Improve: swap one source for an unused one, or drop one, while that helps.
  for (let improved = true; improved && best.set.length > 1;) {
    improved = false;
    for (let k = 0; k < best.set.length && !improved; k++) {
      const without = best.set.filter((_, j) => j !== k);
      const dropped = evaluate(without);
      if (better(dropped, best)) {
        best = dropped;
        improved = true;
        break;
      }
      for (const source of sources) {
        if (best.set.includes(source)) continue;
        const swapped = evaluate([...without, source]);
        if (better(swapped, best)) {
          best = swapped;
          improved = true;
          break;
        }
      }
    }
  }

  // Proof for one parcel: two or more parcels cost at least two shipments, the split penalty, and
  // every unit carried from its nearest source.
  let optimal = sources.length <= 1;
  if (!optimal && best.set.length === 1 && best.covered === coverable) {
    const nearestCarry = lines.reduce((sum, line, i) => {
      const nearest = Math.min(...sources.filter((s) => s.usable[i]! > 0).map((s) => s.distanceKm));
      return (
        sum +
        (Number.isFinite(nearest)
          ? costs.perKgKm * line.weightKg * (line.quantity - eligibility.short[i]!) * nearest
          : 0)
      );
    }, 0);
    optimal = best.cost <= 2 * costs.perShipment + costs.perExtraParcel + nearestCarry + 1e-9;
  }
  return describePlan(request, costs, eligibility, best.set, best.takes, 'heuristic', optimal);
}
