import { expect, it } from 'vitest';
import { createCatalog, createSuppliers } from '../../src/catalog/index.js';
import {
  createCycleCounts,
  createPurchaseOrders,
  createReturns,
  createTransferOrders,
  onOrder,
} from '../../src/procedures/index.js';
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
    // So are customer returns and cycle counts: their summaries have figures on a first start.
    const returns = createReturns(store);
    expect((await returns.list({ limit: 1000 })).items.length).toBeGreaterThan(10);
    const returned = await returns.summary();
    const total = (field: 'quantity' | 'restocked' | 'scrapped') => returned.reduce((sum, r) => sum + r[field], 0);
    expect(total('restocked')).toBeGreaterThan(0);
    expect(total('scrapped')).toBeGreaterThan(0);
    expect(total('quantity')).toBeGreaterThan(total('restocked'));
    const counts = createCycleCounts(store);
    const sessions = (await counts.list()).items;
    const statuses = sessions.map((c) => c.status);
    expect(statuses.filter((s) => s === 'closed').length).toBeGreaterThanOrEqual(2);
    expect(statuses.filter((s) => s === 'pending_approval')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'open')).toHaveLength(1);
    // Some closed with small variances posted, one after a planner (not its counter) approved a large one.
    const posted = sessions.flatMap((c) => c.lines.filter((l) => l.state === 'posted' && l.variance !== 0));
    expect(posted.some((l) => Math.abs(l.variance!) === 1)).toBe(true);
    expect(sessions.filter((c) => c.approvedBy !== null).map((c) => c.approvedBy)).toEqual(['demo-planner']);
    const accuracy = await counts.accuracy(sessions.find((c) => c.status === 'closed')!.locationId);
    expect(accuracy.linesCounted).toBeGreaterThan(0);
    expect(accuracy.accuracy).toBeGreaterThan(0);
    const report = await verifyLedger(store);
    expect(report).toMatchObject({ ok: true, movements: summary.movements });
    expect((await createStockViews(store, { onOrder }).low({ threshold: 1_000_000 })).items.length).toBeGreaterThan(10);

    await clearNetwork(store);
    expect(await isEmptyNetwork(store)).toBe(true);
    expect((await loadDemo(store, SMALL_DEMO, quiet)).movements).toBe(summary.movements);
    expect((await verifyLedger(store)).ok).toBe(true);
  });
});
