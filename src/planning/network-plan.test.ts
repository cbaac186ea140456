import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN_SETTINGS, planNetwork } from './network-plan.js';
import type { NetworkInput } from './network-plan.js';

const flat = (perDay: number, days = 28) => Array.from({ length: days }, () => perDay);

function network(storeDemand: number, stores = 4): NetworkInput {
  const ids = Array.from({ length: stores }, (_, i) => `s${i + 1}`);
  return {
    locations: [
      { id: 'dc', kind: 'distribution_centre', parentId: null, status: 'active' },
      ...ids.map((id) => ({ id, kind: 'store' as const, parentId: 'dc', status: 'active' as const })),
    ],
    products: [{ sku: 'TEA', unitCost: 2, price: 4 }],
    demand: ids.map((id) => ({
      sku: 'TEA',
      locationId: id,
      mean: flat(storeDemand),
      spread: { sigmas: flat(Math.sqrt(storeDemand)), errorCorrelation: 0 },
    })),
    stock: [{ sku: 'TEA', locationId: 'dc', onHand: 40, reserved: 0, inbound: 0, backordered: 0 }],
    offers: [
      {
        sku: 'TEA',
        supplierId: 'nordfrisch',
        unitCost: 2,
        stated: { mean: 10, sd: 3 },
        observed: null,
        packSize: 12,
        minOrderQuantity: 24,
        fillRate: null,
      },
    ],
    lanes: [],
    defaultTransfer: { mean: 1, sd: 0.5 },
  };
}

describe('a network plan', () => {
  it("plans a DC on its stores' draws, and each store on its own forecast", () => {
    const plan = planNetwork(network(3), { ...DEFAULT_PLAN_SETTINGS, placement: 'per_location' }, 28);
    const today = plan.policies.filter((p) => p.offsetDays === 0);
    expect(today).toHaveLength(5);
    expect(plan.policies).toHaveLength(20);
    const dc = today.find((p) => p.locationId === 'dc')!;
    expect(dc.demand.perDay).toBeCloseTo(12, 9);
    expect(dc.source).toEqual({ kind: 'supplier', id: 'nordfrisch' });
    expect(dc.leadTime.mean).toBe(10);
    // A DC of whole packs; a store of single units from its parent, one day away.
    expect(dc.lotSize % 12).toBe(0);
    const store = today.find((p) => p.locationId === 's1')!;
    expect(store.source).toEqual({ kind: 'parent', id: 'dc' });
    expect(store.leadTime.mean).toBe(1);
    expect(store.protectionDays).toBe(8);
    // Every store is empty: each gets a transfer from the DC as far as its 40 units go, the rest is bought.
    const moved = plan.replenishment.suggestions
      .filter((s) => s.kind === 'transfer')
      .flatMap((s) => s.lines)
      .reduce((sum, l) => sum + l.quantity, 0);
    expect(moved).toBe(40);
    expect(plan.replenishment.suggestions.some((s) => s.kind === 'purchase_order' && s.locationId === 'dc')).toBe(true);
  });

  it('places safety stock over the tree: what a DC promises its stores, they cover', () => {
    for (const perDay of [0.2, 3, 30]) {
      const placed = planNetwork(network(perDay), DEFAULT_PLAN_SETTINGS, 28);
      const today = placed.policies.filter((p) => p.offsetDays === 0);
      const dc = today.find((p) => p.locationId === 'dc')!;
      const promise = dc.serviceTime!;
      // The DC's replenishment time is its supplier's 10 days and its weekly review.
      expect(promise).toBeGreaterThanOrEqual(0);
      expect(promise).toBeLessThanOrEqual(17);
      expect(dc.protectionDays).toBeCloseTo(17 - promise, 9);
      for (const store of today.filter((p) => p.locationId !== 'dc')) {
        expect(store.serviceTime).toBeNull();
        expect(store.protectionDays).toBeCloseTo(1 + 7 + promise, 9);
      }
      const alone = planNetwork(network(perDay), { ...DEFAULT_PLAN_SETTINGS, placement: 'per_location' }, 28);
      expect(alone.policies.find((p) => p.locationId === 'dc')!.serviceTime).toBe(0);
    }
  });
});
