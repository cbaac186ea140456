import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalLoss } from '../probability/index.js';
import { roundOrder } from './order-rounding.js';
import { classifyProducts, costOptimalService, DEFAULT_SERVICE, serviceTarget } from './service-target.js';
import { stockPolicy } from './stock-policy.js';
import type { PolicyInput } from './stock-policy.js';

const runs = { numRuns: Number(process.env.PROPERTY_RUNS ?? 200) };

const base: PolicyInput = {
  demand: { perDay: 4, sdPerDay: 2 },
  leadTime: { mean: 7, sd: 2 },
  reviewDays: 7,
  service: { measure: 'cycle_service', level: 0.95 },
  unitCost: 3,
  holdingRate: 0.25,
  orderingCost: null,
  packSize: 12,
  minOrderQuantity: 24,
  maxCoverDays: 28,
};

const input = fc.record({
  perDay: fc.double({ min: 0.01, max: 200, noNaN: true }),
  // Daily σ between a steady Poisson count's and twice as much.
  dispersion: fc.double({ min: 1, max: 2, noNaN: true }),
  leadTime: fc.double({ min: 0, max: 30, noNaN: true }),
  // A lead time varies by at most its own length (a coefficient of variation up to 1).
  leadTimeVariation: fc.double({ min: 0, max: 1, noNaN: true }),
  reviewDays: fc.integer({ min: 1, max: 14 }),
  // Service targets as planners set them (the cost-set floor is 80 %). Below that, a count that varies
  // more puts more weight on selling nothing, and its median can fall: a property of the distribution.
  level: fc.double({ min: 0.8, max: 0.995, noNaN: true }),
  measure: fc.constantFrom('cycle_service' as const, 'fill_rate' as const),
  packSize: fc.integer({ min: 1, max: 48 }),
  minOrderQuantity: fc.integer({ min: 1, max: 100 }),
  orderingCost: fc.option(fc.double({ min: 0.5, max: 50, noNaN: true }), { nil: null }),
});
type Drawn = typeof input extends fc.Arbitrary<infer T> ? T : never;
const toInput = (d: Drawn): PolicyInput => ({
  ...base,
  demand: { perDay: d.perDay, sdPerDay: Math.sqrt(d.perDay) * d.dispersion },
  leadTime: { mean: d.leadTime, sd: d.leadTime * d.leadTimeVariation },
  reviewDays: d.reviewDays,
  service: { measure: d.measure, level: d.level },
  packSize: d.packSize,
  minOrderQuantity: d.minOrderQuantity,
  orderingCost: d.orderingCost,
});

describe('a stock policy', () => {
  it('covers demand over lead time and review at the target, in whole packs', () => {
    const policy = stockPolicy(base);
    expect(policy.protectionDays).toBe(14);
    expect(policy.protectionDemand.mean).toBe(56);
    // σ = √(14·2² + 4²·2²) = √120
    expect(policy.protectionDemand.sd).toBeCloseTo(Math.sqrt(120), 9);
    expect(policy.protectionDemand.shape).toBe('normal');
    // 56 + 1.645·10.954 = 74.02 → 75
    expect(policy.reorderPoint).toBe(75);
    expect(policy.safetyStock).toBe(19);
    // One review period's demand (28) in packs of 12 is 36, above the minimum of 24.
    expect(policy.lotSize).toBe(36);
    expect(policy.orderUpTo).toBe(111);
    expect(policy.expected.cycleService).toBeGreaterThanOrEqual(0.95);
  });

  it('reads a slow mover as a count of whole units, not a normal curve', () => {
    const slow = stockPolicy({
      ...base,
      demand: { perDay: 0.2, sdPerDay: Math.sqrt(0.2) },
      leadTime: { mean: 7, sd: 0 },
      packSize: 1,
      minOrderQuantity: 1,
    });
    // Poisson(0.2 · 14 = 2.8): P(≤5) = 0.935, P(≤6) = 0.976.
    expect(slow.protectionDemand.shape).toBe('poisson');
    expect(slow.reorderPoint).toBe(6);
    expect(slow.expected.cycleService).toBeCloseTo(0.9756, 3);
    const none = stockPolicy({ ...base, demand: { perDay: 0, sdPerDay: 0 } });
    expect(none).toMatchObject({ reorderPoint: 0, orderUpTo: 0, lotSize: 0 });
  });

  it('meets a fill rate through the loss function', () => {
    const policy = stockPolicy({ ...base, service: { measure: 'fill_rate', level: 0.99 } });
    expect(policy.expected.fillRate).toBeGreaterThanOrEqual(0.99);
    // The fewest units that meet it: a reorder point one lower leaves more than 1 % of a lot short.
    const { mean, sd } = policy.protectionDemand;
    const shortBelow = sd * normalLoss((policy.reorderPoint - 1 - mean) / sd);
    expect(1 - shortBelow / policy.lotSize).toBeLessThan(0.99);
  });

  it('takes the economic lot where an ordering cost is set, capped in days of cover', () => {
    const eoq = stockPolicy({ ...base, orderingCost: 10, packSize: 1, minOrderQuantity: 1, maxCoverDays: 365 });
    // √(2 · 10 · 1460 / 0.75) = 197.3
    expect(eoq.economicLot).toBeCloseTo(197.3, 1);
    expect(eoq.lotSize).toBe(198);
    const capped = stockPolicy({ ...base, orderingCost: 10, packSize: 1, minOrderQuantity: 1, maxCoverDays: 28 });
    expect(capped.lotSize).toBe(112);
  });

  it('holds no less safety stock for a higher service target', () => {
    fc.assert(
      fc.property(input, fc.double({ min: 0, max: 0.2, noNaN: true }), (drawn, more) => {
        const lower = stockPolicy(toInput(drawn));
        const higher = stockPolicy(toInput({ ...drawn, level: Math.min(0.999, drawn.level + more) }));
        expect(higher.safetyStock).toBeGreaterThanOrEqual(lower.safetyStock);
        expect(higher.reorderPoint).toBeGreaterThanOrEqual(lower.reorderPoint);
      }),
      runs,
    );
  });

  it('never lowers the reorder point for a longer or less certain lead time', () => {
    fc.assert(
      fc.property(
        input,
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (drawn, longer, lessCertain) => {
          const before = stockPolicy(toInput(drawn));
          // Longer by days, with the same spread in days; less certain by a larger spread.
          const later = stockPolicy({
            ...toInput(drawn),
            leadTime: { mean: drawn.leadTime + longer, sd: drawn.leadTime * drawn.leadTimeVariation },
          });
          const shakier = stockPolicy(
            toInput({ ...drawn, leadTimeVariation: Math.min(1, drawn.leadTimeVariation + lessCertain) }),
          );
          expect(later.reorderPoint).toBeGreaterThanOrEqual(before.reorderPoint);
          expect(shakier.reorderPoint).toBeGreaterThanOrEqual(before.reorderPoint);
        },
      ),
      runs,
    );
  });

  it('orders lots the source accepts: whole packs, at least its minimum', () => {
    fc.assert(
      fc.property(input, (drawn) => {
        const policy = stockPolicy(toInput(drawn));
        expect(policy.lotSize % drawn.packSize).toBe(0);
        expect(policy.lotSize).toBeGreaterThanOrEqual(drawn.minOrderQuantity);
        expect(policy.orderUpTo).toBe(policy.reorderPoint + policy.lotSize);
      }),
      runs,
    );
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 200 }),
        (quantity, packSize, minOrderQuantity) => {
          const rounded = roundOrder(quantity, { packSize, minOrderQuantity });
          if (quantity === 0) {
            expect(rounded).toBe(0);
            return;
          }
          expect(rounded % packSize).toBe(0);
          expect(rounded).toBeGreaterThanOrEqual(Math.max(quantity, minOrderQuantity) - 1e-9);
          expect(rounded - packSize).toBeLessThan(Math.max(quantity, minOrderQuantity));
        },
      ),
      runs,
    );
  });
});

describe('service targets', () => {
  it('class products by value and by how steadily they sell', () => {
    const classes = classifyProducts([
      { sku: 'TEA', dailyMean: 30, dailySd: 6, unitCost: 2 },
      { sku: 'MUG', dailyMean: 2, dailySd: 1.5, unitCost: 4 },
      { sku: 'POT', dailyMean: 0.1, dailySd: 0.4, unitCost: 9 },
      { sku: 'OLD', dailyMean: 0, dailySd: 0, unitCost: 9 },
    ]);
    expect(classes.get('TEA')).toMatchObject({ abc: 'A', xyz: 'X' });
    expect(classes.get('MUG')).toMatchObject({ abc: 'B', xyz: 'Y' });
    expect(classes.get('POT')).toMatchObject({ abc: 'C', xyz: 'Z' });
    expect(classes.get('OLD')).toMatchObject({ abc: 'C', xyz: 'Z', variation: null });
  });

  it('set where it pays: a cheap fast seller aims higher than an expensive slow one', () => {
    const cheapFast = costOptimalService({ unitMargin: 1, holdingPerYear: 0.5, annualDemand: 3650, lotSize: 60 });
    const dearSlow = costOptimalService({ unitMargin: 20, holdingPerYear: 15, annualDemand: 20, lotSize: 6 });
    expect(cheapFast).toBeGreaterThan(0.99);
    expect(dearSlow).toBeLessThan(0.9);
    expect(
      serviceTarget(
        DEFAULT_SERVICE,
        { abc: 'A', xyz: 'X' },
        { unitMargin: 20, holdingPerYear: 15, annualDemand: 20, lotSize: 6 },
      ),
    ).toEqual({
      measure: 'cycle_service',
      level: Math.max(DEFAULT_SERVICE.floor, dearSlow),
      basis: 'cost',
    });
    const byClass = {
      ...DEFAULT_SERVICE,
      choice: 'class' as const,
      measure: 'fill_rate' as const,
      overrides: { CZ: 0.85 },
    };
    const economics = { unitMargin: 1, holdingPerYear: 1, annualDemand: 1, lotSize: 1 };
    expect(serviceTarget(byClass, { abc: 'A', xyz: 'Z' }, economics)).toEqual({
      measure: 'fill_rate',
      level: 0.98,
      basis: 'class',
    });
    expect(serviceTarget(byClass, { abc: 'C', xyz: 'Z' }, economics).level).toBe(0.85);
  });
});
