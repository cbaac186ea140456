import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { createExchange } from '../../src/exchange/index.js';
import { createForecasts } from '../../src/forecasting/index.js';
import { day, noisyDemand } from '../support/daily-sales.js';
import { forEachDatabase } from '../support/databases.js';
import { smallNetwork } from '../support/network.js';

/** About 10 a day in a weekly pattern, with noise of -2…2 so that no method is exactly right. */
const demand = (t: number) => noisyDemand(t);
const average = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

forEachDatabase((database) => {
  it('takes the days a store had no stock as unknown demand, and forecasts close to its true level', async () => {
    const { store } = await smallNetwork(database);
    // The ledger as a retailer's would be imported: TEA received once at store-1 and sold every day
    // until it ran out two weeks ago; MUG sells at store-2 up to yesterday.
    const rows = ['occurred_at,kind,sku,from,to,quantity,reference'];
    let teaSold = 0;
    for (let t = -200; t <= -15; t++) teaSold += demand(t);
    rows.push(`${day(-201)}T08:00:00Z,receive,TEA,supplier,store-1,${teaSold},PO-1`);
    rows.push(`${day(-201)}T08:00:00Z,receive,MUG,supplier,store-2,5000,PO-2`);
    for (let t = -200; t <= -1; t++) {
      if (t <= -15) rows.push(`${day(t)}T12:00:00Z,sell,TEA,store-1,customer,${demand(t)},till`);
      rows.push(`${day(t)}T12:00:00Z,sell,MUG,store-2,customer,3,till`);
    }
    const report = await createExchange(store).import('movements', Readable.from([`${rows.join('\n')}\n`]), {
      actor: 'import',
    });
    expect(report).toMatchObject({ applied: true, errorCount: 0 });

    const forecasts = createForecasts(store);
    const run = await forecasts.run({ actor: 'pia', horizon: 28, workers: 1 });
    expect(run).toMatchObject({ historyUntil: day(-1), censoredDays: 14 });
    const tea = await forecasts.forLocation('TEA', 'store-1');
    expect(tea.notes).toContain('14 days out of stock: demand unknown, not counted as no sales');
    const level = average(Array.from({ length: 28 }, (_, t) => demand(t)));
    expect(Math.abs(average(tea.mean) - level) / level).toBeLessThan(0.15);
    // MUG never ran out: nothing of it is unknown.
    expect((await forecasts.forLocation('MUG', 'store-2')).notes.join(' ')).not.toContain('out of stock');
  });

  it('takes a stretch without stock longer than eight weeks for a product not carried, not for unknown demand', async () => {
    const { store } = await smallNetwork(database);
    // TEA sold out 100 days ago at store-1 and never came back; MUG keeps selling at store-2.
    const rows = ['occurred_at,kind,sku,from,to,quantity'];
    let teaSold = 0;
    for (let t = -300; t <= -101; t++) teaSold += demand(t);
    rows.push(`${day(-301)}T08:00:00Z,receive,TEA,supplier,store-1,${teaSold}`);
    rows.push(`${day(-301)}T08:00:00Z,receive,MUG,supplier,store-2,5000`);
    for (let t = -300; t <= -1; t++) {
      if (t <= -101) rows.push(`${day(t)}T12:00:00Z,sell,TEA,store-1,customer,${demand(t)}`);
      rows.push(`${day(t)}T12:00:00Z,sell,MUG,store-2,customer,3`);
    }
    expect(
      await createExchange(store).import('movements', Readable.from([`${rows.join('\n')}\n`]), { actor: 'import' }),
    ).toMatchObject({ applied: true, errorCount: 0 });
    const run = await createForecasts(store).run({ actor: 'pia', horizon: 28, workers: 1 });
    expect(run.censoredDays).toBe(0);
    expect(run.stoppedEarly.examples).toMatchObject([{ sku: 'TEA', locationId: 'store-1', lastSale: day(-101) }]);
    expect(average((await createForecasts(store).forLocation('TEA', 'store-1')).mean)).toBeLessThan(1);
  });

  it('says nothing is out of stock where the books run below zero', async () => {
    const { store } = await smallNetwork(database);
    // wh-neg may go negative: its sales are posted, its receipts are not, so its balance is always
    // below zero and says nothing of its shelf. Its quiet days are no sales, not unknown demand.
    const rows = ['occurred_at,kind,sku,from,to,quantity'];
    for (let t = -200; t <= -1; t++) if (t % 5 === 0) rows.push(`${day(t)}T12:00:00Z,sell,TEA,wh-neg,customer,1`);
    expect(
      await createExchange(store).import('movements', Readable.from([`${rows.join('\n')}\n`]), { actor: 'import' }),
    ).toMatchObject({ applied: true, errorCount: 0 });
    const run = await createForecasts(store).run({ actor: 'pia', horizon: 28, workers: 1 });
    expect(run.censoredDays).toBe(0);
    const tea = await createForecasts(store).forLocation('TEA', 'wh-neg');
    expect(average(tea.mean)).toBeLessThan(0.4);
  });

  it('takes imported days flagged stocked_out as unknown demand, and exports the flag', async () => {
    const { store } = await smallNetwork(database);
    const rows = ['date,location,sku,sold,stocked_out'];
    for (let t = -200; t <= -1; t++) rows.push(`${day(t)},store-1,TEA,${t > -15 ? 0 : demand(t)},${t > -15}`);
    const exchange = createExchange(store);
    expect(
      await exchange.import('sales-history', Readable.from([`${rows.join('\n')}\n`]), { actor: 'import' }),
    ).toMatchObject({ applied: true, errorCount: 0 });
    const run = await createForecasts(store).run({ actor: 'pia', horizon: 28, workers: 1 });
    expect(run.censoredDays).toBe(14);
    const tea = await createForecasts(store).forLocation('TEA', 'store-1');
    const level = average(Array.from({ length: 28 }, (_, t) => demand(t)));
    expect(Math.abs(average(tea.mean) - level) / level).toBeLessThan(0.15);

    let csv = '';
    const output = new (await import('node:stream')).Writable({
      write(chunk: Buffer, _encoding, done) {
        csv += chunk.toString();
        done();
      },
    });
    await exchange.export('sales-history', output);
    expect(csv.split('\n')[0]).toBe('date,location,sku,sold,returned,stocked_out');
    expect(csv).toContain(`${day(-1)},store-1,TEA,0,0,true`);
    expect(csv).toContain(`${day(-15)},store-1,TEA,${demand(-15)},0,false`);
  });
});
