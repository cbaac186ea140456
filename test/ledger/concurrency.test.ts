import { expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createCatalog } from '../../src/catalog/index.js';
import { createLedger, verifyLedger } from '../../src/ledger/index.js';
import { forEachDatabase, sqlite } from '../support/databases.js';
import { smallNetwork } from '../support/network.js';

const run = promisify(execFile);

forEachDatabase((database) => {
  it('gives 100 units to exactly 100 of 200 concurrent single-unit reservations', async () => {
    const { store, ledger, reservations } = await smallNetwork(database, { poolSize: 16 });
    await ledger.receive({ location: 'store-1', lines: [{ sku: 'TEA', quantity: 100 }], actor: 'ana' });

    const outcomes = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) =>
        reservations.take({ sku: 'TEA', location: 'store-1', quantity: 1, reference: `order-${i}`, actor: 'web' }),
      ),
    );
    const taken = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(taken).toHaveLength(100);
    expect(refused).toHaveLength(100);
    for (const r of refused) expect(r.reason).toMatchObject({ code: 'insufficient_stock' });
    expect(await ledger.balance('TEA', 'store-1')).toMatchObject({ onHand: 100, reserved: 100, available: 0 });
    expect((await verifyLedger(store)).ok).toBe(true);
  });

  it('never oversells when concurrent sales and transfers race for the same stock', async () => {
    const { store, ledger } = await smallNetwork(database, { poolSize: 16 });
    await ledger.receive({
      location: 'dc-1',
      lines: [
        { sku: 'TEA', quantity: 50 },
        { sku: 'MUG', quantity: 50 },
      ],
      actor: 'ana',
    });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) =>
        i % 3 === 0
          ? ledger.shipTransfer({
              transferId: `T-${i}`,
              from: 'dc-1',
              to: 'store-1',
              lines: [
                { sku: 'MUG', quantity: 3 },
                { sku: 'TEA', quantity: 3 },
              ],
              actor: 'wh',
            })
          : ledger.sell({
              location: 'dc-1',
              lines: [
                { sku: 'TEA', quantity: 2 },
                { sku: 'MUG', quantity: 1 },
              ],
              actor: 'till',
            }),
      ),
    );
    for (const o of outcomes)
      if (o.status === 'rejected') expect(o.reason).toMatchObject({ code: 'insufficient_stock' });
    const tea = await ledger.balance('TEA', 'dc-1');
    const mug = await ledger.balance('MUG', 'dc-1');
    expect(tea.onHand).toBeGreaterThanOrEqual(0);
    expect(mug.onHand).toBeGreaterThanOrEqual(0);
    const report = await verifyLedger(store);
    expect(report.ok).toBe(true);
  });
});

it('serialises reservations from four processes sharing one SQLite file', async () => {
  const store = await sqlite.open();
  const catalog = createCatalog(store);
  await catalog.createLocation({ id: 'store-1', name: 'S', kind: 'store' });
  await catalog.createProduct({ sku: 'TEA', name: 'Tea' });
  await createLedger(store).receive({ location: 'store-1', lines: [{ sku: 'TEA', quantity: 60 }], actor: 'ana' });

  const worker = fileURLToPath(new URL('../support/reserve-worker.ts', import.meta.url));
  const results = await Promise.all(
    Array.from({ length: 4 }, async () => {
      const { stdout } = await run(process.execPath, ['--import', 'tsx', worker, `sqlite:${store.location}`, '30']);
      return JSON.parse(stdout) as { taken: number; refused: number; unexpected: string[] };
    }),
  );
  expect(results.flatMap((r) => r.unexpected)).toEqual([]);
  expect(results.reduce((sum, r) => sum + r.taken, 0)).toBe(60);
  expect(results.reduce((sum, r) => sum + r.refused, 0)).toBe(60);
  expect(await createLedger(store).balance('TEA', 'store-1')).toMatchObject({ reserved: 60, available: 0 });
  expect((await verifyLedger(store)).ok).toBe(true);
});
