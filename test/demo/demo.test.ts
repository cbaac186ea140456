import { expect, it } from 'vitest';
import { createCatalog, createSuppliers } from '../../src/catalog/index.js';
import { createPurchaseOrders, createTransferOrders } from '../../src/procedures/index.js';
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
    // Every product has its supplier, and every supplier its lead time.
    const suppliers = createSuppliers(store);
    const listed = (await suppliers.list()).items;
    expect(listed.length).toBe(summary.suppliers);
    expect(listed.every((s) => s.leadTimeDays > 0 && s.leadTimeSdDays > 0)).toBe(true);
    const items = (await Promise.all(listed.map((s) => suppliers.items(s.id)))).flat();
    expect(items.map((i) => i.sku).sort()).toEqual((await createCatalog(store).listProducts()).items.map((p) => p.sku));
    // Purchase orders and transfers are documents, played through their services.
    const orders = createPurchaseOrders(store);
    const received = await orders.list({ status: 'received', limit: 1000 });
    expect(received.items.length).toBeGreaterThan(3);
    const performance = await Promise.all(listed.map((s) => orders.performance(s.id)));
    expect(performance.some((p) => p.receipts > 0 && p.fillRate === 1 && p.leadTimeDays!.mean > 1)).toBe(true);
    expect((await createTransferOrders(store).list({ status: 'received' })).items.length).toBeGreaterThan(3);
    const report = await verifyLedger(store);
    expect(report).toMatchObject({ ok: true, movements: summary.movements });
    expect((await createStockViews(store).low({ threshold: 1_000_000 })).items.length).toBeGreaterThan(10);

    await clearNetwork(store);
    expect(await isEmptyNetwork(store)).toBe(true);
    expect((await loadDemo(store, SMALL_DEMO, quiet)).movements).toBe(summary.movements);
    expect((await verifyLedger(store)).ok).toBe(true);
  });
});
