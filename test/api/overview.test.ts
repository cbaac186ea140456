import { expect, it } from 'vitest';
import { buildApp, createServices } from '../../src/api/index.js';
import { loadDemo, SMALL_DEMO } from '../../src/demo/index.js';
import { forEachDatabase } from '../support/databases.js';
import { testApi } from '../support/api.js';

const quiet = { start() {}, tick() {}, stop() {} };
const UNIT_BUCKETS = ['onHand', 'reserved', 'available', 'unavailable', 'quarantined', 'inTransit', 'onOrder', 'total'];
type Figures = {
  units: Record<string, number>;
  value: Record<string, number>;
  skus: { carried: number; outOfStock: number };
  daysOfSupply: number | null;
  overdue: Record<string, number>;
};
type Row = Record<string, number> & { sku: string };

forEachDatabase((database) => {
  it('says on the demo what the per-location and per-SKU reads say, and adds up: network = Σ regions = Σ locations', async () => {
    const store = await database.open();
    await loadDemo(store, SMALL_DEMO, quiet);
    const services = createServices(store);
    await services.forecasts.run({ actor: 'pia', horizon: 14, workers: 1 });
    const app = await buildApp({ services, background: false });
    const { onTestFinished } = await import('vitest');
    onTestFinished(() => app.close());
    const token = (await services.tokens.ensureAdmin())!;
    const get = async (url: string) => {
      const answer = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
      expect(answer.statusCode, `${url}: ${answer.body}`).toBe(200);
      return answer.json();
    };

    const overview = await get('/api/v1/overview');
    const products = new Map<string, { unitCost: number; price: number }>(
      (await get('/api/v1/products?limit=1000')).items.map((p: { sku: string; unitCost: number; price: number }) => [
        p.sku,
        p,
      ]),
    );
    const sum = (parts: Figures[], pick: (f: Figures) => number) => parts.reduce((n, f) => n + pick(f), 0);
    for (const bucket of UNIT_BUCKETS) {
      expect(
        sum(overview.regions, (f) => f.units[bucket]!),
        bucket,
      ).toBe(overview.network.units[bucket]);
      expect(
        sum(overview.locations, (f) => f.units[bucket]!),
        bucket,
      ).toBe(overview.network.units[bucket]);
    }
    for (const field of ['onHandAtCost', 'onHandAtPrice', 'inTransitAtCost', 'onOrderAtCost']) {
      expect(sum(overview.locations, (f) => f.value[field]!)).toBeCloseTo(overview.network.value[field], 1);
    }
    for (const field of ['purchaseOrders', 'transfers']) {
      expect(sum(overview.locations, (f) => f.overdue[field]!)).toBe(overview.network.overdue[field]);
    }

    // Each location's figures are those of its own stock read.
    for (const location of overview.locations) {
      const rows: Row[] = (await get(`/api/v1/locations/${location.id}/stock`)).items;
      const total = (field: string) => rows.reduce((n, r) => n + r[field]!, 0);
      expect(location.units).toMatchObject({
        onHand: total('onHand'),
        reserved: total('reserved'),
        quarantined: total('quarantined'),
        inTransit: total('inTransit'),
        onOrder: total('onOrder'),
        outbound: total('outbound'),
        available: location.status === 'active' ? total('available') : 0,
      });
      const atCost = rows.reduce((n, r) => n + r.onHand! * products.get(r.sku)!.unitCost, 0);
      const atPrice = rows.reduce((n, r) => n + r.onHand! * products.get(r.sku)!.price, 0);
      expect(location.value.onHandAtCost).toBeCloseTo(atCost, 1);
      expect(location.value.onHandAtPrice).toBeCloseTo(atPrice, 1);
      // Rows with stock are carried; those with nothing available are out of stock (a sold-out shelf
      // has no row in the stock read, so the overview may count more).
      expect(location.skus.carried).toBeGreaterThanOrEqual(rows.length);
      expect(location.skus.outOfStock).toBeGreaterThanOrEqual(rows.filter((r) => r.available! <= 0).length);
    }

    // The network's figures are those of every SKU's network read.
    const network: Record<string, number> = Object.fromEntries(UNIT_BUCKETS.map((b) => [b, 0]));
    let outOfStock = 0;
    for (const sku of products.keys()) {
      const bySku = (await get(`/api/v1/products/${sku}/stock`)).network;
      for (const bucket of UNIT_BUCKETS) network[bucket]! += bySku[bucket];
      if (bySku.available <= 0) outOfStock += 1;
    }
    expect(overview.network.units).toMatchObject(network);
    expect(overview.network.skus.outOfStock).toBeLessThanOrEqual(outOfStock);

    // Days of supply: on hand at cost over the forecast's daily demand at cost, for a store that sells.
    expect(overview.forecastRunId).toBe((await get('/api/v1/forecasts/runs/latest')).id);
    const store1 = overview.locations.find((l: { kind: string }) => l.kind === 'store');
    let demandAtCost = 0;
    for (const [sku, price] of products) {
      const answer = await app.inject({
        method: 'GET',
        url: `/api/v1/forecasts?sku=${sku}&location=${store1.id}`,
        headers: { authorization: `Bearer ${token}` },
      });
      if (answer.statusCode !== 200) continue;
      const mean: number[] = answer.json().mean;
      demandAtCost += (mean.reduce((a, b) => a + b, 0) / mean.length) * price.unitCost;
    }
    expect(demandAtCost).toBeGreaterThan(0);
    expect(store1.daysOfSupply).toBeCloseTo(store1.value.onHandAtCost / demandAtCost, 0);

    // A region narrows the parts; the network stays whole.
    const region = overview.regions[0].region;
    const narrowed = await get(`/api/v1/overview?region=${encodeURIComponent(region)}`);
    expect(narrowed.network).toEqual(overview.network);
    expect(narrowed.regions).toHaveLength(1);
    expect(narrowed.locations.every((l: { region: string }) => l.region === region)).toBe(true);
  }, 180_000);

  it('flags late purchase orders and answers 404 for a region with no location', async () => {
    const api = await testApi(database);
    const admin = api.as(api.tokens.admin);
    const before = (await admin('GET', '/api/v1/overview')).body;
    expect(before.forecastRunId).toBeNull();
    expect(before.network.daysOfSupply).toBeNull();
    expect(before.network.overdue).toEqual({ purchaseOrders: 0, transfers: 0 });

    await admin('POST', '/api/v1/suppliers', { id: 'tea-co', name: 'Tea Co', leadTimeDays: 5 });
    const late = await admin('POST', '/api/v1/purchase-orders', {
      supplier: 'tea-co',
      location: 'store-1',
      expectedAt: '2026-01-05T00:00:00Z',
      lines: [{ sku: 'TEA', quantity: 12, unitCost: 2 }],
      submit: true,
    });
    expect(late.status).toBe(201);
    await admin('POST', '/api/v1/purchase-orders', {
      supplier: 'tea-co',
      location: 'store-1',
      expectedAt: '2099-01-05T00:00:00Z',
      lines: [{ sku: 'TEA', quantity: 5, unitCost: 2 }],
      submit: true,
    });
    // A transfer counts late once its goods are on the way past the day they were due, not before.
    await admin('POST', '/api/v1/movements/receive', { location: 'dc-1', lines: [{ sku: 'TEA', quantity: 10 }] });
    await admin('POST', '/api/v1/transfer-orders', {
      id: 'T-LATE',
      from: 'dc-1',
      to: 'store-1',
      expectedAt: '2026-01-02T00:00:00Z',
      lines: [{ sku: 'TEA', quantity: 4 }],
    });
    const drafted = (await admin('GET', '/api/v1/overview')).body;
    expect(drafted.network.overdue.transfers).toBe(0);
    expect((await admin('POST', '/api/v1/transfer-orders/T-LATE/ship')).status).toBe(200);

    const after = (await api.as(api.tokens.clerk)('GET', '/api/v1/overview')).body;
    const store1 = after.locations.find((l: { id: string }) => l.id === 'store-1');
    expect(store1.overdue).toEqual({ purchaseOrders: 1, transfers: 1 });
    expect(store1.units.inTransit).toBe(4);
    expect(store1.units.onOrder).toBe(17);
    expect(store1.value.onOrderAtCost).toBeGreaterThan(0);
    expect(after.network.overdue).toEqual({ purchaseOrders: 1, transfers: 1 });
    expect(after.regions.find((r: { region: string }) => r.region === 'north').overdue.purchaseOrders).toBe(1);

    const unknown = await admin('GET', '/api/v1/overview?region=atlantis');
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toContain('atlantis');
  });
});
