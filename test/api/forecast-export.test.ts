import { expect, it } from 'vitest';
import { QUANTILE_LEVELS } from '../../src/forecasting/index.js';
import { forEachDatabase } from '../support/databases.js';
import { testApi } from '../support/api.js';
import type { Caller } from '../support/api.js';
import { exported } from '../exchange/support.js';

const DAY_MS = 86_400_000;
const dayOf = (at: number) => new Date(at).toISOString().slice(0, 10);
const QUANTILE_COLUMNS = QUANTILE_LEVELS.map((level) => `p${Math.round(level * 100)}`);

/**
 * Eight weeks of daily sales up to `until`: TEA every day at both stores (a weekly peak), MUG every
 * third day at store-1 only (intermittent: its quantiles are the stored ones).
 */
async function importHistory(admin: Caller, until: string) {
  const lines = ['date,location,sku,sold'];
  const end = Date.parse(`${until}T00:00:00Z`);
  for (let day = 55; day >= 0; day--) {
    const date = dayOf(end - day * DAY_MS);
    lines.push(`${date},store-1,TEA,${10 + (day % 7 === 2 ? 6 : 0)}`, `${date},store-2,TEA,${4 + (day % 3)}`);
    if (day % 3 === 0) lines.push(`${date},store-1,MUG,${1 + (day % 2)}`);
  }
  const imported = await admin('POST', '/api/v1/imports/sales-history', `${lines.join('\n')}\n`, {
    'content-type': 'text/csv',
  });
  expect(imported.status, JSON.stringify(imported.body)).toBe(200);
}

forEachDatabase((database) => {
  it('lists the latest run by location, SKU and region, and exports the same numbers as CSV', async () => {
    const api = await testApi(database);
    const admin = api.as(api.tokens.admin);
    const viewer = api.as(api.tokens.viewer);
    const planner = api.as(api.tokens.planner);

    // Before any run: a clear not_found, not a file of headers that reads as "no demand"; names first.
    const none = await viewer('GET', '/api/v1/exports/forecasts');
    expect(none.status).toBe(404);
    expect(none.body.code).toBe('not_found');
    expect(none.body.detail).toMatch(/No forecast has been run/);
    expect((await viewer('GET', '/api/v1/forecasts')).status).toBe(404);
    expect((await viewer('GET', '/api/v1/forecasts?sku=NOPE')).body.code).toBe('unknown_sku');

    const until = dayOf(Date.now() - 3 * DAY_MS);
    await importHistory(admin, until);
    const run = await planner('POST', '/api/v1/forecasts/runs', { horizon: 14, until });
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    expect(run.body).toMatchObject({ series: 3, horizon: 14, historyUntil: until });
    const from = dayOf(Date.parse(`${until}T00:00:00Z`) + DAY_MS);

    // The list: SKU then location order, a page at a time.
    const all = await viewer('GET', '/api/v1/forecasts');
    expect(all.status).toBe(200);
    const keys = (items: { sku: string; locationId: string }[]) => items.map((f) => `${f.sku}@${f.locationId}`);
    expect(keys(all.body.items)).toEqual(['MUG@store-1', 'TEA@store-1', 'TEA@store-2']);
    expect(all.body.nextCursor).toBeNull();
    const first = await viewer('GET', '/api/v1/forecasts?limit=2');
    expect(keys(first.body.items)).toEqual(['MUG@store-1', 'TEA@store-1']);
    const rest = await viewer('GET', `/api/v1/forecasts?limit=2&after=${encodeURIComponent(first.body.nextCursor)}`);
    expect(keys(rest.body.items)).toEqual(['TEA@store-2']);
    expect(rest.body.nextCursor).toBeNull();
    expect(all.body.items[1]).toMatchObject({ runId: run.body.id, from });
    expect(all.body.items[1].mean).toHaveLength(14);
    // MUG sells every third day: intermittent, so its quantiles are the stored ones.
    expect(all.body.items[0]).toMatchObject({ intermittent: true, quantiles: expect.any(Array) });
    expect(all.body.items[1].quantiles).toBeNull();

    // Filters, alone and together.
    expect(keys((await viewer('GET', '/api/v1/forecasts?region=north')).body.items)).toEqual([
      'MUG@store-1',
      'TEA@store-1',
    ]);
    expect(keys((await viewer('GET', '/api/v1/forecasts?location=store-2')).body.items)).toEqual(['TEA@store-2']);
    expect(keys((await viewer('GET', '/api/v1/forecasts?sku=TEA&region=south')).body.items)).toEqual(['TEA@store-2']);
    expect(keys((await viewer('GET', '/api/v1/forecasts?sku=TEA&region=north')).body.items)).toEqual(['TEA@store-1']);
    expect((await viewer('GET', '/api/v1/forecasts?sku=RICE')).body).toEqual({ items: [], nextCursor: null });
    // Both sku and location: the one series itself, as before.
    const one = await viewer('GET', '/api/v1/forecasts?sku=TEA&location=store-1');
    expect(one.status).toBe(200);
    expect(one.body).toEqual(all.body.items[1]);
    expect((await viewer('GET', '/api/v1/forecasts?sku=TEA&location=store-1&region=south')).status).toBe(404);
    expect((await viewer('GET', '/api/v1/forecasts?sku=MUG&location=store-2')).body.code).toBe('not_found');

    // Unknown names are 404s, each with its code.
    const unknown = async (query: string) => {
      const answer = await viewer('GET', `/api/v1/forecasts?${query}`);
      expect(answer.status, query).toBe(404);
      return answer.body.code as string;
    };
    expect(await unknown('region=nowhere')).toBe('not_found');
    expect(await unknown('location=nowhere')).toBe('unknown_location');
    expect(await unknown('sku=NOPE&location=store-1')).toBe('unknown_sku');
    expect(await unknown('sku=TEA&location=nowhere')).toBe('unknown_location');
    expect((await viewer('GET', '/api/v1/forecasts?after=no-separator')).status).toBe(400);

    // The export: a row per location, SKU and day, with the API's numbers.
    const csv = await viewer('GET', '/api/v1/exports/forecasts');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const [header, ...rows] = (csv.body as string).trimEnd().split('\n');
    expect(header).toBe(['location', 'sku', 'date', 'mean', ...QUANTILE_COLUMNS].join(','));
    expect(rows).toHaveLength(3 * 14);
    const byKey = new Map<string, number[][]>();
    for (const row of rows) {
      const [location, sku, date, ...numbers] = row.split(',');
      const values = numbers.map(Number);
      const day = (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;
      (byKey.get(`${sku}@${location}`) ?? byKey.set(`${sku}@${location}`, []).get(`${sku}@${location}`)!)[day] = values;
    }
    expect([...byKey.keys()].sort()).toEqual(keys(all.body.items).sort());
    for (const series of all.body.items) {
      const days = byKey.get(`${series.sku}@${series.locationId}`)!;
      expect(days).toHaveLength(14);
      days.forEach(([mean, ...quantiles], day) => {
        expect(mean).toBe(series.mean[day]);
        expect(quantiles).toHaveLength(QUANTILE_LEVELS.length);
        expect(quantiles[0]).toBeGreaterThanOrEqual(0);
        for (let i = 1; i < quantiles.length; i++) expect(quantiles[i]).toBeGreaterThanOrEqual(quantiles[i - 1]!);
        // The same quantiles the API answers for that day, in whole units.
        expect(quantiles).toEqual(QUANTILE_COLUMNS.map((column) => series.intervals[day][column]));
      });
    }
    expect(byKey.get('MUG@store-1')![0]![0]).toBeGreaterThan(0);
    // The CLI writes the same file as the API (both stream the same dataset).
    expect(await exported(api.store, 'forecasts')).toBe(csv.body);
  });

  it('refuses to import forecasts, and a run until a day in the future', async () => {
    const api = await testApi(database);
    const admin = api.as(api.tokens.admin);
    const planner = api.as(api.tokens.planner);

    const refused = await admin(
      'POST',
      '/api/v1/imports/forecasts',
      'location,sku,date,mean\nstore-1,TEA,2026-01-01,3\n',
      {
        'content-type': 'text/csv',
      },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('validation_failed');
    expect(refused.body.detail).toMatch(/forecasts can be exported, not imported/);

    // Today has not ended: its sales are not all in yet.
    for (const day of [dayOf(Date.now() + DAY_MS), dayOf(Date.now())]) {
      const future = await planner('POST', '/api/v1/forecasts/runs', { horizon: 7, until: day });
      expect(future.status).toBe(400);
      expect(future.body.errors).toMatchObject([{ path: 'until', message: expect.stringMatching(/yesterday/) }]);
    }
    expect((await planner('POST', '/api/v1/forecasts/runs', { until: '2026-02-30' })).status).toBe(400);

    const until = dayOf(Date.now() - 10 * DAY_MS);
    await importHistory(admin, until);
    const run = await planner('POST', '/api/v1/forecasts/runs', { horizon: 7, until });
    expect(run.status).toBe(201);
    expect(run.body.historyUntil).toBe(until);
    const latest = await api.as(api.tokens.viewer)('GET', '/api/v1/forecasts?sku=TEA&location=store-2');
    expect(latest.body.from).toBe(dayOf(Date.parse(`${until}T00:00:00Z`) + DAY_MS));
  });
});
