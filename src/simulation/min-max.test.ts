import { describe, expect, it } from 'vitest';
import { createScenario, MIN_MAX_DEFAULTS, simulate, staticMinMax } from './index.js';
import type { SimulationNetwork } from './index.js';

/** Two SKUs; DC 0 serves stores 0 and 1 (store 1 carries SKU 1 only) and sells online, DC 1 serves store 2. */
const net: SimulationNetwork = {
  skus: [
    { unitCost: 1, price: 2, packSize: 1, minOrderQuantity: 0 },
    { unitCost: 4, price: 9, packSize: 6, minOrderQuantity: 12 },
  ],
  dcs: [{ supplierLeadTime: { mean: 7, sd: 2 }, online: true }, { supplierLeadTime: { mean: 5, sd: 1 } }],
  stores: [
    { dc: 0, transferLeadTime: { mean: 1, sd: 0 } },
    { dc: 0, transferLeadTime: { mean: 2, sd: 1 }, carries: [1] },
    { dc: 1, transferLeadTime: { mean: 1, sd: 0 } },
  ],
  costs: {
    holdingRate: 0.25,
    purchaseOrder: 30,
    purchaseOrderLine: 2,
    transfer: 8,
    transferLine: 0.5,
    transportPerUnit: 0.2,
    rebalancePerUnit: 1,
  },
};
const K = net.skus.length;
const rate = (store: number, sku: number) => 0.5 + store + 2 * sku;

describe('static min/max', () => {
  it('sets min to 14 and max to 28 days of the given average demand', () => {
    const { levels, review } = staticMinMax(net, { storeDemand: rate, onlineDemand: (_dc, sku) => 3 + sku });
    expect(review).toEqual(MIN_MAX_DEFAULTS.review);
    for (const [store, sku] of [
      [0, 0],
      [0, 1],
      [1, 1],
      [2, 0],
      [2, 1],
    ] as const) {
      expect(levels.reorderPoint[store * K + sku]).toBe(14 * rate(store, sku));
      expect(levels.orderUpTo[store * K + sku]).toBe(28 * rate(store, sku));
    }
    // Not carried: no levels.
    expect([levels.reorderPoint[1 * K + 0], levels.orderUpTo[1 * K + 0]]).toEqual([0, 0]);
    // DC 0: its stores' summed demand and its online sales; DC 1: store 2's alone.
    const dc0 = (sku: number) => (sku === 0 ? rate(0, 0) + 3 : rate(0, 1) + rate(1, 1) + 4);
    for (const sku of [0, 1]) {
      expect(levels.reorderPoint[3 * K + sku]).toBeCloseTo(14 * dc0(sku), 12);
      expect(levels.orderUpTo[3 * K + sku]).toBeCloseTo(28 * dc0(sku), 12);
      expect(levels.orderUpTo[4 * K + sku]).toBeCloseTo(28 * rate(2, sku), 12);
    }
  });

  it('takes other cover days and reviews when told', () => {
    const policy = staticMinMax(net, { storeDemand: () => 2, minDays: 7, maxDays: 21, review: { every: 3, phase: 1 } });
    expect([policy.levels.reorderPoint[0], policy.levels.orderUpTo[0]]).toEqual([14, 42]);
    expect(policy.review).toEqual({ every: 3, phase: 1 });
    expect(() => staticMinMax(net, { storeDemand: () => 1, minDays: 30, maxDays: 20 })).toThrow(/minDays/);
  });

  it('resets from simulated sales, a level table for the mean daily sales of the last days', () => {
    const policy = staticMinMax(net, { storeDemand: rate, fromSales: { every: 7, overDays: 14 } });
    const scenario = createScenario(net, {
      seed: 3,
      days: 30,
      meanDemand: (_day, store, sku) => rate(store, sku),
      onlineMeanDemand: () => 2,
    });
    const reset: { day: number; orderUpTo: number; sold: number }[] = [];
    simulate(net, policy, scenario, {
      observe: (day, state) => {
        if (day > 0 && day % 7 === 0)
          reset.push({ day, orderUpTo: state.levels.orderUpTo[0]!, sold: state.sold(0, 0, Math.min(14, day + 1)) });
      },
    });
    expect(reset.map((r) => r.day)).toEqual([7, 14, 21, 28]);
    expect(reset[0]!.orderUpTo).toBeCloseTo((28 * reset[0]!.sold) / 8, 12);
    for (const r of reset.slice(1)) expect(r.orderUpTo).toBeCloseTo((28 * r.sold) / 14, 12);
    // The policy's own levels stay as given, so a second run plays the same.
    expect(policy.levels.orderUpTo[0]).toBe(28 * rate(0, 0));
    expect(simulate(net, policy, scenario)).toEqual(simulate(net, policy, scenario));
  });
});
