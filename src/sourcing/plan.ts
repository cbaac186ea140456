import { eligibleSources } from './eligibility.js';
import type { Eligibility, Source } from './eligibility.js';
import type { SourcingRequest } from './sourcing.js';
import { DEFAULT_COSTS } from './sourcing.schemas.js';
import type { CostModel, Shipment, SourcingPlan } from './sourcing.schemas.js';

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
  const orderWeight = request.lines.reduce((w, line) => w + line.weightKg * line.quantity, 0);
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
        let covers = 0;
        let all = true;
        for (let i = 0; i < request.lines.length; i++) {
          covers += s.usable[i]!;
          if (s.usable[i]! < request.lines[i]!.quantity) all = false;
        }
        return {
          locationId: s.locationId,
          distanceKm: s.distanceKm,
          covers,
          aloneCost: all ? costs.perShipment + costs.perKgKm * orderWeight * s.distanceKm : null,
        };
      })
      .sort((a, b) => a.distanceKm - b.distanceKm),
  };
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
  // Sources nearest first: a set of indices in ascending order is then a set in fill order.
  const sources = [...eligibility.sources].sort((x, y) => x.distanceKm - y.distanceKm);
  const lines = request.lines;
  const n = sources.length;
  const carry = sources.map((source) => lines.map((line) => costs.perKgKm * line.weightKg * source.distanceKm));

  /** Units covered and cost of filling every line nearest-first from `set` (ascending indices). */
  let covered = 0;
  const score = (set: readonly number[]): number => {
    covered = 0;
    let cost = 0;
    let parcels = 0;
    let used = 0;
    for (let i = 0; i < lines.length; i++) {
      let left = lines[i]!.quantity;
      for (let m = 0; m < set.length && left > 0; m++) {
        const s = set[m]!;
        const take = Math.min(left, sources[s]!.usable[i]!);
        if (take === 0) continue;
        left -= take;
        covered += take;
        cost += carry[s]![i]! * take;
        used |= 1 << m;
      }
    }
    for (let m = 0; m < set.length; m++) if (used & (1 << m)) parcels += 1;
    return cost + parcels * costs.perShipment + Math.max(0, parcels - 1) * costs.perExtraParcel;
  };
  interface Scored {
    set: number[];
    covered: number;
    cost: number;
  }
  const scored = (set: number[]): Scored => {
    const cost = score(set);
    return { set, covered, cost };
  };
  const better = (a: Scored, b: Scored) => a.covered > b.covered || (a.covered === b.covered && a.cost < b.cost - 1e-9);

  // The two best single sources: the best is the plan when one parcel is provably optimal.
  let first: Scored = scored([]);
  let second: Scored | null = null;
  for (let s = 0; s < n; s++) {
    const single = scored([s]);
    if (better(single, first)) {
      second = first.set.length > 0 ? first : null;
      first = single;
    } else if (!second || better(single, second)) second = single;
  }
  const singles = second ? [first, second] : [first];
  let best: Scored = first;

  const coverable = lines.reduce((sum, line) => sum + line.quantity, 0) - eligibility.short.reduce((a, b) => a + b, 0);
  // Proof for one parcel: two or more parcels cost at least two shipments, the split penalty, and
  // every unit carried from its nearest source. When it holds, no search can do better.
  const lowerBoundForSplits = () =>
    2 * costs.perShipment +
    costs.perExtraParcel +
    lines.reduce((sum, line, i) => {
      const nearest = sources.find((s) => s.usable[i]! > 0);
      return (
        sum +
        (nearest ? costs.perKgKm * line.weightKg * (line.quantity - eligibility.short[i]!) * nearest.distanceKm : 0)
      );
    }, 0);
  const optimal =
    n <= 1 || (best.set.length === 1 && best.covered === coverable && best.cost <= lowerBoundForSplits() + 1e-9);

  if (!optimal) {
    // Local search from several starts — the best single sources, and the nearest sources taken in
    // turn until every unit is covered — each improved by adding a source, dropping one, or swapping
    // one for another, taking any move that covers more or costs less, until none does.
    const reach: number[] = [];
    let reached = scored(reach);
    for (let s = 0; s < n && reach.length < costs.maxParcels && reached.covered < coverable; s++) {
      const next = scored([...reach, s]);
      if (next.covered > reached.covered) {
        reach.push(s);
        reached = next;
      }
    }
    const seen = new Set<string>();
    for (const start of [...singles, reached]) {
      if (seen.has(start.set.join())) continue;
      seen.add(start.set.join());
      const found = improve(start);
      if (better(found, best)) best = found;
    }
  }

  function improve(from: Scored): Scored {
    let current = from;
    const inSet = new Uint8Array(n);
    const consider = (set: number[]) => {
      set.sort((x, y) => x - y);
      const cost = score(set);
      if (covered > current.covered || (covered === current.covered && cost < current.cost - 1e-9)) {
        current = { set, covered, cost };
        return true;
      }
      return false;
    };
    for (let improved = true; improved;) {
      improved = false;
      inSet.fill(0);
      for (const s of current.set) inSet[s] = 1;
      const base = current.set;
      if (base.length < costs.maxParcels)
        for (let s = 0; s < n; s++) if (!inSet[s] && consider([...base, s])) improved = true;
      if (improved) continue;
      for (let k = 0; k < base.length && !improved; k++) {
        const without = base.filter((_, j) => j !== k);
        if (without.length > 0 && consider(without)) improved = true;
        for (let s = 0; s < n && !improved; s++) if (!inSet[s] && consider([...without, s])) improved = true;
      }
    }
    return current;
  }

  // The chosen set's fill, as units per source and line.
  const takes: Takes = best.set.map(() => lines.map(() => 0));
  lines.forEach((line, i) => {
    let left = line.quantity;
    best.set.forEach((s, m) => {
      const take = Math.min(left, sources[s]!.usable[i]!);
      takes[m]![i] = take;
      left -= take;
    });
  });
  return describePlan(
    request,
    costs,
    eligibility,
    best.set.map((s) => sources[s]!),
    takes,
    'heuristic',
    optimal,
  );
}
