import { expect, it } from 'vitest';
import { OPENING_STOCK_REASON } from '../../src/exchange/index.js';
import { verifyLedger } from '../../src/ledger/index.js';
import { forEachDatabase } from '../support/databases.js';
import { smallNetwork } from '../support/network.js';
import { exported, imported } from './support.js';

const csv = (...lines: string[]) => `${lines.join('\n')}\n`;

forEachDatabase((database) => {
  it('reports every bad row with its line, column and reason, and imports nothing', async () => {
    const { store, ledger } = await smallNetwork(database);
    const before = await exported(store, 'products');
    const report = await imported(
      store,
      'products',
      csv(
        'sku,name,unit,price,gtin,weight_kg',
        'NEW-1,Kettle,each,19.90,,1.2',
        'NEW-2,,each,5,,',
        'NEW-3,Spoon,dozen,5,,',
        'NEW-4,Fork,each,-1,,',
        'NEW-5,Knife,each,five,,',
        'NEW-6,Plate,each,5,4006381333932,',
        'NEW-1,Kettle again,each,1,,',
        'bad sku,Bowl,each,1,,',
        'NEW-7,Cup,each,1,,',
      ),
    );
    expect(report, JSON.stringify(report.errors)).toMatchObject({ rows: 9, badRows: 7, applied: false });
    expect(report.errors.map((e) => [e.line, e.column])).toEqual([
      [3, 'name'],
      [4, 'unit'],
      [5, 'price'],
      [6, 'price'],
      [7, 'gtin'],
      [8, 'sku'],
      [9, 'sku'],
    ]);
    expect(report.errors[0]!.reason).toBe('must not be empty');
    expect(report.errors[3]!.reason).toBe("'five' is not a number");
    expect(report.errors[5]!.reason).toBe("'NEW-1' is already on line 2");
    expect(await exported(store, 'products')).toBe(before);

    // Movements: nothing is posted from a file with one bad row among good ones.
    const movements = await imported(
      store,
      'movements',
      csv(
        'occurred_at,kind,sku,from,to,quantity,reason',
        '2026-01-02T08:00:00Z,receive,TEA,supplier,store-1,10,',
        '2026-01-02T09:00:00Z,sell,TEA,store-1,customer,4,',
        '2026-01-02T10:00:00Z,adjust,TEA,store-1,adjustment,1,',
        '2026-01-02 11:00,sell,TEA,store-1,customer,1,',
        '2026-01-02T12:00:00Z,sell,TEA,store-1,supplier,1,',
        '2026-01-02T13:00:00Z,sell,TEA,store-1,customer,9,',
        '2099-01-01T00:00:00Z,receive,TEA,supplier,store-1,1,',
      ),
    );
    expect(movements.errors.map((e) => [e.line, e.column])).toEqual([
      [4, 'reason'],
      [5, 'occurred_at'],
      [6, 'kind'],
      [7, 'quantity'],
      [8, 'occurred_at'],
    ]);
    expect(movements.errors[3]!.reason).toBe("would leave -3 of TEA at 'store-1'");
    expect(movements.applied).toBe(false);
    expect((await ledger.movements()).items).toEqual([]);
  });

  it('imports the good rows with --skip-errors, and checks without writing in a dry run', async () => {
    const { store, ledger } = await smallNetwork(database);
    const file = csv(
      'occurred_at,kind,sku,from,to,quantity',
      '2026-01-02T08:00:00Z,receive,TEA,supplier,store-1,10',
      '2026-01-02T09:00:00Z,sell,TEA,store-1,customer,40',
      '2026-01-02T10:00:00Z,sell,TEA,store-1,customer,3',
    );
    const dry = await imported(store, 'movements', file, { dryRun: true, skipErrors: true });
    expect(dry).toMatchObject({ dryRun: true, applied: false, created: 2, errorCount: 1 });
    expect((await ledger.movements()).items).toEqual([]);

    const report = await imported(store, 'movements', file, { skipErrors: true });
    expect(report).toMatchObject({ applied: true, created: 2, errorCount: 1, badRows: 1 });
    expect((await ledger.balance('TEA', 'store-1')).onHand).toBe(7);
    expect((await verifyLedger(store)).ok).toBe(true);
  });

  it('reads columns under other headers, and says which headers it ignored or missed', async () => {
    const { store, catalog } = await smallNetwork(database);
    const report = await imported(
      store,
      'products',
      csv('Artikel;Bezeichnung;Farbe', 'X-1;Teller;blau').replaceAll(';', ','),
      {
        mapping: { sku: 'Artikel', name: 'Bezeichnung' },
      },
    );
    expect(report).toMatchObject({ applied: true, created: 1, unusedHeaders: ['Farbe'] });
    expect(await catalog.getProduct('X-1')).toMatchObject({ name: 'Teller' });

    const missing = await imported(store, 'products', csv('Artikel,name', 'X-2,Becher'));
    expect(missing.errors).toEqual([{ line: 1, column: 'sku', reason: "the file has no 'sku' column" }]);
    expect(missing.applied).toBe(false);
  });

  it('sets opening stock by posting differences, so a second import posts nothing', async () => {
    const { store, ledger } = await smallNetwork(database);
    await ledger.receive({ location: 'store-1', lines: [{ sku: 'TEA', quantity: 10 }], actor: 'test' });
    const file = csv('location,sku,quantity', 'store-1,TEA,4', 'store-2,TEA,25', 'dc-1,RICE,5000');
    expect(await imported(store, 'stock', file)).toMatchObject({ applied: true, updated: 3, unchanged: 0 });
    expect((await ledger.balance('TEA', 'store-1')).onHand).toBe(4);
    expect((await ledger.balance('TEA', 'store-2')).onHand).toBe(25);
    const adjustments = (await ledger.movements({ kind: 'adjust' })).items;
    expect(adjustments.map((m) => m.reason)).toEqual([
      OPENING_STOCK_REASON,
      OPENING_STOCK_REASON,
      OPENING_STOCK_REASON,
    ]);

    expect(await imported(store, 'stock', file)).toMatchObject({ updated: 0, unchanged: 3 });
    expect((await ledger.movements({ kind: 'adjust' })).items).toHaveLength(3);

    // Stock held for orders cannot be counted away, and stores without negative stock refuse it.
    await store.db
      .updateTable('balances')
      .set({ reserved: 3 })
      .where('sku', '=', 'TEA')
      .where('location_id', '=', 'store-2')
      .execute();
    const refused = await imported(
      store,
      'stock',
      csv('location,sku,quantity', 'store-2,TEA,2', 'store-1,TEA,-1', 'wh-neg,TEA,-5'),
    );
    expect(refused.errors.map((e) => [e.line, e.reason])).toEqual([
      [2, '3 units are reserved for orders here'],
      [3, "'store-1' does not allow negative stock"],
    ]);
  });

  it('exports stock as of a past time, folded from the ledger', async () => {
    const { store, ledger } = await smallNetwork(database);
    await ledger.receive({
      location: 'store-1',
      lines: [{ sku: 'TEA', quantity: 10 }],
      actor: 't',
      occurredAt: '2026-01-01T10:00:00Z',
    });
    await ledger.sell({
      location: 'store-1',
      lines: [{ sku: 'TEA', quantity: 4 }],
      actor: 't',
      occurredAt: '2026-01-05T10:00:00Z',
    });
    expect(await exported(store, 'stock', '2026-01-03T00:00:00.000Z')).toBe(
      csv('location,sku,quantity', 'store-1,TEA,10'),
    );
    expect(await exported(store, 'stock')).toBe(csv('location,sku,quantity', 'store-1,TEA,6'));
    expect(await exported(store, 'stock', '2025-12-31T00:00:00.000Z')).toBe(csv('location,sku,quantity'));
  });

  it('gives id-less movements stable ids: re-importing a file with rows appended posts only the new ones', async () => {
    const { store, ledger } = await smallNetwork(database);
    const head = ['occurred_at,kind,sku,from,to,quantity,reference', '2026-01-02,receive,TEA,supplier,store-1,10,PO-1'];
    // Two identical sales are two sales.
    const day1 = csv(
      ...head,
      '2026-01-03T10:00:00Z,sell,TEA,store-1,customer,1,',
      '2026-01-03T10:00:00Z,sell,TEA,store-1,customer,1,',
    );
    expect(await imported(store, 'movements', day1)).toMatchObject({ created: 3, unchanged: 0 });
    const day2 = `${day1}2026-01-04T10:00:00Z,sell,TEA,store-1,customer,5,\n`;
    expect(await imported(store, 'movements', day2)).toMatchObject({ created: 1, unchanged: 3 });
    expect((await ledger.balance('TEA', 'store-1')).onHand).toBe(3);
    const ids = (await ledger.movements()).items.map((m) => m.id);
    expect(new Set(ids).size).toBe(4);
    expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toBe(
      true,
    );
  });

  it('opens the transit location of a transfer shipped in the file, and keeps a posting whole', async () => {
    const { store, ledger, stock } = await smallNetworkWithStock(database);
    const file = csv(
      'posting,occurred_at,kind,sku,from,to,quantity,reason,destination',
      'P1,2026-02-01T08:00:00Z,transfer_ship,TEA,dc-1,transit:T-9,30,,store-2',
      'P1,2026-02-01T08:00:00Z,transfer_ship,MUG,dc-1,transit:T-9,5,,store-2',
      'P2,2026-02-02T08:00:00Z,transfer_receive,TEA,transit:T-9,store-2,28,,',
      'P2,2026-02-02T08:00:00Z,transfer_shortfall,TEA,transit:T-9,adjustment,2,broken,',
      ',2026-02-03T08:00:00Z,transfer_ship,TEA,dc-1,transit:T-10,1,,',
    );
    const report = await imported(store, 'movements', file, { skipErrors: true });
    expect(report.errors).toEqual([
      { line: 6, column: 'destination', reason: "give the destination of new transfer 'transit:T-10'" },
    ]);
    expect(report.created).toBe(4);
    expect(await stock.row('MUG', 'store-2')).toMatchObject({ onHand: 0, inbound: 5 });
    expect((await ledger.movements({ postingId: 'P1' })).items.map((m) => m.line)).toEqual([0, 1]);
    expect((await verifyLedger(store)).ok).toBe(true);

    // A posting that would take too much is refused whole, even its rows that are fine alone.
    const whole = await imported(
      store,
      'movements',
      csv(
        'posting,occurred_at,kind,sku,from,to,quantity',
        'P3,2026-02-04,sell,RICE,dc-1,customer,1',
        'P3,2026-02-04,sell,TEA,dc-1,customer,100000',
      ),
      { skipErrors: true },
    );
    expect(whole.errors.map((e) => [e.line, e.column])).toEqual([
      [2, 'posting'],
      [3, 'quantity'],
    ]);
    expect(whole.created).toBe(0);
  });
});

async function smallNetworkWithStock(database: Parameters<typeof smallNetwork>[0]) {
  const network = await smallNetwork(database);
  const { createStockViews } = await import('../../src/ledger/index.js');
  const { onOrder } = await import('../../src/procedures/index.js');
  await network.ledger.receive({
    location: 'dc-1',
    lines: [
      { sku: 'TEA', quantity: 100 },
      { sku: 'MUG', quantity: 20 },
      { sku: 'RICE', quantity: 10 },
    ],
    actor: 'test',
    occurredAt: '2026-01-01T00:00:00Z',
  });
  return { ...network, stock: createStockViews(network.store, { onOrder }) };
}
