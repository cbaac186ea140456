import { expect, it } from 'vitest';
import { clearNetwork, isEmptyNetwork, loadDemo, SMALL_DEMO } from '../../src/demo/index.js';
import { createStockViews, verifyLedger } from '../../src/ledger/index.js';
import { forEachDatabase } from '../support/databases.js';

const quiet = { start() {}, tick() {}, stop() {} };

forEachDatabase((database) => {
  it('loads the small demo through the ledger, verifies clean, and loads again after a reset', async () => {
    const store = await database.open();
    expect(await isEmptyNetwork(store)).toBe(true);
    const summary = await loadDemo(store, SMALL_DEMO, quiet);
    expect(summary).toMatchObject({
      locations: SMALL_DEMO.distributionCentres + SMALL_DEMO.stores,
      products: SMALL_DEMO.products,
    });
    expect(summary.movements).toBeGreaterThan(1000);
    const report = await verifyLedger(store);
    expect(report).toMatchObject({ ok: true, movements: summary.movements });
    expect((await createStockViews(store).low({ threshold: 1_000_000 })).length).toBeGreaterThan(10);

    await clearNetwork(store);
    expect(await isEmptyNetwork(store)).toBe(true);
    expect((await loadDemo(store, SMALL_DEMO, quiet)).movements).toBe(summary.movements);
    expect((await verifyLedger(store)).ok).toBe(true);
  });
});
