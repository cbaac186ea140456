import { describe, expect, it } from 'vitest';
import { comparePolicies } from './index.js';
import type { SimulationNetwork } from './index.js';

/** Four SKUs from fast to slow, two DCs with three and two stores. */
const network: SimulationNetwork = {
  skus: [
    { unitCost: 2, price: 4, packSize: 12, minOrderQuantity: 12, storePackSize: 6 },
    { unitCost: 10, price: 18, packSize: 6, minOrderQuantity: 12 },
    { unitCost: 5, price: 9, packSize: 6, minOrderQuantity: 0 },
    { unitCost: 30, price: 55, packSize: 6, minOrderQuantity: 24 },
  ],
  dcs: [{ supplierLeadTime: { mean: 7, sd: 2 } }, { supplierLeadTime: { mean: 9, sd: 3 } }],
  stores: [
    { dc: 0, transferLeadTime: { mean: 1, sd: 0 } },
    { dc: 0, transferLeadTime: { mean: 1, sd: 0.3 }, carries: [0, 2, 3] },
    { dc: 0, transferLeadTime: { mean: 1, sd: 0 } },
    { dc: 1, transferLeadTime: { mean: 1, sd: 0 } },
    { dc: 1, transferLeadTime: { mean: 2, sd: 0 }, carries: [0, 1] },
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
const meanDemand = (day: number, store: number, sku: number) =>
  [6, 0.8, 1.5 + Math.sin(day / 20), 0.2][sku]! * (0.7 + store / 5);

describe('comparing policies', () => {
  it('scores every policy on one scenario, with the ratios of the goals', async () => {
    const stages = new Set<string>();
    const result = await comparePolicies({
      network,
      meanDemand,
      days: 120,
      warmUpDays: 28,
      seed: 11,
      matchSteps: 3,
      onProgress: (stage, done, total) => {
        expect(done).toBeLessThanOrEqual(total);
        stages.add(stage);
      },
    });
    const names = result.policies.map((p) => p.policy);
    expect(names.slice(0, 6)).toEqual([
      'static min/max',
      'omnistock per-location',
      'omnistock per-location + rebalancing',
      'omnistock multi-echelon',
      'omnistock multi-echelon + rebalancing',
      'textbook 95 % per-location',
    ]);
    expect(stages).toContain('simulating static min/max');
    expect(stages).toContain('planning omnistock multi-echelon');
    for (const { scores, safetyStock, placement } of result.policies) {
      expect(scores.days).toBe(92);
      expect(scores.fillRate).toBeGreaterThan(0.8);
      expect(scores.fillRate).toBeLessThanOrEqual(1);
      expect(scores.inventory.total.value).toBeGreaterThan(0);
      expect(scores.costs.total).toBeCloseTo(
        scores.costs.holding + scores.costs.ordering + scores.costs.transport + scores.costs.lostMargin,
        6,
      );
      expect(safetyStock === null).toBe(placement === null);
    }
    // Every policy met the same customers.
    const demanded = new Set(result.policies.map((p) => p.scores.demandedUnits));
    expect(demanded.size).toBe(1);
    const { ratios } = result;
    const minMax = result.policies[0]!.scores;
    const multi = result.policies[3]!.scores;
    expect(ratios.totalCostVsMinMax.multiEchelon).toBeCloseTo(multi.costs.total / minMax.costs.total, 12);
    if (ratios.inventoryAtMinMaxFill) {
      expect(ratios.inventoryAtMinMaxFill.fillRate).toBeGreaterThanOrEqual(minMax.fillRate);
      expect(names).toContain(ratios.inventoryAtMinMaxFill.policy);
    }
    expect(ratios.rebalancing.map((r) => r.placement)).toEqual(['per_location', 'multi_echelon']);
    expect(ratios.safetyStockMultiVsPerLocation.ratio).toBeGreaterThan(0);
  });
});
