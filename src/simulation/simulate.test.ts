import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors/index.js';
import { createLevelTable, createScenario, simulate, staticMinMax } from './index.js';
import type { LeadTime, Policy, SimulationNetwork, SimulationOptions } from './index.js';

const runs = { numRuns: Number(process.env.PROPERTY_RUNS ?? 30) };

const COSTS = {
  holdingRate: 0.365,
  purchaseOrder: 40,
  purchaseOrderLine: 4,
  transfer: 10,
  transferLine: 1,
  transportPerUnit: 0.5,
  rebalancePerUnit: 2,
};

/** Stores with one DC; SKUs cost 2 and sell for 5. */
function network(stores: number, transferLeadTime: LeadTime, skus = 1): SimulationNetwork {
  return {
    skus: Array.from({ length: skus }, () => ({ unitCost: 2, price: 5, packSize: 1, minOrderQuantity: 0 })),
    dcs: [{ supplierLeadTime: { mean: 1, sd: 0 } }],
    stores: Array.from({ length: stores }, () => ({ dc: 0, transferLeadTime })),
    costs: COSTS,
  };
}

/** (s, S) at each store for SKU 0, (0, 0) at the DC: it never orders. */
function storeLevels(net: SimulationNetwork, levels: readonly [number, number][], rest: Partial<Policy> = {}): Policy {
  const table = createLevelTable(net);
  const K = net.skus.length;
  levels.forEach(([s, S], store) => {
    table.reorderPoint[store * K] = s;
    table.orderUpTo[store * K] = S;
  });
  return { name: levels.map((l) => l.join('/')).join(' '), levels: table, ...rest };
}

/** On hand at one cell at the end of each day, and the scores. */
function trajectory(net: SimulationNetwork, policy: Policy, days: number, options: SimulationOptions = {}) {
  const scenario = createScenario(net, { seed: 1, days, meanDemand: () => 1, counts: 'expected' });
  const onHand: number[] = [];
  const backorders: number[] = [];
  const scores = simulate(net, policy, scenario, {
    ...options,
    observe: (_day, state) => {
      onHand.push(state.onHand[0]!);
      backorders.push(state.backorders[0]!);
    },
  });
  return { onHand, backorders, scores };
}

describe('one store, one SKU, one unit a day', () => {
  it('follows (2, 5) with a day of lead time: orders 3 at 2, never runs out', () => {
    const net = network(1, { mean: 1, sd: 0 });
    const { onHand, scores } = trajectory(net, storeLevels(net, [[2, 5]]), 9, { opening: [5, 1000] });
    expect(onHand).toEqual([4, 3, 2, 4, 3, 2, 4, 3, 2]);
    expect(scores).toMatchObject({ demandedUnits: 9, fillRate: 1, storeFillRate: 1, lostUnits: 0, stockOutDays: 0 });
    // Orders on days 2, 5 and 8; two of them arrived, the third is on the truck at the end.
    expect(scores.activity).toMatchObject({ transfers: 3, transferLines: 3, shippedUnits: 9, purchaseOrders: 0 });
    expect(scores.costs.ordering).toBe(3 * (COSTS.transfer + COSTS.transferLine));
    expect(scores.costs.transport).toBe(9 * COSTS.transportPerUnit);
    expect(scores.inventory.store).toEqual({ units: 3, value: 6 });
    expect(scores.inventory.inTransit).toEqual({ units: 1, value: 2 });
    // Three cycles (two closed by arrivals, one open at the end), none short.
    expect(scores.cycleService).toBe(1);
    expect(scores.dcFillRate).toBe(1);
    // Holding: 36.5 % a year is 0.1 % a day of the value held, in transit and at the DC included.
    const dcValue = 2 * (1000 + 1000 + 997 + 997 + 997 + 994 + 994 + 994 + 991);
    expect(scores.costs.holding).toBeCloseTo((dcValue + 9 * 6 + 9 * 2) * 0.001, 9);
  });

  it('with lost sales and s too low, loses exactly the days the shelf is empty', () => {
    const net = network(1, { mean: 3, sd: 0 });
    const { onHand, scores } = trajectory(net, storeLevels(net, [[0, 3]]), 20, { opening: [3, 1000] });
    expect(onHand.slice(0, 10)).toEqual([2, 1, 0, 0, 0, 2, 1, 0, 0, 0]);
    // Days 3, 4, 8, 9, 13, 14, 18, 19 lose their unit: each order arrives two days after the shelf empties.
    expect(scores).toMatchObject({ demandedUnits: 20, lostUnits: 8, soldUnits: 12, fillRate: 0.6, stockOutDays: 12 });
    expect(scores.lostMargin).toBe(8 * 3);
    expect(scores.inStockRate).toBe(0.4);
    expect(scores.cycleService).toBe(0);
    expect(scores.costs.total).toBeCloseTo(
      scores.costs.holding + scores.costs.ordering + scores.costs.transport + scores.costs.lostMargin,
      9,
    );
  });

  it('with backorders, serves the waiting customers when the order arrives', () => {
    const net = network(1, { mean: 3, sd: 0 });
    const { onHand, backorders, scores } = trajectory(net, storeLevels(net, [[0, 3]]), 20, {
      opening: [3, 1000],
      unmet: 'backorder',
    });
    expect(onHand.slice(0, 9)).toEqual([2, 1, 0, 0, 0, 0, 0, 0, 0]);
    expect(backorders.slice(0, 9)).toEqual([0, 0, 0, 1, 2, 0, 1, 2, 0]);
    // Served the day they came: days 0, 1, 2, then every third day from 5; the rest waited.
    expect(scores).toMatchObject({
      demandedUnits: 20,
      lostUnits: 0,
      backorderedUnits: 12,
      soldUnits: 18,
      fillRate: 0.4,
    });
    expect(backorders[19]).toBe(2);
  });

  it('leaves the warm-up out of the scores', () => {
    const net = network(1, { mean: 1, sd: 0 });
    const { scores } = trajectory(net, storeLevels(net, [[2, 5]]), 9, { opening: [5, 1000], warmUpDays: 3 });
    expect(scores).toMatchObject({ days: 6, demandedUnits: 6 });
    expect(scores.activity.transfers).toBe(2);
  });

  it('starts each location at its order-up-to level when no opening is given', () => {
    const net = network(1, { mean: 1, sd: 0 });
    const policy = storeLevels(net, [[2, 4.5]]);
    policy.levels.orderUpTo[1] = 10;
    const { onHand } = trajectory(net, policy, 1);
    expect(onHand).toEqual([4]);
  });
});

describe('DCs', () => {
  it('ration a shortage in proportion to the orders, whole store packs, leftovers by largest remainder', () => {
    /** What each of three stores has coming after day 0, with 10 units at the DC and no customers. */
    const shipped = (net: SimulationNetwork, levels: [number, number][]) => {
      let inbound: number[] = [];
      const scores = simulate(
        net,
        storeLevels(net, levels),
        createScenario(net, { seed: 1, days: 1, meanDemand: () => 0 }),
        {
          opening: [0, 0, 0, 10],
          observe: (_day, state) => (inbound = [0, 1, 2].map((store) => state.inbound[store]!)),
        },
      );
      return { inbound, dcFillRate: scores.dcFillRate };
    };
    const net = network(3, { mean: 1, sd: 0 });
    // 15 ordered, 10 on hand: 3⅓ each, so 3 each and the unit left to the lowest store index.
    const even = shipped(net, [
      [0, 5],
      [0, 5],
      [0, 5],
    ]);
    expect(even.inbound).toEqual([4, 3, 3]);
    expect(even.dcFillRate).toBeCloseTo(10 / 15, 12);
    // In packs of 2, orders of 6 and 10 (9 rounded up): 1.875 and 3.125 packs, so 2 + 6 units and the last pack to the first.
    const packed = { ...net, skus: [{ ...net.skus[0]!, storePackSize: 2 }] };
    const uneven = shipped(packed, [
      [0, 6],
      [0, 9],
      [0, 0],
    ]);
    expect(uneven.inbound).toEqual([4, 6, 0]);
  });

  it('order from suppliers in whole packs of at least the MOQ, on their review days', () => {
    const net: SimulationNetwork = {
      ...network(1, { mean: 1, sd: 0 }),
      skus: [{ unitCost: 2, price: 5, packSize: 6, minOrderQuantity: 20 }],
      dcs: [{ supplierLeadTime: { mean: 4, sd: 0 } }],
    };
    const policy = storeLevels(net, [[0, 0]], { review: [{ every: 1 }, { every: 7, phase: 2 }] });
    policy.levels.orderUpTo[1] = 10;
    const inbound: number[] = [];
    const scores = simulate(net, policy, createScenario(net, { seed: 1, days: 10, meanDemand: () => 0 }), {
      opening: [0, 0],
      observe: (_day, state) => inbound.push(state.inbound[1]!),
    });
    // Day 2 orders 24 (20 raised to 4 packs of 6), arriving on day 6; day 9 finds the DC at 24 > 0.
    expect(inbound).toEqual([0, 0, 24, 24, 24, 24, 0, 0, 0, 0]);
    expect(scores.activity).toMatchObject({ purchaseOrders: 1, purchaseOrderLines: 1 });
    expect(scores.costs.ordering).toBe(COSTS.purchaseOrder + COSTS.purchaseOrderLine);
  });
});

describe('rebalancing', () => {
  it('moves no more than the source has, arriving after the lane lead time, at the lane cost', () => {
    const net = { ...network(2, { mean: 1, sd: 0 }), rebalanceLeadTime: { mean: 2, sd: 0 } };
    const policy = storeLevels(net, [
      [0, 0],
      [0, 0],
    ]);
    const onHand: number[][] = [];
    const scores = simulate(
      net,
      { ...policy, rebalance: (day) => (day === 0 ? [{ from: 0, to: 1, sku: 0, quantity: 8 }] : []) },
      createScenario(net, { seed: 1, days: 4, meanDemand: () => 0 }),
      { opening: [5, 0, 0], observe: (_day, state) => onHand.push([state.onHand[0]!, state.onHand[1]!]) },
    );
    expect(onHand).toEqual([
      [0, 0],
      [0, 0],
      [0, 5],
      [0, 5],
    ]);
    expect(scores.activity.rebalancedUnits).toBe(5);
    expect(scores.costs.transport).toBe(5 * COSTS.rebalancePerUnit);
  });

  it('refuses a move to a store that does not carry the SKU', () => {
    const base = network(2, { mean: 1, sd: 0 }, 2);
    const net = { ...base, stores: [base.stores[0]!, { ...base.stores[1]!, carries: [0] }] };
    const policy = { ...storeLevels(net, []), rebalance: () => [{ from: 0, to: 1, sku: 1, quantity: 1 }] };
    const scenario = createScenario(net, { seed: 1, days: 2, meanDemand: () => 0 });
    expect(() => simulate(net, policy, scenario)).toThrow(/store 1 does not carry SKU 1/);
  });
});

describe('random draws shared between policies', () => {
  const net: SimulationNetwork = {
    skus: [
      { unitCost: 3, price: 7, packSize: 4, minOrderQuantity: 8 },
      { unitCost: 1, price: 2, packSize: 1, minOrderQuantity: 0, storePackSize: 3 },
    ],
    dcs: [{ supplierLeadTime: { mean: 5, sd: 2 }, online: true }],
    stores: [
      { dc: 0, transferLeadTime: { mean: 2, sd: 1 } },
      { dc: 0, transferLeadTime: { mean: 1, sd: 0.5 }, carries: [1] },
    ],
    costs: COSTS,
  };
  const drawing = {
    seed: 99,
    days: 60,
    meanDemand: (day: number, store: number, sku: number) => 0.5 + store + sku + (day % 7) / 7,
    onlineMeanDemand: () => 2,
    dispersion: 3,
  };
  const scenario = createScenario(net, drawing);
  const peers = staticMinMax(net, { storeDemand: (store, sku) => 1 + store + sku, onlineDemand: () => 2 });
  const daily = staticMinMax(net, {
    storeDemand: (store, sku) => 1.5 + store + sku,
    onlineDemand: () => 2,
    review: { every: 1 },
    fromSales: { every: 7, overDays: 14 },
  });

  it('gives the same scores for the same seed', () => {
    expect(simulate(net, peers, scenario)).toEqual(simulate(net, peers, scenario));
    expect(simulate(net, daily, scenario)).toEqual(simulate(net, daily, scenario));
    expect(createScenario(net, drawing).demand).toEqual(scenario.demand);
    expect(createScenario(net, { ...drawing, seed: 100 }).demand).not.toEqual(scenario.demand);
  });

  it('shows every policy the same customers', () => {
    const a = simulate(net, peers, scenario, { unmet: 'backorder' });
    const b = simulate(net, daily, scenario);
    expect(a.demandedUnits).toBe(b.demandedUnits);
    expect(a.demandedUnits).toBe(scenario.demand.reduce((sum, units) => sum + units, 0));
    expect(a).not.toEqual(b);
  });

  it("keeps a store's deliveries whatever other stores order", () => {
    const two = network(2, { mean: 3, sd: 2 });
    const days = 40;
    const draws = createScenario(two, { seed: 5, days, meanDemand: () => 1.3 });
    const first = (other: [number, number]) => {
      const seen: number[] = [];
      simulate(two, storeLevels(two, [[3, 8], other]), draws, {
        opening: [8, other[1], 10_000],
        observe: (_day, state) => seen.push(state.onHand[0]!),
      });
      return seen;
    };
    expect(first([1, 4])).toEqual(first([6, 20]));
  });
});

describe('a higher order-up-to level', () => {
  it('never lowers the fill rate of a base-stock store on the same seed', () => {
    fc.assert(
      fc.property(
        fc.record({
          seed: fc.nat(),
          rate: fc.double({ min: 0.1, max: 6, noNaN: true }),
          dispersion: fc.option(fc.double({ min: 0.5, max: 10, noNaN: true }), { nil: undefined }),
          lead: fc.record({ mean: fc.integer({ min: 1, max: 6 }), sd: fc.double({ min: 0, max: 2, noNaN: true }) }),
          every: fc.integer({ min: 1, max: 7 }),
          orderUpTo: fc.integer({ min: 1, max: 30 }),
          more: fc.integer({ min: 1, max: 10 }),
          unmet: fc.constantFrom('lost' as const, 'backorder' as const),
        }),
        ({ seed, rate, dispersion, lead, every, orderUpTo, more, unmet }) => {
          const net = network(1, lead);
          const scenario = createScenario(net, {
            seed,
            days: 120,
            meanDemand: () => rate,
            ...(dispersion === undefined ? {} : { dispersion }),
          });
          const fill = (S: number) =>
            simulate(net, storeLevels(net, [[S - 1, S]], { review: [{ every }, { every: 1 }] }), scenario, {
              opening: [S, 1_000_000],
              unmet,
            }).fillRate;
          expect(fill(orderUpTo + more)).toBeGreaterThanOrEqual(fill(orderUpTo));
        },
      ),
      runs,
    );
  });
});

describe('inputs', () => {
  it('are checked, every problem named', () => {
    const net = network(1, { mean: 1, sd: 0 });
    const bad: SimulationNetwork = {
      ...net,
      skus: [{ unitCost: -1, price: 5, packSize: 0, minOrderQuantity: 0 }],
      stores: [{ dc: 3, transferLeadTime: { mean: 1, sd: 0 } }],
    };
    try {
      createScenario(bad, { seed: 1, days: 5, meanDemand: () => 1 });
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error, 'validation_failed')).toBe(true);
      expect(String(error)).toMatch(/skus\.0\.unitCost.*skus\.0\.packSize.*stores\.0\.dc/);
    }
    const scenario = createScenario(net, { seed: 1, days: 5, meanDemand: () => 1 });
    const policy = storeLevels(net, [[2, 5]]);
    expect(() => simulate(net, policy, scenario, { warmUpDays: 5 })).toThrow(/warmUpDays/);
    expect(() => simulate(net, policy, scenario, { opening: [1.5, 0] })).toThrow(/opening/);
    expect(() => simulate(net, { ...policy, review: { every: 7, phase: 7 } }, scenario)).toThrow(/policy\.review/);
    expect(() => simulate(network(2, { mean: 1, sd: 0 }), policy, scenario)).toThrow(/another network/);
    expect(() => createScenario(net, { seed: 1, days: 2, meanDemand: () => Number.NaN })).toThrow(/meanDemand/);
  });
});
