import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createExchange } from '../../src/exchange/index.js';
import { createForecasts } from '../../src/forecasting/index.js';
import { day, noisyDemand } from '../support/daily-sales.js';
import { forEachDatabase } from '../support/databases.js';
import { smallNetwork } from '../support/network.js';
import { withDataDir } from '../support/cli.js';

/**
 * A retailer's exported history, shaped as theirs is rather than as our demo's: two years of daily
 * sales that end a year ago. TEA sells every day at store-1; MUG sold at store-2 until 100 days before
 * the history ends; RICE sold now and then at store-1 in the first year only.
 */
function retailerHistory(end: number): string {
  const rows = ['date,location,sku,sold'];
  for (let t = end - 729; t <= end; t++) {
    // Noise of -2…2 a day, so that no method is exactly right.
    rows.push(`${day(t)},store-1,TEA,${noisyDemand(t)}`);
    if (t <= end - 100) rows.push(`${day(t)},store-2,MUG,${3 + (t % 2)}`);
    if (t <= end - 365 && t % 5 === 0) rows.push(`${day(t)},store-1,RICE,250`);
  }
  return `${rows.join('\n')}\n`;
}

forEachDatabase((database) => {
  it('forecasts an imported history that ended a year ago from the day after it, and says which series stopped early', async () => {
    const { store } = await smallNetwork(database);
    const end = -365;
    const report = await createExchange(store).import('sales-history', Readable.from([retailerHistory(end)]), {
      actor: 'import',
    });
    expect(report).toMatchObject({ applied: true, errorCount: 0 });
    const forecasts = createForecasts(store);

    const run = await forecasts.run({ actor: 'pia', horizon: 28, workers: 1 });
    expect(run).toMatchObject({ historyUntil: day(end), from: day(end + 1), series: 3 });
    const tea = await forecasts.forLocation('TEA', 'store-1');
    expect(tea.from).toBe(day(end + 1));
    const perDay = tea.mean.reduce((a, b) => a + b, 0) / tea.mean.length;
    expect(perDay).toBeGreaterThan(8.5);
    expect(perDay).toBeLessThan(11.5);
    expect(tea.rmsse).toBeGreaterThan(0);

    // MUG went silent 100 days before the end, RICE a year before: both named, silent longest first.
    expect(run.stoppedEarly).toEqual({
      series: 2,
      examples: [
        { sku: 'RICE', locationId: 'store-1', lastSale: expect.any(String) },
        { sku: 'MUG', locationId: 'store-2', lastSale: day(end - 100) },
      ],
    });
    expect((await forecasts.forLocation('MUG', 'store-2')).notes.join(' ')).toContain(`last was on ${day(end - 100)}`);

    // RICE and MUG sold nothing in their backtest windows: a forecast of zero would score a perfect 0,
    // so they are left out of the accuracy report instead of making it look perfect.
    expect(run.unmeasured).toBe(2);
    const accuracy = await forecasts.accuracy();
    expect(accuracy).toMatchObject({ series: 3, measured: 1, unmeasured: { tooShort: 0, noSales: 2 } });
    expect(accuracy.meanRmsse).toBe(tea.rmsse);
    expect((await forecasts.forLocation('RICE', 'store-1')).rmsse).toBeNull();

    // `until` sets the origin where asked; a day that has not ended is refused.
    const earlier = await forecasts.run({ actor: 'pia', horizon: 7, until: day(end - 30), workers: 1 });
    expect(earlier).toMatchObject({ historyUntil: day(end - 30), from: day(end - 29) });
    await expect(forecasts.run({ actor: 'pia', until: day(0) })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    // Forecast from yesterday across the gap, as before, TEA's history ends in a year of silence.
    const stale = await forecasts.run({ actor: 'pia', horizon: 7, until: day(-1), workers: 1 });
    expect(stale.stoppedEarly.series).toBe(3);
  });
});

describe('omnistock forecast', () => {
  it('imports a history that ended a year ago and prints the first forecast day and the series that stopped early', async () => {
    await withDataDir(async ({ file, omnistock }) => {
      const steps = [
        [
          'import',
          'locations',
          file('locations.csv', 'id,name,kind\nstore-1,High Street,store\nstore-2,Market Square,store\n'),
        ],
        ['import', 'products', file('products.csv', 'sku,name\nTEA,Green tea\nMUG,Mug\nRICE,Rice\n')],
        ['import', 'sales-history', file('sales.csv', retailerHistory(-365))],
      ];
      for (const step of steps) expect(await omnistock(...step)).toMatchObject({ code: 0 });
      const forecast = await omnistock('forecast', '--workers', '1');
      expect(forecast).toMatchObject({ code: 0, stderr: '' });
      expect(forecast.stdout).toContain(`Forecast 3 series for 28 days from ${day(-364)} (history until ${day(-365)};`);
      expect(forecast.stdout).toContain('2 series stopped selling long before');
      expect(forecast.stdout).toContain(`MUG at store-2 (last sale ${day(-465)})`);
      expect(forecast.stdout).toContain('2 series had no sale in their backtest window');

      const until = await omnistock('forecast', '--workers', '1', '--until', day(-400), '--horizon', '7');
      expect(until.stdout).toContain(`from ${day(-399)} (history until ${day(-400)};`);
      expect((await omnistock('forecast', '--until', 'yesterday')).code).toBe(2);
    });
  });
});
