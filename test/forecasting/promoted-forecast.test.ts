import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createExchange } from '../../src/exchange/index.js';
import { day } from '../support/daily-sales.js';
import { testApi } from '../support/api.js';
import { forEachDatabase } from '../support/databases.js';
import { withDataDir } from '../support/cli.js';

/**
 * A retailer's history with its promotions: TEA sells about 12 a day at store-1, and 1.6 times that
 * in the week of each past promotion (one a quarter). Days are counted back from `end`.
 */
const END = -1;
const PAST_PROMOTIONS = [-600, -510, -420, -330, -240, -150, -60].map((start) => ({ from: start, to: start + 6 }));
const promotedOn = (t: number) => PAST_PROMOTIONS.some((p) => t >= p.from && t <= p.to);

function salesHistory(): string {
  const rows = ['date,location,sku,sold'];
  for (let t = END - 699; t <= END; t++) {
    // 11, 12 or 13: noise no method foresees.
    const base = 12 + ((((t * 7919) % 3) + 3) % 3) - 1;
    rows.push(`${day(t)},store-1,TEA,${promotedOn(t) ? Math.round(base * 1.6) : base}`);
    rows.push(`${day(t)},store-2,TEA,${base}`);
  }
  return `${rows.join('\n')}\n`;
}

function calendar(withFuture: boolean): string {
  const rows = ['id,name,sku,category,location,region,from,to,planned_lift'];
  PAST_PROMOTIONS.forEach((p, i) => rows.push(`TEA-${i},Tea week,TEA,,store-1,,${day(p.from)},${day(p.to)},`));
  // The second forecast week, at store-1 only.
  if (withFuture) rows.push(`TEA-NEXT,Tea week,TEA,,store-1,,${day(END + 8)},${day(END + 14)},`);
  return `${rows.join('\n')}\n`;
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

forEachDatabase((database) => {
  it('lifts a promoted week of the calendar by the lift past promotions had, and only there', async () => {
    const api = await testApi(database);
    const planner = api.as(api.tokens.planner);
    const exchange = createExchange(api.store);
    expect(await exchange.import('sales-history', Readable.from([salesHistory()]), { actor: 'import' })).toMatchObject({
      applied: true,
      errorCount: 0,
    });
    expect(await exchange.import('promotions', Readable.from([calendar(true)]), { actor: 'import' })).toMatchObject({
      applied: true,
      errorCount: 0,
    });

    const run = await planner('POST', '/api/v1/forecasts/runs', { horizon: 28 });
    expect(run.status).toBe(201);
    expect(run.body).toMatchObject({ historyUntil: day(END), series: 2, promoted: 1 });
    const promotedStore = await planner('GET', `/api/v1/forecasts?sku=TEA&location=store-1`);
    expect(promotedStore.status).toBe(200);
    const tea = promotedStore.body;
    expect(tea.promotion).toMatchObject({ days: 7 });
    expect(tea.promotion.lift).toBeGreaterThan(1.45);
    expect(tea.promotion.lift).toBeLessThan(1.75);
    const week = mean(tea.mean.slice(7, 14));
    const rest = mean([...tea.mean.slice(0, 7), ...tea.mean.slice(14)]);
    expect(week / rest).toBeCloseTo(tea.promotion.lift, 1);
    // Past promoted weeks are not the base level: the rest of the month is forecast at about 12.
    expect(rest).toBeGreaterThan(11);
    expect(rest).toBeLessThan(13);
    expect(tea.notes.join(' ')).toContain('7 forecast days promoted');
    expect(tea.intervals[10].p90).toBeGreaterThan(tea.intervals[3].p90);

    // store-2 is not in the promotion: no lift there.
    const other = (await planner('GET', `/api/v1/forecasts?sku=TEA&location=store-2`)).body;
    expect(other.promotion).toBeNull();
    expect(mean(other.mean.slice(7, 14)) / mean(other.mean.slice(14, 21))).toBeCloseTo(1, 1);

    // Without the promotion ahead, the week is forecast like any other.
    expect((await planner('DELETE', '/api/v1/promotions/TEA-NEXT')).status).toBe(204);
    expect((await planner('POST', '/api/v1/forecasts/runs', { horizon: 28 })).body).toMatchObject({ promoted: 0 });
    const blind = (await planner('GET', `/api/v1/forecasts?sku=TEA&location=store-1`)).body;
    expect(blind.promotion).toBeNull();
    expect(mean(blind.mean.slice(7, 14)) / mean(blind.mean.slice(14, 21))).toBeCloseTo(1, 1);
  });
});

describe('omnistock import promotions, then forecast', () => {
  it('takes a calendar from a CSV file and says how many series have promoted days ahead', async () => {
    await withDataDir(async ({ file, omnistock }) => {
      const steps = [
        [
          'import',
          'locations',
          file('locations.csv', 'id,name,kind\nstore-1,High Street,store\nstore-2,Market Square,store\n'),
        ],
        ['import', 'products', file('products.csv', 'sku,name,category\nTEA,Green tea,drinks\n')],
        ['import', 'sales-history', file('sales.csv', salesHistory())],
        ['import', 'promotions', file('promotions.csv', calendar(true))],
      ];
      for (const step of steps) expect(await omnistock(...step)).toMatchObject({ code: 0 });
      const forecast = await omnistock('forecast', '--workers', '1');
      expect(forecast).toMatchObject({ code: 0, stderr: '' });
      expect(forecast.stdout).toContain('1 series have promoted days ahead in the promotions calendar');
      const exported = await omnistock('export', 'promotions');
      expect(exported.stdout).toContain(`TEA-NEXT,Tea week,TEA,,store-1,,${day(END + 8)},${day(END + 14)},`);
    });
  });
});
