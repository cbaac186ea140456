import { describe, expect, it } from 'vitest';
import { echelonDemand } from './echelon-demand.js';
import { supplierLeadTime } from './lead-time.js';

describe("a distribution centre's demand", () => {
  it("is its stores' draws plus its own orders, lumpier for stores that order in large lots", () => {
    const stores = [
      { perDay: 2, sdPerDay: 1.5, lotSize: 14 },
      { perDay: 1, sdPerDay: 1, lotSize: 1 },
    ];
    const demand = echelonDemand(stores, { perDay: 0.5, sdPerDay: 0.7 }, 10);
    expect(demand.perDay).toBe(3.5);
    // (10·2.25 + min(49, 2·10·13) + 10·1 + 10·0.49) / 10
    expect(demand.sdPerDay).toBeCloseTo(Math.sqrt(8.64), 9);
    const unitLots = echelonDemand(
      stores.map((s) => ({ ...s, lotSize: 1 })),
      { perDay: 0.5, sdPerDay: 0.7 },
      10,
    );
    expect(unitLots.sdPerDay).toBeLessThan(demand.sdPerDay);
    expect(echelonDemand([], null, 7)).toEqual({ perDay: 0, sdPerDay: 0 });
  });

  it("takes a supplier's actual lead times once there are enough receipts", () => {
    expect(supplierLeadTime({ mean: 7, sd: 2 }, { receipts: 4, mean: 9, sd: 3 })).toMatchObject({
      mean: 7,
      basis: 'stated',
    });
    expect(supplierLeadTime({ mean: 7, sd: 2 }, { receipts: 5, mean: 9, sd: 3 })).toEqual({
      mean: 9,
      sd: 3,
      basis: 'receipts',
      observations: 5,
    });
    expect(supplierLeadTime({ mean: 7, sd: 2 }, null).basis).toBe('stated');
  });
});
