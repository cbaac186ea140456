import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../calendar/index.js';
import { createRandom } from '../probability/index.js';
import { expectedSales } from './history.js';
import { demoNetwork } from './network.js';
import { simulatedDemo } from './simulated-network.js';

const size = { skus: 40, stores: 5, dcs: 2, days: 120, seed: 9 };

describe('the demo chain as the simulator plays it', () => {
  it("sells what the demo's expectedSales says, store by store and day by day", () => {
    const demo = simulatedDemo(size);
    const chain = demoNetwork(
      { distributionCentres: size.dcs, stores: size.stores, products: size.skus, days: size.days },
      createRandom(size.seed),
    );
    const start = Date.parse(demo.start);
    for (const [day, store, sku] of [
      [0, 0, 0],
      [17, 2, 5],
      [63, 4, 39],
      [119, 1, 12],
    ] as const) {
      const carried = demo.network.stores[store]!.carries!.includes(sku);
      const expected = carried
        ? expectedSales(chain, chain.demand[sku]!, demo.stores[store]!, {
            day,
            days: size.days,
            date: new Date(start + day * DAY_MS),
          })
        : 0;
      expect(demo.meanDemand(day, store, sku)).toBeCloseTo(expected, 10);
    }
    // Past the last day, the last day repeats.
    expect(demo.meanDemand(500, 1, 12)).toBe(demo.meanDemand(119, 1, 12));
  });

  it('is a long tail: most store × SKU pairs sell under one a day, in packs, with minimums, from suppliers of 5 to 12 days', () => {
    const demo = simulatedDemo(size);
    let pairs = 0;
    let slow = 0;
    demo.network.stores.forEach((store, s) => {
      for (const k of store.carries!) {
        pairs += 1;
        if (demo.averageDemand(s, k) < 1) slow += 1;
      }
    });
    expect(slow / pairs).toBeGreaterThan(0.6);
    for (const sku of demo.network.skus) {
      expect([6, 12, 24]).toContain(sku.packSize);
      expect(sku.minOrderQuantity % sku.packSize).toBe(0);
      expect(sku.price).toBeGreaterThan(sku.unitCost);
    }
    const leadTimes = demo.network.dcs[0]!.supplierLeadTime as readonly { mean: number }[];
    expect(new Set(leadTimes.map((l) => l.mean))).toEqual(new Set([5, 7, 9, 12]));
    expect(demo.network.stores.every((s) => s.dc >= 0 && s.dc < size.dcs)).toBe(true);
  });
});
