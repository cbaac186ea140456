import { expect, it } from 'vitest';
import { loadDemo, SMALL_DEMO } from '../../src/demo/index.js';
import { createForecasts } from '../../src/forecasting/index.js';
import { forEachDatabase } from '../support/databases.js';

const quiet = { start() {}, tick() {}, stop() {} };

forEachDatabase((database) => {
  it('forecasts every SKU × location with sales, stores the run, and sums locations into regions and the network', async () => {
    const store = await database.open();
    await loadDemo(store, SMALL_DEMO, quiet);
    const forecasts = createForecasts(store);
    await expect(forecasts.latestRun()).rejects.toMatchObject({ code: 'not_found' });

    const run = await forecasts.run({ actor: 'pia', horizon: 14, workers: 2 });
    expect(run.series).toBeGreaterThan(20);
    expect(Object.values(run.methods).reduce((a, b) => a + b, 0)).toBe(run.series);
    expect(await forecasts.latestRun()).toEqual(run);

    const accuracy = await forecasts.accuracy();
    expect(accuracy.byMethod.reduce((sum, m) => sum + m.series, 0)).toBe(run.series);
    expect(accuracy.byCategory.length).toBeGreaterThan(1);

    const busiest = accuracy.byMethod[0]!;
    expect(busiest.series).toBeGreaterThan(0);
    const sku = (
      await store.db.selectFrom('forecast_series').select('sku').where('run_id', '=', run.id).executeTakeFirstOrThrow()
    ).sku;
    const bySku = await forecasts.forSku(sku);
    expect(bySku.locations.length).toBeGreaterThan(0);
    bySku.network.mean.forEach((total, day) =>
      expect(total).toBeCloseTo(
        bySku.locations.reduce((s, l) => s + l.mean[day]!, 0),
        3,
      ),
    );
    expect(bySku.regions.reduce((s, r) => s + r.series, 0)).toBe(bySku.locations.length);
    const one = await forecasts.forLocation(sku, bySku.locations[0]!.locationId);
    expect(one.mean).toHaveLength(14);
    expect(one.from > run.historyUntil).toBe(true);
    // A location that does not exist is said so; one without sales of the SKU has no series.
    await expect(forecasts.forLocation(sku, 'nowhere')).rejects.toMatchObject({ code: 'unknown_location' });
  });
});
