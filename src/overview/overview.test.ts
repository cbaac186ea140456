import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOCATION_STATUSES } from '../catalog/index.js';
import type { PlacedStockRow } from '../ledger/index.js';
import { summariseNetwork } from './overview.js';
import type { OverviewInput } from './overview.js';

const runs = Number(process.env.OMNISTOCK_PROPERTY_RUNS ?? 100);
const SKUS = ['TEA', 'MUG', 'RICE', 'SOAP'];

/** A small network: locations in a few regions (or none), rows of any sign, demand and late documents. */
const network = fc
  .array(
    fc.record({
      region: fc.constantFrom('north', 'south', null),
      status: fc.constantFrom(...LOCATION_STATUSES),
    }),
    { minLength: 1, maxLength: 6 },
  )
  .chain((places) => {
    const locations = places.map((p, i) => ({ id: `loc-${i}`, name: `Location ${i}`, kind: 'store' as const, ...p }));
    const quantity = fc.integer({ min: -5, max: 50 });
    const row = fc
      .record({
        at: fc.integer({ min: 0, max: locations.length - 1 }),
        sku: fc.constantFrom(...SKUS),
        onHand: quantity,
        reserved: fc.integer({ min: 0, max: 10 }),
        quarantined: fc.nat(5),
        inTransit: fc.nat(20),
        onOrder: fc.nat(20),
        outbound: fc.nat(20),
      })
      .map(({ at, ...r }): PlacedStockRow => {
        const place = locations[at]!;
        return {
          ...r,
          locationId: place.id,
          available: r.onHand - r.reserved,
          inbound: r.inTransit + r.onOrder,
          region: place.region,
          status: place.status,
        };
      });
    const rows = fc
      .uniqueArray(row, { selector: (r) => `${r.locationId}|${r.sku}`, maxLength: 20 })
      .map((r) => r as readonly PlacedStockRow[]);
    const perLocation = fc.dictionary(
      fc.constantFrom(...locations.map((l) => l.id)),
      fc.dictionary(fc.constantFrom(...SKUS), fc.double({ min: 0, max: 5, noNaN: true })),
    );
    const late = fc.dictionary(fc.constantFrom(...locations.map((l) => l.id)), fc.nat(3));
    return fc.record({
      locations: fc.constant(locations),
      rows,
      demand: fc.option(perLocation),
      purchaseOrders: late,
      transfers: late,
    });
  })
  .map((n): OverviewInput => ({
    at: '2026-11-30T00:00:00.000Z',
    locations: n.locations,
    rows: n.rows,
    prices: new Map(SKUS.map((sku, i) => [sku, { unitCost: 1 + i, price: 2 + 2 * i }])),
    demand:
      n.demand === null
        ? null
        : {
            runId: 'run-1',
            perLocation: new Map(
              Object.entries(n.demand).map(([location, skus]) => [location, new Map(Object.entries(skus))]),
            ),
          },
    overdue: {
      purchaseOrders: new Map(Object.entries(n.purchaseOrders)),
      transfers: new Map(Object.entries(n.transfers)),
    },
  }));

describe('summariseNetwork', () => {
  it('adds up: the network is the sum of its regions and of its locations, bucket by bucket', () => {
    fc.assert(
      fc.property(network, (input) => {
        const overview = summariseNetwork(input);
        const buckets = ['onHand', 'reserved', 'available', 'unavailable', 'quarantined', 'inTransit', 'onOrder'];
        for (const bucket of [...buckets, 'total'] as const) {
          const key = bucket as keyof typeof overview.network.units;
          const sumOf = (parts: readonly { units: typeof overview.network.units }[]) =>
            parts.reduce((n, p) => n + p.units[key], 0);
          expect(sumOf(overview.regions)).toBe(overview.network.units[key]);
          expect(sumOf(overview.locations)).toBe(overview.network.units[key]);
        }
        const { units } = overview.network;
        expect(units.total).toBe(units.onHand + units.inTransit + units.onOrder + units.quarantined);
        expect(units.outbound).toBe(units.inTransit);
        for (const field of ['purchaseOrders', 'transfers'] as const) {
          expect(overview.locations.reduce((n, l) => n + l.overdue[field], 0)).toBe(overview.network.overdue[field]);
        }
        expect(overview.locations).toHaveLength(input.locations.length);
      }),
      { numRuns: runs },
    );
  });

  it('counts a SKU out of stock in the network only when no location that can ship has it available', () => {
    fc.assert(
      fc.property(network, (input) => {
        const overview = summariseNetwork(input);
        const carried = new Set(input.rows.map((r) => r.sku));
        for (const [location, skus] of input.demand?.perLocation ?? [])
          if (input.locations.some((l) => l.id === location))
            for (const [sku, perDay] of skus) if (perDay > 0) carried.add(sku);
        const short = [...carried].filter(
          (sku) =>
            input.rows.filter((r) => r.sku === sku && r.status === 'active').reduce((n, r) => n + r.available, 0) <= 0,
        );
        expect(overview.network.skus).toEqual({
          carried: carried.size,
          outOfStock: short.length,
          belowReorderPoint: null,
        });
        // Disrupted and closed locations add nothing available.
        for (const location of overview.locations)
          if (location.status !== 'active') expect(location.units.available).toBe(0);
      }),
      { numRuns: runs },
    );
  });

  it('gives days of supply as on hand at cost over daily demand at cost, and none without a forecast', () => {
    const at = (onHand: number) => ({
      sku: 'MUG',
      locationId: 'loc-0',
      onHand,
      reserved: 0,
      available: onHand,
      quarantined: 0,
      inTransit: 0,
      onOrder: 0,
      inbound: 0,
      outbound: 0,
      region: 'north',
      status: 'active' as const,
    });
    const input: OverviewInput = {
      at: '2026-11-30T00:00:00.000Z',
      locations: [{ id: 'loc-0', name: 'One', kind: 'store', region: 'north', status: 'active' }],
      rows: [at(30)],
      prices: new Map([['MUG', { unitCost: 4, price: 9 }]]),
      demand: { runId: 'r', perLocation: new Map([['loc-0', new Map([['MUG', 2]])]]) },
      overdue: { purchaseOrders: new Map(), transfers: new Map() },
    };
    const overview = summariseNetwork(input);
    expect(overview.locations[0]!.daysOfSupply).toBe(15);
    expect(overview.network.value).toEqual({
      onHandAtCost: 120,
      onHandAtPrice: 270,
      inTransitAtCost: 0,
      onOrderAtCost: 0,
    });
    expect(summariseNetwork({ ...input, demand: null }).network.daysOfSupply).toBeNull();
    expect(summariseNetwork({ ...input, rows: [at(0)] }).network.skus).toMatchObject({ carried: 1, outOfStock: 1 });
  });
});
