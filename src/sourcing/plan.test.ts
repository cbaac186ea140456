import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planSourcingExactly } from './exact.js';
import { planSourcing } from './plan.js';
import { haversineKm } from './sourcing.js';
import type { Candidate, SourcingRequest } from './sourcing.js';
import { DEFAULT_COSTS } from './sourcing.schemas.js';
import type { SourcingPlan } from './sourcing.schemas.js';

const runs = Number(process.env.OMNISTOCK_PROPERTY_RUNS ?? 12) * 5;
const SKUS = ['A', 'B', 'C'];

const candidate = (i: number) =>
  fc.record({
    locationId: fc.constant(`loc-${i}`),
    kind: fc.constantFrom('distribution_centre', 'warehouse', 'store') as fc.Arbitrary<Candidate['kind']>,
    status: fc.constantFrom('active', 'active', 'active', 'disrupted', 'closed') as fc.Arbitrary<Candidate['status']>,
    latitude: fc.double({ min: 47, max: 55, noNaN: true }),
    longitude: fc.double({ min: 6, max: 15, noNaN: true }),
    shipsOnline: fc.boolean(),
    available: fc.record({ A: fc.nat(12), B: fc.nat(12), C: fc.nat(12) }),
    protectedUnits: fc.record({ A: fc.nat(3), B: fc.nat(3), C: fc.nat(3) }),
  });

const request: fc.Arbitrary<SourcingRequest> = fc.record({
  lines: fc.uniqueArray(
    fc.record({
      sku: fc.constantFrom(...SKUS),
      quantity: fc.integer({ min: 1, max: 15 }),
      weightKg: fc.double({ min: 0.1, max: 20, noNaN: true }),
    }),
    { minLength: 1, maxLength: 3, selector: (l) => l.sku },
  ),
  destination: fc.record({
    latitude: fc.double({ min: 47, max: 55, noNaN: true }),
    longitude: fc.double({ min: 6, max: 15, noNaN: true }),
  }),
  candidates: fc
    .integer({ min: 1, max: 6 })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => candidate(i)))),
  costs: fc.record({
    perShipment: fc.double({ min: 0, max: 10, noNaN: true }),
    perKgKm: fc.double({ min: 0, max: 0.01, noNaN: true }),
    perExtraParcel: fc.double({ min: 0, max: 10, noNaN: true }),
    maxParcels: fc.integer({ min: 1, max: 4 }),
    storeProtection: fc.boolean(),
  }),
});

/** Checks what every plan must be: within usable stock, at eligible places, every unit shipped or short. */
function checkPlan(request: SourcingRequest, plan: SourcingPlan): void {
  const costs = { ...DEFAULT_COSTS, ...request.costs };
  const byId = new Map(request.candidates.map((c) => [c.locationId, c]));
  expect(plan.shipments.length).toBeLessThanOrEqual(costs.maxParcels);
  for (const shipment of plan.shipments) {
    const c = byId.get(shipment.locationId)!;
    expect(c.status).toBe('active');
    expect(c.shipsOnline).toBe(true);
    for (const line of shipment.lines) {
      const kept = costs.storeProtection && c.kind === 'store' ? (c.protectedUnits?.[line.sku] ?? 0) : 0;
      expect(line.quantity).toBeLessThanOrEqual((c.available[line.sku] ?? 0) - kept);
      expect(line.quantity).toBeGreaterThan(0);
    }
  }
  for (const line of request.lines) {
    const shipped = plan.shipments.reduce(
      (sum, s) => sum + (s.lines.find((l) => l.sku === line.sku)?.quantity ?? 0),
      0,
    );
    const short = plan.short.find((s) => s.sku === line.sku)?.quantity ?? 0;
    expect(shipped + short).toBe(line.quantity);
  }
}

const covered = (plan: SourcingPlan) =>
  plan.shipments.reduce((sum, s) => sum + s.lines.reduce((a, l) => a + l.quantity, 0), 0);

describe('sourcing', () => {
  it('plans within stock and eligibility, and agrees with the exact solver where it claims optimality', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const heuristic = planSourcing(r);
        const exact = await planSourcingExactly(r);
        checkPlan(r, heuristic);
        checkPlan(r, exact);
        expect(covered(exact)).toBeGreaterThanOrEqual(covered(heuristic));
        if (covered(exact) === covered(heuristic)) expect(exact.cost).toBeLessThanOrEqual(heuristic.cost + 1e-6);
        if (heuristic.optimal) {
          expect(covered(heuristic)).toBe(covered(exact));
          expect(heuristic.cost).toBeCloseTo(exact.cost, 6);
        }
      }),
      { numRuns: runs },
    );
  });

  it('ships from the nearest location that has everything, explains the others, and routes around a disrupted one', () => {
    const destination = { latitude: 53.55, longitude: 9.99 }; // Hamburg
    const candidates: Candidate[] = [
      {
        locationId: 'dc-hamburg',
        kind: 'distribution_centre',
        status: 'active',
        latitude: 53.6,
        longitude: 10.0,
        shipsOnline: true,
        available: { TEA: 50 },
      },
      {
        locationId: 'dc-munich',
        kind: 'distribution_centre',
        status: 'active',
        latitude: 48.14,
        longitude: 11.58,
        shipsOnline: true,
        available: { TEA: 50 },
      },
      {
        locationId: 'store-berlin',
        kind: 'store',
        status: 'active',
        latitude: 52.52,
        longitude: 13.4,
        shipsOnline: false,
        available: { TEA: 50 },
      },
    ];
    const lines = [{ sku: 'TEA', quantity: 4, weightKg: 0.5 }];
    const plan = planSourcing({ lines, destination, candidates });
    expect(plan.shipments.map((s) => s.locationId)).toEqual(['dc-hamburg']);
    expect(plan.optimal).toBe(true);
    expect(plan.excluded).toEqual([{ locationId: 'store-berlin', reason: 'no_online_shipping' }]);
    expect(plan.alternatives[0]).toMatchObject({ locationId: 'dc-munich', covers: 4 });
    expect(plan.alternatives[0]!.aloneCost!).toBeGreaterThan(plan.cost);

    const disrupted = planSourcing({
      lines,
      destination,
      candidates: candidates.map((c) => (c.locationId === 'dc-hamburg' ? { ...c, status: 'disrupted' } : c)),
    });
    expect(disrupted.shipments.map((s) => s.locationId)).toEqual(['dc-munich']);
    expect(disrupted.excluded).toContainEqual({ locationId: 'dc-hamburg', reason: 'disrupted' });
  });

  it('splits an order only when no location has it all, keeps store protection, and reports what is short', () => {
    const destination = { latitude: 50, longitude: 8 };
    const candidates: Candidate[] = [
      {
        locationId: 'store-1',
        kind: 'store',
        status: 'active',
        latitude: 50.01,
        longitude: 8,
        shipsOnline: true,
        available: { A: 5 },
        protectedUnits: { A: 2 },
      },
      {
        locationId: 'dc-1',
        kind: 'distribution_centre',
        status: 'active',
        latitude: 51,
        longitude: 9,
        shipsOnline: true,
        available: { A: 2, B: 4 },
      },
    ];
    const plan = planSourcing({
      lines: [
        { sku: 'A', quantity: 6, weightKg: 1 },
        { sku: 'B', quantity: 5, weightKg: 1 },
      ],
      destination,
      candidates,
    });
    expect(plan.shipments.map((s) => [s.locationId, s.lines])).toEqual([
      ['store-1', [{ sku: 'A', quantity: 3 }]],
      [
        'dc-1',
        [
          { sku: 'A', quantity: 2 },
          { sku: 'B', quantity: 4 },
        ],
      ],
    ]);
    expect(plan.short).toEqual([
      { sku: 'A', quantity: 1 },
      { sku: 'B', quantity: 1 },
    ]);
    expect(plan.cost).toBeCloseTo(
      2 * DEFAULT_COSTS.perShipment +
        DEFAULT_COSTS.perExtraParcel +
        DEFAULT_COSTS.perKgKm *
          (3 * haversineKm(destination, { latitude: 50.01, longitude: 8 }) +
            6 * haversineKm(destination, { latitude: 51, longitude: 9 })),
      9,
    );
  });
});
