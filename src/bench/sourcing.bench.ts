import { createRandom } from '../probability/index.js';

/** A seeded uniform generator: the same panel and orders on every machine. */
const seeded = (seed: number) => createRandom(seed >>> 0).float;
import { performance } from 'node:perf_hooks';
import type { Progress } from '../progress/index.js';
import { DEFAULT_COSTS, describePlan, eligibleSources, planSourcing, planSourcingExactly } from '../sourcing/index.js';
import type { Candidate, SourcingPlan, SourcingRequest } from '../sourcing/index.js';

export interface SourcingBenchOptions {
  orders?: number;
  skus?: number;
  distributionCentres?: number;
  stores?: number;
  /** Orders also solved exactly, to measure the heuristic's gap (default: all). */
  exactOrders?: number;
  progress: Progress;
}

export interface StrategyFigures {
  strategy: string;
  cost: number;
  parcelsPerOrder: number;
  kmPerUnit: number;
  unitsShort: number;
}

export interface SourcingFigures {
  orders: number;
  decisionsPerSecond: number;
  meanGapPercent: number;
  worstGapPercent: number;
  provenOptimalShare: number;
  strategies: StrategyFigures[];
}

/** A network over Germany: DCs with most of the range, stores with some of it, and customers near stores. */
function generate(options: Required<Omit<SourcingBenchOptions, 'progress' | 'exactOrders'>>) {
  const random = seeded(2026);
  const point = () => ({ latitude: 47.5 + random() * 7, longitude: 6.5 + random() * 8.5 });
  const skus = Array.from({ length: options.skus }, (_, i) => ({ sku: `S${i}`, weightKg: 0.1 + random() * 4 }));
  const candidates: Candidate[] = [];
  for (let d = 0; d < options.distributionCentres; d++) {
    const available: Record<string, number> = {};
    for (const s of skus) if (random() < 0.85) available[s.sku] = Math.floor(random() * 200);
    candidates.push({
      locationId: `dc-${d}`,
      kind: 'distribution_centre',
      status: 'active',
      ...point(),
      shipsOnline: true,
      available,
    });
  }
  for (let i = 0; i < options.stores; i++) {
    const available: Record<string, number> = {};
    for (const s of skus) if (random() < 0.35) available[s.sku] = Math.floor(random() * 12);
    candidates.push({
      locationId: `store-${i}`,
      kind: 'store',
      status: random() < 0.03 ? 'disrupted' : 'active',
      ...point(),
      shipsOnline: random() < 0.75,
      available,
      protectedUnits: Object.fromEntries(skus.map((s) => [s.sku, 2])),
    });
  }
  const stores = candidates.filter((c) => c.kind === 'store');
  const requests: SourcingRequest[] = Array.from({ length: options.orders }, () => {
    const near = stores[Math.floor(random() * stores.length)]!;
    const destination = {
      latitude: near.latitude! + (random() - 0.5) * 0.4,
      longitude: near.longitude! + (random() - 0.5) * 0.6,
    };
    const count = 1 + Math.floor(random() * 4);
    const chosen = new Set<number>();
    // Popular SKUs sell more: a squared uniform draw favours the low indices.
    while (chosen.size < count) chosen.add(Math.floor(random() ** 2 * skus.length));
    const lines = [...chosen].map((i) => ({ ...skus[i]!, quantity: 1 + Math.floor(random() * 3) }));
    return { lines, destination, candidates };
  });
  return requests;
}

/** A baseline: per line, the order in which sources are drained. */
type Baseline = (request: SourcingRequest) => SourcingPlan;

function baseline(rank: (sources: ReturnType<typeof eligibleSources>['sources'], line: number) => number[]): Baseline {
  return (request) => {
    const costs = { ...DEFAULT_COSTS, ...request.costs };
    const eligibility = eligibleSources(request, { ...costs, maxParcels: Infinity });
    const { sources } = eligibility;
    const takes = sources.map(() => request.lines.map(() => 0));
    request.lines.forEach((line, i) => {
      let left = line.quantity;
      for (const s of rank(sources, i)) {
        if (left === 0) break;
        const take = Math.min(left, sources[s]!.usable[i]!);
        takes[s]![i] = take;
        left -= take;
      }
    });
    return describePlan(request, { ...costs, maxParcels: Infinity }, eligibility, sources, takes, 'heuristic', false);
  };
}

const BASELINES: Record<string, Baseline> = {
  // Saleor's default: warehouses in a fixed order (DCs first, then stores, by id).
  'fixed priority': baseline((sources) => sources.map((_, s) => s)),
  // Saleor's other strategy: the warehouse with the most stock of the line first.
  'highest stock first': baseline((sources, i) =>
    sources.map((_, s) => s).sort((a, b) => sources[b]!.usable[i]! - sources[a]!.usable[i]!),
  ),
  'nearest per line': baseline((sources) =>
    sources.map((_, s) => s).sort((a, b) => sources[a]!.distanceKm - sources[b]!.distanceKm),
  ),
};

function figures(strategy: string, plans: readonly SourcingPlan[]): StrategyFigures {
  let cost = 0;
  let parcels = 0;
  let km = 0;
  let units = 0;
  let short = 0;
  for (const plan of plans) {
    cost += plan.cost;
    parcels += plan.shipments.length;
    for (const s of plan.shipments)
      for (const l of s.lines) {
        km += s.distanceKm * l.quantity;
        units += l.quantity;
      }
    short += plan.short.reduce((a, b) => a + b.quantity, 0);
  }
  return {
    strategy,
    cost,
    parcelsPerOrder: parcels / plans.length,
    kmPerUnit: km / Math.max(1, units),
    unitsShort: short,
  };
}

/**
 * The sourcing engine on a generated network and 1,000 random orders: the heuristic's decisions per
 * second, its cost gap against the exact optimum, and cost, parcels and distance against three
 * baselines on the same orders.
 */
export { generate as generateSourcingNetwork };
export async function benchSourcing(options: SourcingBenchOptions): Promise<SourcingFigures> {
  const requests = generate({
    orders: options.orders ?? 1000,
    skus: options.skus ?? 2000,
    distributionCentres: options.distributionCentres ?? 4,
    stores: options.stores ?? 40,
  });
  // Warm up (the JIT compiles the hot loops), then time the heuristic over every order a few times.
  for (let round = 0; round < 2; round++) requests.forEach(planSourcing);
  const rounds = 5;
  const started = performance.now();
  let heuristic: SourcingPlan[] = [];
  for (let round = 0; round < rounds; round++) heuristic = requests.map(planSourcing);
  const decisionsPerSecond = (requests.length * rounds) / ((performance.now() - started) / 1000);

  const exactCount = Math.min(requests.length, options.exactOrders ?? requests.length);
  options.progress.start('Solving exactly', exactCount);
  const gaps: number[] = [];
  let proven = 0;
  for (let i = 0; i < exactCount; i++) {
    const exact = await planSourcingExactly(requests[i]!);
    const h = heuristic[i]!;
    const covered = (p: SourcingPlan) => p.short.reduce((a, b) => a + b.quantity, 0);
    if (covered(exact) === covered(h) && exact.cost > 0) gaps.push(Math.max(0, (h.cost - exact.cost) / exact.cost));
    if (h.optimal) proven += 1;
    options.progress.tick();
  }
  options.progress.stop();

  return {
    orders: requests.length,
    decisionsPerSecond,
    meanGapPercent: (100 * gaps.reduce((a, b) => a + b, 0)) / Math.max(1, gaps.length),
    worstGapPercent: 100 * Math.max(0, ...gaps),
    provenOptimalShare: proven / Math.max(1, exactCount),
    strategies: [
      figures('omnistock', heuristic),
      ...Object.entries(BASELINES).map(([name, plan]) => figures(name, requests.map(plan))),
    ],
  };
}
