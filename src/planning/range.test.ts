import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planRange } from './range.js';
import type { RangeInput, RangeLocation, RangePair, RangeProduct } from './range.js';

const runs = { numRuns: Number(process.env.PROPERTY_RUNS ?? 50) };

const store = (id: string, region = 'north', status: RangeLocation['status'] = 'active'): RangeLocation => ({
  id,
  kind: 'store',
  region,
  parentId: 'dc',
  status,
});
const dc: RangeLocation = { id: 'dc', kind: 'distribution_centre', region: 'north', parentId: null, status: 'active' };
const product = (sku: string, unitCost = 5, price = 8): RangeProduct => ({ sku, unitCost, price });
const pair = (sku: string, locationId: string, dailyMean: number, carried = true, onHand = 10): RangePair => ({
  sku,
  locationId,
  carried,
  dailyMean,
  onHand,
});

/** Stores that sell the same mix of A, B, C (each at `scale` times 3, 2, 1 a day). */
const core = (locationId: string, scale = 1) => [
  pair('A', locationId, 3 * scale),
  pair('B', locationId, 2 * scale),
  pair('C', locationId, scale),
];

describe('range planning by hand', () => {
  it('delists a slow mover that does not pay for its shelf, with the stock it frees', () => {
    const input: RangeInput = {
      locations: [dc, store('s1'), store('s2')],
      products: [product('A'), product('B'), product('C'), product('SLOW', 10, 15)],
      pairs: [...core('s1'), ...core('s2'), pair('SLOW', 's1', 0.02, true, 3), pair('SLOW', 's2', 0.5)],
    };
    const suggestions = planRange(input, { shelfCostPerWeek: 1 });
    expect(suggestions).toHaveLength(1);
    const [delist] = suggestions;
    if (delist?.kind !== 'delist') throw new Error('expected a delist');
    expect(delist).toMatchObject({ locationId: 's1', sku: 'SLOW' });
    // 0.14 a week at a margin of 5 earns 0.70; two display units at cost 10 hold 2·10·0.25·7/365.
    const holding = (2 * 10 * 0.25 * 7) / 365;
    const economics = delist.why.economics;
    expect(economics.weeklyUnits).toBeCloseTo(0.14, 12);
    expect(economics.weeklyMargin).toBeCloseTo(0.7, 12);
    expect(economics.typicalStock).toBe(2);
    expect(economics.weeklyHolding).toBeCloseTo(holding, 12);
    expect(economics.weeklyShelfCost).toBe(1);
    expect(economics.weeklyNet).toBeCloseTo(0.7 - holding - 1, 12);
    expect(delist.value).toBeCloseTo(1 + holding - 0.7, 12);
    expect(delist.why.freed).toEqual({ units: 3, value: 30 });
    expect(delist.why.regional).toEqual({
      region: 'north',
      dailyMean: 0.52,
      share: 0.02 / 0.52,
      carriedElsewhere: 1,
    });
  });

  it("keeps a SKU that sells well but does not pay where it is the region's only outlet", () => {
    // LOW sells 2 a day (the store's median) at a margin of 0.05: 0.70 a week, less than its shelf.
    const low = product('LOW', 5, 5.05);
    const only: RangeInput = {
      locations: [store('s1'), store('s2'), store('far', 'south')],
      products: [product('A'), product('B'), product('C'), low],
      pairs: [...core('s1'), ...core('s2'), pair('LOW', 's1', 2), pair('LOW', 'far', 2)],
    };
    expect(planRange(only, { shelfCostPerWeek: 1 })).toEqual([]);
    // With a second outlet in the region its customers have somewhere to go: both are delisted.
    const shared = { ...only, pairs: [...only.pairs, pair('LOW', 's2', 2)] };
    expect(planRange(shared, { shelfCostPerWeek: 1 }).map((x) => `${x.kind} ${x.sku} ${x.locationId}`)).toEqual([
      'delist LOW s1',
      'delist LOW s2',
    ]);
  });

  it('adds what sells in similar stores, at their rate scaled to this store', () => {
    // s1 sells half of what its peers do on A, B and C; all three peers sell NEW at 2 a day.
    const input: RangeInput = {
      locations: [dc, store('s1'), store('p1'), store('p2'), store('p3')],
      products: [product('A'), product('B'), product('C'), product('NEW')],
      pairs: [
        ...core('s1', 0.5),
        ...['p1', 'p2', 'p3'].flatMap((id) => [...core(id), pair('NEW', id, 2)]),
        pair('NEW', 's1', 0, false, 0),
      ],
    };
    const suggestions = planRange(input, { shelfCostPerWeek: 1 });
    expect(suggestions.map((x) => `${x.kind} ${x.sku} ${x.locationId}`)).toEqual(['add NEW s1']);
    const [add] = suggestions;
    if (add?.kind !== 'add') throw new Error('expected an add');
    // 1 a day: 7 a week at a margin of 3 is 21; a week of cover (7 units) at cost 5 holds 7·5·0.25·7/365.
    const holding = (7 * 5 * 0.25 * 7) / 365;
    expect(add.why.economics.dailyMean).toBeCloseTo(1, 12);
    expect(add.why.economics.weeklyMargin).toBeCloseTo(21, 12);
    expect(add.why.economics.weeklyHolding).toBeCloseTo(holding, 12);
    expect(add.value).toBeCloseTo(21 - holding - 1, 12);
    expect(add.why.peerShare).toBe(1);
    expect(add.why.peers.map((p) => [p.locationId, p.carried, p.dailyMean])).toEqual([
      ['p1', true, 2],
      ['p2', true, 2],
      ['p3', true, 2],
    ]);
    for (const peer of add.why.peers) {
      expect(peer.similarity).toBeCloseTo(1, 12);
      expect(peer.scale).toBeCloseTo(0.5, 12);
    }
    expect(add.why.regional).toEqual({ region: 'north', dailyMean: 6, share: 0, carriedElsewhere: 3 });
  });

  it('prefers similar stores in the same region, and needs most of them to sell the SKU', () => {
    // Two southern stores sell NEW and match s1 exactly; the northern ones are a little less alike.
    const input: RangeInput = {
      locations: [store('s1'), store('n1'), store('n2'), store('x1', 'south'), store('x2', 'south')],
      products: [product('A'), product('B'), product('C'), product('NEW')],
      pairs: [
        ...core('s1'),
        ...['n1', 'n2'].flatMap((id) => [pair('A', id, 3), pair('B', id, 2), pair('C', id, 2)]),
        ...['x1', 'x2'].flatMap((id) => [...core(id), pair('NEW', id, 2)]),
      ],
    };
    expect(planRange(input, { similarStores: 2 }).filter((x) => x.locationId === 's1')).toEqual([]);
    // With four similar stores, half sell NEW: enough at a share of 0.5, not at the default 0.6.
    expect(planRange(input, { similarStores: 4 }).filter((x) => x.locationId === 's1')).toEqual([]);
    const added = planRange(input, { similarStores: 4, peerShare: 0.5 }).filter((x) => x.locationId === 's1');
    expect(added.map((x) => `${x.kind} ${x.sku}`)).toEqual(['add NEW']);
    if (added[0]?.kind !== 'add') throw new Error('expected an add');
    expect(added[0].why.peers.map((p) => p.locationId)).toEqual(['n1', 'n2', 'x1', 'x2']);
  });

  it('suggests nothing in a uniform network', () => {
    const ids = ['s1', 's2', 's3', 's4'];
    const input: RangeInput = {
      locations: [dc, ...ids.map((id) => store(id, id < 's3' ? 'north' : 'south'))],
      products: ['A', 'B', 'C', 'D'].map((sku) => product(sku)),
      pairs: ids.flatMap((id) => ['A', 'B', 'C', 'D'].map((sku) => pair(sku, id, 3))),
    };
    expect(planRange(input)).toEqual([]);
  });

  it('ranges active stores only', () => {
    const input: RangeInput = {
      locations: [dc, store('s1'), store('shut', 'north', 'closed')],
      products: [product('A'), product('B'), product('C'), product('DUD')],
      pairs: [...core('s1'), ...core('shut'), ...core('dc'), pair('DUD', 'shut', 0), pair('DUD', 'dc', 0)],
    };
    expect(planRange(input)).toEqual([]);
  });

  it('rejects inputs and settings that make no sense', () => {
    const input: RangeInput = { locations: [store('s1')], products: [product('A')], pairs: [pair('A', 's1', 1)] };
    expect(() => planRange({ ...input, products: [product('A', -1)] })).toThrow(RangeError);
    expect(() => planRange({ ...input, products: [product('A'), product('A')] })).toThrow(/listed twice/);
    expect(() => planRange({ ...input, pairs: [pair('A', 'nowhere', 1)] })).toThrow(/unknown location/);
    expect(() => planRange({ ...input, pairs: [pair('Z', 's1', 1)] })).toThrow(/unknown product/);
    expect(() => planRange({ ...input, pairs: [pair('A', 's1', -1)] })).toThrow(RangeError);
    expect(() => planRange(input, { shelfCostPerWeek: -1 })).toThrow(/shelfCostPerWeek/);
    expect(() => planRange(input, { holdingRate: Number.NaN })).toThrow(RangeError);
    expect(() => planRange(input, { similarStores: 0 })).toThrow(RangeError);
    expect(() => planRange(input, { peerShare: 0 })).toThrow(RangeError);
    expect(() => planRange(input, { minSimilarity: 1.5 })).toThrow(RangeError);
  });
});

/** A small network: stores in two regions under one DC, a few SKUs, each pair carried or not. */
const networks: fc.Arbitrary<RangeInput> = fc
  .record({
    stores: fc.array(
      fc.record({
        region: fc.constantFrom('north', 'south'),
        status: fc.constantFrom('active', 'active', 'disrupted'),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    products: fc.array(
      fc.record({ unitCost: fc.integer({ min: 0, max: 20 }), markup: fc.integer({ min: -2, max: 20 }) }),
      { minLength: 1, maxLength: 7 },
    ),
  })
  .chain(({ stores, products }) =>
    fc
      .array(
        fc.record({
          carried: fc.boolean(),
          dailyMean: fc.constantFrom(0, 0.01, 0.05, 0.2, 0.5, 1, 3, 8),
          onHand: fc.integer({ min: 0, max: 30 }),
        }),
        { minLength: stores.length * products.length, maxLength: stores.length * products.length },
      )
      .map((cells) => ({
        locations: [dc, ...stores.map((s, i) => store(`s${i}`, s.region, s.status))],
        products: products.map((p, j) => product(`P${j}`, p.unitCost, Math.max(0, p.unitCost + p.markup))),
        pairs: cells.map((cell, n) => ({
          sku: `P${n % products.length}`,
          locationId: `s${Math.floor(n / products.length)}`,
          ...cell,
          // What is not ranged mostly has no forecast.
          dailyMean: cell.carried ? cell.dailyMean : 0,
        })),
      })),
  );
const settings = fc.record({
  shelfCostPerWeek: fc.constantFrom(0, 0.2, 0.5, 1, 3),
  similarStores: fc.integer({ min: 1, max: 4 }),
  minCommonSkus: fc.integer({ min: 1, max: 3 }),
});

describe('range planning properties', () => {
  it('adds only what is not carried and delists only what is, at active stores', () => {
    fc.assert(
      fc.property(networks, settings, (input, options) => {
        const carried = new Set(input.pairs.filter((p) => p.carried).map((p) => `${p.sku} ${p.locationId}`));
        const active = new Set(
          input.locations.filter((l) => l.kind === 'store' && l.status === 'active').map((l) => l.id),
        );
        for (const x of planRange(input, options)) {
          expect(active.has(x.locationId)).toBe(true);
          expect(carried.has(`${x.sku} ${x.locationId}`)).toBe(x.kind === 'delist');
          // An add pays at its expected rate; a delist does not at its own.
          expect(x.why.economics.weeklyNet >= 0).toBe(x.kind === 'add');
          expect(x.value).toBeGreaterThanOrEqual(0);
        }
      }),
      runs,
    );
  });

  it('never delists less when the shelf costs more', () => {
    fc.assert(
      fc.property(
        networks,
        fc.double({ min: 0, max: 5, noNaN: true }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        (input, a, b) => {
          const delists = (shelfCostPerWeek: number) =>
            new Set(
              planRange(input, { shelfCostPerWeek })
                .filter((x) => x.kind === 'delist')
                .map((x) => `${x.sku} ${x.locationId}`),
            );
          const cheap = delists(Math.min(a, b));
          const dear = delists(Math.max(a, b));
          for (const d of cheap) expect(dear.has(d)).toBe(true);
        },
      ),
      runs,
    );
  });

  it('is deterministic and ignores the order of its input, in the documented order', () => {
    fc.assert(
      fc.property(
        networks,
        settings,
        fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })),
        (input, options, noise) => {
          const shuffle = <T>(xs: readonly T[]) =>
            xs
              .map((x) => ({ x, r: noise.next().value }))
              .sort((a, b) => a.r - b.r)
              .map(({ x }) => x);
          const plan = planRange(input, options);
          expect(planRange(input, options)).toEqual(plan);
          const shuffled = {
            locations: shuffle(input.locations),
            products: shuffle(input.products),
            pairs: shuffle(input.pairs),
          };
          expect(planRange(shuffled, options)).toEqual(plan);
          for (let i = 1; i < plan.length; i++) {
            const [a, b] = [plan[i - 1]!, plan[i]!];
            const before = a.locationId < b.locationId || (a.locationId === b.locationId && a.kind < b.kind);
            const same = a.locationId === b.locationId && a.kind === b.kind;
            expect(before || (same && a.value >= b.value)).toBe(true);
          }
        },
      ),
      runs,
    );
  });
});
