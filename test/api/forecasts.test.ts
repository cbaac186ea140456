import { expect, it } from 'vitest';
import { forEachDatabase } from '../support/databases.js';
import { testApi } from '../support/api.js';

forEachDatabase((database) => {
  it('runs forecasts for a planner and serves them by location, by SKU across the network, and their accuracy', async () => {
    const api = await testApi(database);
    const admin = api.as(api.tokens.admin);
    const viewer = api.as(api.tokens.viewer);
    expect((await viewer('GET', '/api/v1/forecasts/runs/latest')).status).toBe(404);

    // Eight weeks of daily sales at two stores, dated in the past.
    const start = Date.now() - 57 * 86_400_000;
    await admin('POST', '/api/v1/movements/receive', {
      location: 'store-1',
      lines: [{ sku: 'TEA', quantity: 10_000 }],
      occurredAt: new Date(start - 86_400_000).toISOString(),
    });
    await admin('POST', '/api/v1/movements/receive', {
      location: 'store-2',
      lines: [{ sku: 'TEA', quantity: 10_000 }],
      occurredAt: new Date(start - 86_400_000).toISOString(),
    });
    for (let day = 0; day < 56; day++)
      for (const [location, base] of [
        ['store-1', 10],
        ['store-2', 4],
      ] as const)
        await admin('POST', '/api/v1/movements/sell', {
          location,
          lines: [{ sku: 'TEA', quantity: base + (day % 7 === 5 ? 6 : 0) }],
          occurredAt: new Date(start + day * 86_400_000).toISOString(),
        });

    expect((await api.as(api.tokens.operator)('POST', '/api/v1/forecasts/runs', { horizon: 14 })).status).toBe(403);
    const run = await api.as(api.tokens.planner)('POST', '/api/v1/forecasts/runs', { horizon: 14 });
    expect(run.status).toBe(201);
    expect(run.body).toMatchObject({ series: 2, horizon: 14, createdBy: 'planner' });

    const one = await viewer('GET', '/api/v1/forecasts?sku=TEA&location=store-1');
    expect(one.body.mean).toHaveLength(14);
    expect(one.body.sigma).toBeGreaterThanOrEqual(0);
    const network = await viewer('GET', '/api/v1/products/TEA/forecast');
    expect(network.body.locations.map((l: { locationId: string }) => l.locationId)).toEqual(['store-1', 'store-2']);
    expect(network.body.regions.map((r: { region: string }) => r.region).sort()).toEqual(['north', 'south']);
    expect(network.body.network.mean[0]).toBeCloseTo(
      network.body.locations[0].mean[0] + network.body.locations[1].mean[0],
      3,
    );
    const accuracy = await viewer('GET', '/api/v1/forecasts/accuracy');
    expect(accuracy.body.byRegion).toHaveLength(2);
  });
});
