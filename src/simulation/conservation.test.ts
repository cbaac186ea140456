import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkConservation } from './conservation.js';
import { createLevelTable, createScenario, simulate } from './index.js';
import type { LeadTime, Policy, Rebalance, SimulationNetwork } from './index.js';

const runs = { numRuns: Number(process.env.PROPERTY_RUNS ?? 30) };

const leadTime: fc.Arbitrary<LeadTime> = fc.record({
  mean: fc.double({ min: 0, max: 5, noNaN: true }),
  sd: fc.double({ min: 0, max: 2, noNaN: true }),
});

/** A small network: up to 4 SKUs, 2 DCs and 4 stores, with packs, MOQs, partial ranges and online DCs. */
const networks: fc.Arbitrary<SimulationNetwork> = fc
  .record({
    skus: fc.integer({ min: 1, max: 4 }),
    dcs: fc.integer({ min: 1, max: 2 }),
    stores: fc.integer({ min: 0, max: 4 }),
  })
  .chain(({ skus, dcs, stores }) =>
    fc.record({
      skus: fc.array(
        fc.record(
          {
            unitCost: fc.double({ min: 0, max: 20, noNaN: true }),
            price: fc.double({ min: 0, max: 40, noNaN: true }),
            packSize: fc.integer({ min: 1, max: 6 }),
            storePackSize: fc.integer({ min: 1, max: 3 }),
            minOrderQuantity: fc.integer({ min: 0, max: 10 }),
            weightKg: fc.double({ min: 0, max: 5, noNaN: true }),
          },
          { requiredKeys: ['unitCost', 'price', 'packSize', 'minOrderQuantity'] },
        ),
        { minLength: skus, maxLength: skus },
      ),
      dcs: fc.array(fc.record({ supplierLeadTime: leadTime, online: fc.boolean() }), {
        minLength: dcs,
        maxLength: dcs,
      }),
      stores: fc.array(
        fc.record(
          {
            dc: fc.integer({ min: 0, max: dcs - 1 }),
            transferLeadTime: leadTime,
            carries: fc.subarray(Array.from({ length: skus }, (_, k) => k)),
            transportPerUnit: fc.double({ min: 0, max: 2, noNaN: true }),
          },
          { requiredKeys: ['dc', 'transferLeadTime'] },
        ),
        { minLength: stores, maxLength: stores },
      ),
      costs: fc.record({
        holdingRate: fc.double({ min: 0, max: 0.5, noNaN: true }),
        purchaseOrder: fc.double({ min: 0, max: 50, noNaN: true }),
        purchaseOrderLine: fc.double({ min: 0, max: 5, noNaN: true }),
        transfer: fc.double({ min: 0, max: 20, noNaN: true }),
        transferLine: fc.double({ min: 0, max: 2, noNaN: true }),
        transportPerUnit: fc.double({ min: 0, max: 2, noNaN: true }),
        rebalancePerUnit: fc.double({ min: 0, max: 3, noNaN: true }),
      }),
      rebalanceLeadTime: leadTime,
    }),
  );

/** A policy with random levels and reviews, and random moves between stores (some beyond what a store has). */
function randomPolicy(net: SimulationNetwork, numbers: readonly number[], every: number): Policy {
  const levels = createLevelTable(net);
  const at = (i: number) => numbers[i % numbers.length]!;
  levels.reorderPoint.forEach((_, cell) => {
    levels.reorderPoint[cell] = at(cell) % 15;
    levels.orderUpTo[cell] = (at(cell) % 15) + (at(cell + 7) % 25);
  });
  const S = net.stores.length;
  const review = Array.from({ length: S + net.dcs.length }, (_, location) => ({ every, phase: at(location) % every }));
  const rebalance = (day: number): Rebalance[] => {
    if (S < 2 || at(day) % 3 !== 0) return [];
    const from = at(day + 1) % S;
    const to = (from + 1 + (at(day + 2) % (S - 1))) % S;
    const carried = net.stores[to]!.carries ?? net.skus.map((_, k) => k);
    if (carried.length === 0) return [];
    return [{ from, to, sku: carried[at(day + 3) % carried.length]!, quantity: at(day + 4) % 12 }];
  };
  return { name: 'random', levels, review, rebalance };
}

describe('stock', () => {
  it('is conserved every day on random networks, policies and demand', () => {
    fc.assert(
      fc.property(
        networks,
        fc.array(fc.nat(1000), { minLength: 1, maxLength: 40 }),
        fc.record({
          seed: fc.nat(),
          days: fc.integer({ min: 1, max: 60 }),
          every: fc.integer({ min: 1, max: 7 }),
          mean: fc.double({ min: 0, max: 8, noNaN: true }),
          dispersion: fc.option(fc.double({ min: 0.3, max: 10, noNaN: true }), { nil: undefined }),
          unmet: fc.constantFrom('lost' as const, 'backorder' as const),
        }),
        (net, numbers, { seed, days, every, mean, dispersion, unmet }) => {
          const scenario = createScenario(net, {
            seed,
            days,
            meanDemand: (day, store, sku) => mean * (((day + store + sku) % 3) / 2),
            onlineMeanDemand: () => mean,
            ...(dispersion === undefined ? {} : { dispersion }),
          });
          // The simulator checks conservation itself at the end of every day and throws if it fails.
          const scores = simulate(net, randomPolicy(net, numbers, every), scenario, {
            unmet,
            warmUpDays: Math.floor(days / 3),
            observe: (_day, state) => {
              for (let cell = 0; cell < state.onHand.length; cell++) {
                expect(Number.isInteger(state.onHand[cell])).toBe(true);
                expect(state.onHand[cell]).toBeGreaterThanOrEqual(0);
              }
            },
          });
          for (const rate of [scores.fillRate, scores.storeFillRate, scores.dcFillRate, scores.cycleService])
            expect(rate >= 0 && rate <= 1).toBe(true);
          const unserved = unmet === 'lost' ? scores.lostUnits : scores.backorderedUnits;
          expect(scores.fillRate * scores.demandedUnits + unserved).toBeCloseTo(scores.demandedUnits, 6);
        },
      ),
      runs,
    );
  });

  it('out of balance fails naming the day and the SKU', () => {
    const totals = { opening: [5, 5], received: [0, 3], sold: [2, 1], onHand: [3, 6], inTransit: [0, 0] };
    expect(() => checkConservation(4, totals)).toThrow(
      'Stock is not conserved on day 4 for SKU 1: opening 5 + received 3 ≠ sold 1 + on hand 6 + in transit 0',
    );
    expect(() => checkConservation(4, { ...totals, inTransit: [0, 1] })).not.toThrow();
  });
});
