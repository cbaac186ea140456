import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countCdf, countLoss } from '../probability/index.js';
import { planRebalancing } from './rebalancing.js';
import type { RebalancingPlan, RebalancingRequest, RebalancingSite, RebalancingSku } from './rebalancing.js';

const runs = { numRuns: Number(process.env.PROPERTY_RUNS ?? 50) };

const poisson = (mean: number) => ({ mean, sd: Math.sqrt(mean) });

/** One overstocked store, one empty store that sells steadily: by hand, what a transfer should do. */
const twoStores = (stock: number): RebalancingSku => ({
  sku: 'TEE-M',
  unitMargin: 10,
  holdingCostPerUnit: 0.5,
  sites: [
    { location: 'full', stock, demand: poisson(2) },
    { location: 'empty', stock: 0, demand: poisson(8) },
  ],
});

describe('rebalancing by hand', () => {
  it('moves to the empty store while a unit there sells often enough to pay for its move', async () => {
    const plan = await planRebalancing({ skus: [twoStores(30)], unitTransferCost: () => 0.2 });
    // The full store keeps far more than its 2 a horizon, so a unit it gives would have been left over
    // (saving 0.5 of holding) and a unit the empty store gets at stock x sells with P(X > x): moving it
    // pays while 0.5 − 10.5·P(X > x) − 0.5 + 0.2 < 0, i.e. while P(X > x) > 0.2 / 10.5.
    let expected = 0;
    while (1 - countCdf(8, Math.sqrt(8), expected).atMost > 0.2 / 10.5) expected += 1;
    expect(plan.transfers).toHaveLength(1);
    const [transfer] = plan.transfers;
    expect(transfer).toMatchObject({ sku: 'TEE-M', from: 'full', to: 'empty' });
    expect(Math.abs(transfer!.quantity - expected)).toBeLessThanOrEqual(1);
    expect(transfer!.cost).toBeCloseTo(0.2 * transfer!.quantity, 9);
    // What it avoids is the empty store's lost sales less what the full one may now lose.
    const lostAvoided =
      countLoss(8, Math.sqrt(8), 0) -
      countLoss(8, Math.sqrt(8), transfer!.quantity) -
      (countLoss(2, Math.SQRT2, 30 - transfer!.quantity) - countLoss(2, Math.SQRT2, 30));
    expect(transfer!.lostSalesAvoided).toBeCloseTo(lostAvoided, 9);
    expect(plan.before.total - plan.after.total).toBeCloseTo(transfer!.saving, 9);
    expect(plan.after.total).toBeLessThan(plan.before.total);
  });

  it('moves nothing when a unit costs more to move than its margin', async () => {
    const plan = await planRebalancing({ skus: [twoStores(30)], unitTransferCost: () => 20 });
    expect(plan.transfers).toEqual([]);
    expect(plan.after).toEqual(plan.before);
  });

  it('moves nothing when the fixed cost of a transfer eats what it saves', async () => {
    const cheap = await planRebalancing({ skus: [twoStores(30)], unitTransferCost: () => 0.2 });
    const fixed = cheap.transfers[0]!.saving + cheap.transfers[0]!.cost + 1;
    const plan = await planRebalancing({
      skus: [twoStores(30)],
      unitTransferCost: () => 0.2,
      fixedCostPerTransfer: fixed,
    });
    expect(plan.transfers).toEqual([]);
  });

  it('gives no more than a store spares above what it must keep', async () => {
    const sku = twoStores(10);
    const plan = await planRebalancing({
      skus: [{ ...sku, sites: [{ ...sku.sites[0]!, minimumKeep: 7 }, sku.sites[1]!] }],
      unitTransferCost: () => 0.2,
    });
    expect(plan.transfers.map((t) => t.quantity)).toEqual([3]);
  });

  it('goes direct where a detour via a third store would be cheaper, as no store both gives and receives', async () => {
    // full → middle → empty costs 0.2 a unit and full → empty 3. The middle store's demand is so spread
    // that a unit in and a unit out change its expected cost by only 0.1 together (10.5 · P(X = 100)),
    // so the LP alone would pass units through it.
    const far: Record<string, number> = { 'full middle': 0.1, 'middle empty': 0.1, 'full empty': 3 };
    const sku: RebalancingSku = {
      ...twoStores(30),
      sites: [...twoStores(30).sites, { location: 'middle', stock: 100, demand: { mean: 100, sd: 40 } }],
    };
    const plan = await planRebalancing({ skus: [sku], unitTransferCost: (from, to) => far[`${from} ${to}`] ?? 9 });
    const pairs = plan.transfers.map((t) => `${t.from} ${t.to}`);
    expect(pairs).toContain('full empty');
    const givers = new Set(plan.transfers.map((t) => t.from));
    expect(plan.transfers.some((t) => givers.has(t.to))).toBe(false);
  });

  it('refuses what it cannot read', async () => {
    const sku = twoStores(10);
    const broken = (site: Partial<RebalancingSite>): RebalancingRequest => ({
      skus: [{ ...sku, sites: [{ ...sku.sites[0]!, ...site }, sku.sites[1]!] }],
      unitTransferCost: () => 1,
    });
    await expect(planRebalancing(broken({ stock: 2.5 }))).rejects.toThrow(RangeError);
    await expect(planRebalancing(broken({ location: 'empty' }))).rejects.toThrow(RangeError);
    await expect(planRebalancing({ ...broken({}), unitTransferCost: () => -1 })).rejects.toThrow(RangeError);
  });
});

const site = (i: number): fc.Arbitrary<RebalancingSite> =>
  fc.record({
    location: fc.constant(`site-${i}`),
    stock: fc.nat(30),
    demand: fc
      .tuple(fc.double({ min: 0, max: 15, noNaN: true }), fc.double({ min: 0, max: 2, noNaN: true }))
      // Means as a forecast gives them, to a millionth of a unit.
      .map(([mean, spread]) => ({ mean: Math.round(mean * 1e6) / 1e6, sd: Math.sqrt(mean) * (1 + spread) })),
    minimumKeep: fc.nat(5),
  });

const sku = (sites: fc.Arbitrary<RebalancingSite[]>): fc.Arbitrary<RebalancingSku> =>
  fc.record({
    sku: fc.constantFrom('A', 'B'),
    unitMargin: fc.double({ min: 0, max: 20, noNaN: true }),
    holdingCostPerUnit: fc.double({ min: 0, max: 3, noNaN: true }),
    sites,
  });

const someSites = fc
  .integer({ min: 2, max: 6 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => site(i))));

/** Costs per unit that need not keep to the triangle inequality: a detour may be cheaper than going direct. */
const costs = fc.array(fc.double({ min: 0, max: 5, noNaN: true }), { minLength: 36, maxLength: 36 });
const costFrom =
  (matrix: readonly number[]) =>
  (from: string, to: string): number =>
    matrix[Number(from.slice(5)) * 6 + Number(to.slice(5))]!;

const instance: fc.Arbitrary<RebalancingRequest> = fc.record({
  skus: fc.uniqueArray(sku(someSites), { minLength: 1, maxLength: 2, selector: (s) => s.sku }),
  unitTransferCost: costs.map(costFrom),
  fixedCostPerTransfer: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 10, noNaN: true })),
});

function checkPlan(request: RebalancingRequest, plan: RebalancingPlan): void {
  for (const skuPlan of plan.skus) {
    const input = request.skus.find((s) => s.sku === skuPlan.sku)!;
    const given = new Map<string, number>();
    const received = new Set<string>();
    for (const t of skuPlan.transfers) {
      expect(Number.isInteger(t.quantity) && t.quantity > 0).toBe(true);
      expect(t.from).not.toBe(t.to);
      given.set(t.from, (given.get(t.from) ?? 0) + t.quantity);
      received.add(t.to);
    }
    for (const [location, quantity] of given) {
      const source = input.sites.find((s) => s.location === location)!;
      expect(quantity).toBeLessThanOrEqual(source.stock - (source.minimumKeep ?? 0));
      expect(received.has(location)).toBe(false);
    }
    expect(skuPlan.after.total).toBeLessThanOrEqual(skuPlan.before.total + 1e-9);
    const saved = skuPlan.transfers.reduce((sum, t) => sum + t.saving, 0);
    expect(skuPlan.before.total - skuPlan.after.total).toBeCloseTo(saved, 6);
  }
}

describe('rebalancing properties', () => {
  it('moves whole units a source spares, never into and out of one site, and never raises the expected cost', async () => {
    await fc.assert(
      fc.asyncProperty(instance, async (request) => checkPlan(request, await planRebalancing(request))),
      runs,
    );
  });

  it('moves nothing between sites that are alike', async () => {
    const alike = fc
      .tuple(site(0), fc.integer({ min: 2, max: 6 }))
      .map(([one, n]) => Array.from({ length: n }, (_, i) => ({ ...one, location: `site-${i}` })));
    await fc.assert(
      fc.asyncProperty(sku(alike), costs, async (input, matrix) => {
        const plan = await planRebalancing({ skus: [input], unitTransferCost: costFrom(matrix) });
        expect(plan.transfers).toEqual([]);
      }),
      runs,
    );
  });

  it('finds the cheapest plan of three sites, as trying every direct plan does', async () => {
    const small = (i: number) =>
      site(i).map((s) => ({ ...s, stock: s.stock % 6, minimumKeep: (s.minimumKeep ?? 0) % 2 }));
    await fc.assert(
      fc.asyncProperty(sku(fc.tuple(small(0), small(1), small(2))), costs, async (input, matrix) => {
        const unitTransferCost = costFrom(matrix);
        const plan = await planRebalancing({ skus: [input], unitTransferCost });
        expect(plan.after.total).toBeCloseTo(bestByTrying(input, unitTransferCost), 6);
      }),
      runs,
    );
  });

  it('finds the best move between two sites, as trying every quantity does', async () => {
    const pair = fc.tuple(site(0), site(1));
    await fc.assert(
      fc.asyncProperty(sku(pair), costs, fc.double({ min: 0, max: 5, noNaN: true }), async (input, matrix, fixed) => {
        const unitTransferCost = costFrom(matrix);
        const plan = await planRebalancing({ skus: [input], unitTransferCost, fixedCostPerTransfer: fixed });
        const { unitMargin: margin, holdingCostPerUnit: holding } = input;
        const expected = (s: RebalancingSite, x: number) => {
          const lost = countLoss(s.demand.mean, s.demand.sd, x);
          return margin * lost + holding * (x - s.demand.mean + lost);
        };
        let best = plan.before.total;
        for (const [from, to] of [input.sites, [...input.sites].reverse()]) {
          for (let q = 1; q <= from!.stock - (from!.minimumKeep ?? 0); q++) {
            const moved = q * unitTransferCost(from!.location, to!.location) + fixed;
            best = Math.min(best, expected(from!, from!.stock - q) + expected(to!, to!.stock + q) + moved);
          }
        }
        expect(plan.after.total).toBeCloseTo(best, 6);
      }),
      runs,
    );
  });
});

/** The cheapest expected cost over every plan of whole units in which no site both gives and receives. */
function bestByTrying(input: RebalancingSku, unitTransferCost: (from: string, to: string) => number): number {
  const { sites, unitMargin: margin, holdingCostPerUnit: holding } = input;
  const expected = (i: number, stock: number) => {
    const { demand } = sites[i]!;
    const lost = countLoss(demand.mean, demand.sd, stock);
    return margin * lost + holding * (stock - demand.mean + lost);
  };
  const arcs = sites.flatMap((_, i) => sites.map((_, j) => [i, j] as const)).filter(([i, j]) => i !== j);
  const given = sites.map(() => 0);
  const received = sites.map(() => 0);
  let best = Infinity;
  const visit = (a: number, moved: number): void => {
    if (a === arcs.length) {
      const cost = sites.reduce((sum, s, i) => sum + expected(i, s.stock - given[i]! + received[i]!), moved);
      best = Math.min(best, cost);
      return;
    }
    const [i, j] = arcs[a]!;
    const spare = sites[i]!.stock - (sites[i]!.minimumKeep ?? 0) - given[i]!;
    const may = received[i]! === 0 && given[j]! === 0 ? spare : 0;
    for (let q = 0; q <= Math.max(0, may); q++) {
      given[i]! += q;
      received[j]! += q;
      visit(a + 1, moved + q * unitTransferCost(sites[i]!.location, sites[j]!.location));
      given[i]! -= q;
      received[j]! -= q;
    }
  };
  visit(0, 0);
  return best;
}
