import { describe, expect, it } from 'vitest';
import { loadRebalancer } from '../planning/index.js';
import { createScenario, forecastWithError, planLevels, plannedPolicy, simulate } from './index.js';
import type { SimulationNetwork, SimulationState } from './index.js';

/** Three SKUs (a fast one, a slow one in packs with a minimum, a seasonal one); DC 0 serves stores 0–2, DC 1 store 3. */
const network: SimulationNetwork = {
  skus: [
    { unitCost: 2, price: 4, packSize: 12, minOrderQuantity: 12 },
    { unitCost: 10, price: 18, packSize: 6, minOrderQuantity: 12 },
    { unitCost: 5, price: 9, packSize: 6, minOrderQuantity: 0, storePackSize: 2 },
  ],
  dcs: [
    {
      supplierLeadTime: [
        { mean: 5, sd: 1 },
        { mean: 12, sd: 4 },
        { mean: 7, sd: 2 },
      ],
    },
    {
      supplierLeadTime: [
        { mean: 5, sd: 1 },
        { mean: 12, sd: 4 },
        { mean: 7, sd: 2 },
      ],
    },
  ],
  stores: [
    { dc: 0, transferLeadTime: { mean: 1, sd: 0 } },
    { dc: 0, transferLeadTime: { mean: 1, sd: 0.3 }, carries: [0, 2] },
    { dc: 0, transferLeadTime: { mean: 2, sd: 0 } },
    { dc: 1, transferLeadTime: { mean: 1, sd: 0 } },
  ],
  costs: {
    holdingRate: 0.25,
    purchaseOrder: 30,
    purchaseOrderLine: 2,
    transfer: 8,
    transferLine: 0.3,
    transportPerUnit: 0.05,
    rebalancePerUnit: 0.4,
  },
};
const K = network.skus.length;
const S = network.stores.length;
const days = 84;
const meanDemand = (day: number, store: number, sku: number) =>
  [4, 0.3, 1 + Math.sin(day / 14)][sku]! * (1 + store / 4);

describe('a forecast with a level error', () => {
  it('is the truth without error, and off by a level that lasts its block with it', () => {
    const exact = forecastWithError(meanDemand, { seed: 3, stores: S, errorCv: 0 });
    expect(exact.mean(10, 1, 2)).toBe(meanDemand(10, 1, 2));
    expect(exact.sd(10, 0, 0)).toBeCloseTo(Math.sqrt(meanDemand(10, 0, 0)), 12);
    const off = forecastWithError(() => 5, { seed: 3, stores: S, errorCv: 0.2, blockDays: 28 });
    expect(off.mean(0, 0, 0)).toBe(off.mean(27, 0, 0));
    expect(off.mean(0, 0, 0)).not.toBe(off.mean(28, 0, 0));
    let sum = 0;
    for (let sku = 0; sku < 2000; sku++) sum += off.mean(0, 0, sku) / 5;
    expect(sum / 2000).toBeCloseTo(1, 1);
    expect(off.sd(0, 0, 0)).toBeCloseTo(Math.sqrt(off.mean(0, 0, 0) * (1 + 0.04 * off.mean(0, 0, 0))), 12);
  });
});

describe('planned levels', () => {
  const forecast = forecastWithError(meanDemand, { seed: 1, stores: S });
  const planned = planLevels(network, { forecast, days, placement: 'per_location' });

  it('set s ≤ S weekly for every carried store × SKU and every DC × SKU its stores carry', () => {
    expect(planned.rows.map((r) => r.fromDay)).toEqual([0, 7, 14, 21, 28, 35, 42, 49, 56, 63, 70, 77]);
    for (const { levels } of planned.rows)
      for (let cell = 0; cell < (S + 2) * K; cell++) {
        expect(levels.reorderPoint[cell]).toBeLessThanOrEqual(levels.orderUpTo[cell]!);
        const notCarried = cell === 1 * K + 1;
        expect(levels.orderUpTo[cell]! > 0).toBe(!notCarried);
      }
    // A DC's levels cover its stores' demand over its own supplier's lead time: more than any store's.
    const first = planned.rows[0]!.levels;
    expect(first.reorderPoint[S * K]).toBeGreaterThan(first.reorderPoint[0]! + first.reorderPoint[K]!);
    expect(planned.safetyStock.total.value).toBeGreaterThan(0);
  });

  it('follow the season: the seasonal SKU’s levels rise and fall with its forecast', () => {
    const at = (row: number) => planned.rows[row]!.levels.orderUpTo[0 * K + 2]!;
    // sin(day / 14) peaks near day 22 and bottoms near day 66.
    expect(at(3)).toBeGreaterThan(at(9));
  });

  it('play deterministically, and a DC planned to pass demand on still orders what its stores are owed', () => {
    const scenario = createScenario(network, { seed: 5, days, meanDemand });
    const multi = planLevels(network, { forecast, days, placement: 'multi_echelon' });
    for (const levels of [planned, multi]) {
      const policy = plannedPolicy(network, levels, { name: 'planned' });
      const once = simulate(network, policy, scenario, { warmUpDays: 14 });
      expect(simulate(network, policy, scenario, { warmUpDays: 14 })).toEqual(once);
      expect(once.fillRate).toBeGreaterThan(0.9);
      expect(once.dcFillRate).toBeGreaterThan(0.5);
    }
  });
});

describe('rebalancing between stores', () => {
  it('moves from a store that will not sell its stock to one of the same DC that will run out', async () => {
    const solve = await loadRebalancer();
    const forecast = forecastWithError(meanDemand, { seed: 1, stores: S, errorCv: 0 });
    const planned = planLevels(network, { forecast, days, placement: 'per_location' });
    const policy = plannedPolicy(network, planned, { name: 'rebalanced', rebalance: { solve, forecast } });
    const onHand = new Float64Array((S + 2) * K);
    onHand[0 * K + 0] = 200;
    onHand[3 * K + 0] = 200;
    const state = {
      onHand,
      inbound: new Float64Array(onHand.length),
      backorders: new Float64Array(onHand.length),
    } as unknown as SimulationState;
    expect(policy.rebalance!(2, state)).toEqual([]);
    const moves = policy.rebalance!(3, state);
    // Store 0's 200 units of SKU 0 are far more than it sells in five days; stores 1 and 2 (DC 0) have
    // none, store 3 (DC 1) is another DC's.
    expect(moves.length).toBeGreaterThan(0);
    for (const move of moves) {
      expect(move).toMatchObject({ from: 0, sku: 0 });
      expect([1, 2]).toContain(move.to);
      expect(move.quantity).toBeGreaterThan(0);
    }
  });
});
