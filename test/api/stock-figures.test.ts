import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { loadDemo, SMALL_DEMO } from '../../src/demo/index.js';
import { createStockViews } from '../../src/ledger/index.js';
import type { StockTotals } from '../../src/ledger/index.js';
import { forEachDatabase } from '../support/databases.js';
import { testApi } from '../support/api.js';

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
    const post = async (url: string, body: unknown) => {
      const answer = await admin('POST', url, body);
      if (answer.status >= 300) throw new Error(`${url}: ${JSON.stringify(answer.body)}`);
      return answer.body;
    };
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
       where b.sku = 'TEA' group by l.kind`.execute(api.services.store.db);
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
    const stock = createStockViews(store);
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
