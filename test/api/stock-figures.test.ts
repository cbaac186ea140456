import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { loadDemo, SMALL_DEMO } from '../../src/demo/index.js';
import { createStockViews } from '../../src/ledger/index.js';
import type { NetworkStock, StockRow, StockTotals } from '../../src/ledger/index.js';
import { onOrder } from '../../src/procedures/index.js';
import { forEachDatabase } from '../support/databases.js';
import { testApi } from '../support/api.js';
import type { Caller } from '../support/api.js';

/** A caller's POST that throws unless it succeeds: the setting up, not what a test checks. */
const succeeding = (caller: Caller) => async (url: string, body: unknown) => {
  const answer = await caller('POST', url, body);
  if (answer.status >= 300) throw new Error(`${url}: ${JSON.stringify(answer.body)}`);
  return answer.body;
};

const BUCKETS = [
  'onHand',
  'reserved',
  'available',
  'unavailable',
  'quarantined',
  'inTransit',
  'onOrder',
  'total',
] as const;

forEachDatabase((database) => {
  it('keeps every unit in one bucket: on hand, in transit, on order or quarantined; nothing held is available', async () => {
    const api = await testApi(database);
    const admin = api.as(api.tokens.admin);
    const post = succeeding(admin);
    await post('/api/v1/movements/receive', { location: 'dc-1', lines: [{ sku: 'TEA', quantity: 40 }] });
    await post('/api/v1/movements/receive', { location: 'store-1', lines: [{ sku: 'TEA', quantity: 6 }] });
    await post('/api/v1/movements/receive', { location: 'store-2', lines: [{ sku: 'TEA', quantity: 4 }] });
    // 10 on a transfer order, 18 on a purchase order, 2 returned into quarantine, 3 reserved.
    await post('/api/v1/transfer-orders', {
      id: 'T-1',
      from: 'dc-1',
      to: 'store-2',
      lines: [{ sku: 'TEA', quantity: 10 }],
    });
    await post('/api/v1/transfer-orders/T-1/ship', {});
    await post('/api/v1/suppliers', { id: 'tea-co', name: 'Tea Co', leadTimeDays: 5 });
    await post('/api/v1/purchase-orders', {
      supplier: 'tea-co',
      location: 'dc-1',
      lines: [{ sku: 'TEA', quantity: 18, unitCost: 2 }],
      submit: true,
    });
    await post('/api/v1/returns', {
      location: 'store-1',
      reason: 'damaged',
      lines: [{ sku: 'TEA', quantity: 2, disposition: 'quarantine' }],
    });
    await post('/api/v1/reservations', { sku: 'TEA', location: 'store-1', quantity: 3, reference: 'web-1' });

    const network = (await admin('GET', '/api/v1/products/TEA/stock')).body;
    expect(network.network).toEqual({
      onHand: 40,
      reserved: 3,
      available: 37,
      unavailable: 0,
      quarantined: 2,
      inTransit: 10,
      onOrder: 18,
      outbound: 10,
      total: 70,
    });
    // The ledger says the same: real locations, transits and quarantines hold 40, 10 and 2.
    const { rows } = await sql<{ kind: string; units: number }>`
      select l.kind, sum(b.on_hand) as units from balances b join locations l on l.id = b.location_id
       where b.sku = 'TEA' group by l.kind`.execute(api.store.db);
    const byKind = Object.fromEntries(rows.map((r) => [r.kind, Number(r.units)]));
    expect(byKind).toMatchObject({ transit: 10, quarantine: 2 });
    expect(byKind.distribution_centre! + byKind.store!).toBe(40);

    // A quarantine queried directly holds its units, none of them available.
    expect((await admin('GET', '/api/v1/stock?sku=TEA&location=quarantine:store-1')).body).toMatchObject({
      onHand: 2,
      available: 0,
    });
    expect((await admin('GET', '/api/v1/stock?sku=TEA&location=store-1')).body).toMatchObject({
      onHand: 6,
      reserved: 3,
      available: 3,
      quarantined: 2,
    });
    expect((await admin('GET', '/api/v1/stock?sku=TEA&location=dc-1')).body).toMatchObject({
      onHand: 30,
      onOrder: 18,
      inTransit: 0,
      inbound: 18,
      outbound: 10,
    });

    // A disrupted location's stock cannot ship: it leaves available for unavailable.
    await admin('PATCH', '/api/v1/locations/store-2', { status: 'disrupted' });
    const disrupted = (await admin('GET', '/api/v1/products/TEA/stock')).body;
    expect(disrupted.network).toMatchObject({ onHand: 40, available: 33, unavailable: 4, total: 70 });
    expect(disrupted.locations.find((l: { locationId: string }) => l.locationId === 'store-2')).toMatchObject({
      status: 'disrupted',
      onHand: 4,
      inTransit: 10,
    });
  });

  it('counts as on order what open purchase orders still bring to their location, on every read', async () => {
    const api = await testApi(database);
    const admin = api.as(api.tokens.admin);
    const post = succeeding(admin);
    await post('/api/v1/suppliers', { id: 'tea-co', name: 'Tea Co', leadTimeDays: 5 });
    const order = async (location: string, lines: [string, number][], submit = true) =>
      (
        await post('/api/v1/purchase-orders', {
          supplier: 'tea-co',
          location,
          lines: lines.map(([sku, quantity]) => ({ sku, quantity, unitCost: 1 })),
          submit,
        })
      ).id as string;
    // Open: all of it is on order.
    await order('dc-1', [
      ['TEA', 10],
      ['MUG', 5],
    ]);
    // Open, partly received: what is still to come.
    const partly = await order('store-2', [['MUG', 6]]);
    await post(`/api/v1/purchase-orders/${partly}/receive`, { lines: [{ sku: 'MUG', quantity: 2 }] });
    // Not placed, cancelled, or closed short: nothing is coming.
    await order('store-2', [['TEA', 7]], false);
    await post(`/api/v1/purchase-orders/${await order('store-1', [['TEA', 4]])}/cancel`, {});
    const closed = await order('dc-1', [['RICE', 9]]);
    await post(`/api/v1/purchase-orders/${closed}/receive`, {
      lines: [{ sku: 'RICE', quantity: 3 }],
      close: true,
      reason: 'supplier out of stock',
    });

    const expected = { 'dc-1': { TEA: 10, MUG: 5, RICE: 0 }, 'store-1': { TEA: 0 }, 'store-2': { TEA: 0, MUG: 4 } };
    for (const [location, skus] of Object.entries(expected)) {
      const rows = (await admin('GET', `/api/v1/locations/${location}/stock`)).body.items as StockRow[];
      for (const [sku, onOrder] of Object.entries(skus)) {
        const row = (await admin('GET', `/api/v1/stock?sku=${sku}&location=${location}`)).body;
        expect({ location, sku, onOrder: row.onOrder, inbound: row.inbound }).toEqual({
          location,
          sku,
          onOrder,
          inbound: onOrder,
        });
        expect({ location, sku, onOrder: rows.find((r) => r.sku === sku)?.onOrder ?? 0 }).toEqual({
          location,
          sku,
          onOrder,
        });
        const network = (await admin('GET', `/api/v1/products/${sku}/stock`)).body as NetworkStock;
        expect(network.locations.find((r) => r.locationId === location)?.onOrder ?? 0).toBe(onOrder);
      }
    }
    const network = (sku: string) => admin('GET', `/api/v1/products/${sku}/stock`);
    expect((await network('MUG')).body.network.onOrder).toBe(9);
    expect((await network('RICE')).body.network.onOrder).toBe(0);
    const overview = (await admin('GET', '/api/v1/overview')).body;
    expect(overview.network.units.onOrder).toBe(19);
    expect(
      Object.fromEntries(overview.locations.map((l: { id: string; units: StockTotals }) => [l.id, l.units.onOrder])),
    ).toMatchObject({ 'dc-1': 15, 'store-1': 0, 'store-2': 4 });
  });

  it('answers 404 naming an unknown SKU or location on every stock read, never zeros', async () => {
    const api = await testApi(database);
    const get = (url: string) => api.as(api.tokens.viewer)('GET', url);
    for (const [url, code, name] of [
      ['/api/v1/stock?sku=NOPE&location=store-1', 'unknown_sku', 'NOPE'],
      ['/api/v1/stock?sku=TEA&location=store-999', 'unknown_location', 'store-999'],
      ['/api/v1/products/NOPE/stock', 'unknown_sku', 'NOPE'],
      ['/api/v1/locations/store-999/stock', 'unknown_location', 'store-999'],
      ['/api/v1/stock/low?location=store-999', 'unknown_location', 'store-999'],
      ['/api/v1/stock/as-of?sku=NOPE&location=store-1&at=2026-01-01T00:00:00Z', 'unknown_sku', 'NOPE'],
      ['/api/v1/stock/as-of?sku=TEA&location=store-999&at=2026-01-01T00:00:00Z', 'unknown_location', 'store-999'],
    ] as const) {
      const answer = await get(url);
      expect({ url, status: answer.status, code: answer.body.code }).toEqual({ url, status: 404, code });
      expect(answer.body.detail).toContain(name);
    }
  });

  it('lists shortages with product, location and region names, by region, a page at a time', async () => {
    const api = await testApi(database);
    const admin = api.as(api.tokens.admin);
    await admin('POST', '/api/v1/movements/receive', { location: 'store-1', lines: [{ sku: 'TEA', quantity: 1 }] });
    await admin('POST', '/api/v1/movements/receive', { location: 'store-2', lines: [{ sku: 'TEA', quantity: 2 }] });
    await admin('POST', '/api/v1/movements/receive', { location: 'store-2', lines: [{ sku: 'MUG', quantity: 1 }] });
    await admin('POST', '/api/v1/movements/receive', { location: 'dc-1', lines: [{ sku: 'RICE', quantity: 2 }] });
    await admin('POST', '/api/v1/movements/receive', { location: 'dc-1', lines: [{ sku: 'TEA', quantity: 90 }] });

    const all = (await admin('GET', '/api/v1/stock/low?threshold=2')).body;
    expect(all.nextCursor).toBeNull();
    expect(all.items.map((r: { locationId: string; sku: string }) => `${r.locationId} ${r.sku}`)).toEqual([
      'dc-1 RICE',
      'store-1 TEA',
      'store-2 MUG',
      'store-2 TEA',
    ]);
    expect(all.items[1]).toMatchObject({
      productName: expect.any(String),
      locationName: 'High Street',
      region: 'north',
    });
    const south = (await admin('GET', '/api/v1/stock/low?threshold=2&region=south')).body.items;
    expect(south.map((r: { sku: string }) => r.sku)).toEqual(['MUG', 'TEA']);

    // Pages of one row walk the same list, with neither gap nor repeat.
    const walked: unknown[] = [];
    let after: string | null = null;
    do {
      const url: string = `/api/v1/stock/low?threshold=2&limit=1${after ? `&after=${encodeURIComponent(after)}` : ''}`;
      const page = (await admin('GET', url)).body;
      walked.push(...page.items);
      after = page.nextCursor;
    } while (after);
    expect(walked).toEqual(all.items);

    const store2 = (await admin('GET', '/api/v1/locations/store-2/stock?limit=1')).body;
    expect(store2.items.map((r: { sku: string }) => r.sku)).toEqual(['MUG']);
    const rest = (await admin('GET', `/api/v1/locations/store-2/stock?limit=1&after=${store2.nextCursor}`)).body;
    expect(rest).toEqual({ items: [expect.objectContaining({ sku: 'TEA', onHand: 2 })], nextCursor: null });
    expect((await admin('GET', '/api/v1/stock/low?after=nonsense')).status).toBe(400);
  });

  it('adds up on the demo network: for every SKU, the network is the sum of its regions and of its locations', async () => {
    const store = await database.open();
    await loadDemo(store, SMALL_DEMO, { start() {}, tick() {}, stop() {} });
    const stock = createStockViews(store, { onOrder });
    const skus = (await store.db.selectFrom('products').select('sku').execute()).map((p) => p.sku);
    for (const sku of skus) {
      const { network, regions, locations } = await stock.acrossNetwork(sku);
      const sum = (totals: readonly StockTotals[], bucket: (typeof BUCKETS)[number]) =>
        totals.reduce((n, t) => n + t[bucket], 0);
      for (const bucket of BUCKETS) expect(sum(regions, bucket), `${sku} ${bucket}`).toBe(network[bucket]);
      expect(network.total).toBe(network.onHand + network.inTransit + network.onOrder + network.quarantined);
      expect(locations.reduce((n, l) => n + l.onHand, 0)).toBe(network.onHand);
      expect(locations.reduce((n, l) => n + l.inTransit, 0)).toBe(network.inTransit);
      expect(locations.reduce((n, l) => n + l.outbound, 0)).toBe(network.inTransit);
      expect(locations.reduce((n, l) => n + l.onOrder, 0)).toBe(network.onOrder);
    }
  }, 120_000);
});

forEachDatabase((database) => {
  it('answers 404 for unknown names on the reads beside stock: forecasts and count accuracy', async () => {
    const api = await testApi(database);
    const get = (url: string) => api.as(api.tokens.viewer)('GET', url);
    for (const [url, code] of [
      ['/api/v1/products/NOPE/forecast', 'unknown_sku'],
      ['/api/v1/forecasts?sku=NOPE&location=store-1', 'unknown_sku'],
      ['/api/v1/forecasts?sku=TEA&location=store-999', 'unknown_location'],
      ['/api/v1/locations/store-999/count-accuracy', 'unknown_location'],
    ] as const) {
      const answer = await get(url);
      expect({ url, status: answer.status, code: answer.body.code }).toEqual({ url, status: 404, code });
    }
  });
});
