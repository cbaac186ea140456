import { expect, it } from 'vitest';
import { day, noisyDemand } from '../support/daily-sales.js';
import { forEachDatabase } from '../support/databases.js';
import { testApi } from '../support/api.js';

/** About 10 a day in a weekly pattern, and noise that no method foresees. */
const demand = (t: number) => noisyDemand(t, 3);
const LEVELS = ['p10', 'p50', 'p80', 'p90', 'p95', 'p99'] as const;

forEachDatabase((database) => {
  it('gives every forecast day quantiles that widen with the horizon, and the demand over a lead time', async () => {
    const api = await testApi(database);
    const admin = api.as(api.tokens.admin);
    const viewer = api.as(api.tokens.viewer);
    const rows = ['date,location,sku,sold'];
    for (let t = -400; t <= -1; t++) rows.push(`${day(t)},store-1,TEA,${demand(t)}`);
    const imported = await admin('POST', '/api/v1/imports/sales-history', `${rows.join('\n')}\n`, {
      'content-type': 'text/csv',
    });
    expect(imported.status).toBe(200);
    expect((await api.as(api.tokens.planner)('POST', '/api/v1/forecasts/runs', { horizon: 28 })).status).toBe(201);

    const tea = (await viewer('GET', '/api/v1/forecasts?sku=TEA&location=store-1')).body;
    expect(tea.sigmas).toHaveLength(28);
    expect(tea.intervals).toHaveLength(28);
    expect(tea.errorCorrelation).toBeGreaterThanOrEqual(0);
    for (let h = 0; h < 28; h++) {
      const q = tea.intervals[h];
      const values = LEVELS.map((level) => q[level] as number);
      expect(values.every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
      for (let i = 1; i < values.length; i++) expect(values[i]!).toBeGreaterThanOrEqual(values[i - 1]!);
      if (h > 0) expect(tea.sigmas[h]).toBeGreaterThanOrEqual(tea.sigmas[h - 1] - 1e-9);
    }
    // The spread at four weeks ahead is at least that of tomorrow, for days of the same weekday.
    const width = (h: number) => tea.intervals[h].p90 - tea.intervals[h].p10;
    expect(width(21)).toBeGreaterThanOrEqual(width(0));

    // One day of lead time is that day; a week is its days' sum, its quantiles above the mean where it counts.
    const oneDay = await viewer('GET', '/api/v1/forecasts/lead-time-demand?sku=TEA&location=store-1&days=1');
    expect(oneDay.status).toBe(200);
    expect(oneDay.body).toMatchObject({ days: 1, from: tea.from, runId: tea.runId, quantiles: tea.intervals[0] });
    expect(oneDay.body.mean).toBeCloseTo(tea.mean[0], 6);
    const week = (await viewer('GET', '/api/v1/forecasts/lead-time-demand?sku=TEA&location=store-1&days=7')).body;
    expect(week.mean).toBeCloseTo(
      tea.mean.slice(0, 7).reduce((a: number, b: number) => a + b, 0),
      6,
    );
    expect(week.quantiles.p95).toBeGreaterThan(week.mean);
    expect(week.sigma).toBeGreaterThanOrEqual(
      Math.sqrt(tea.sigmas.slice(0, 7).reduce((s: number, v: number) => s + v * v, 0)) - 1e-9,
    );

    expect((await viewer('GET', '/api/v1/forecasts/lead-time-demand?sku=NOPE&location=store-1&days=7')).status).toBe(
      404,
    );
    expect((await viewer('GET', '/api/v1/forecasts/lead-time-demand?sku=TEA&location=store-2&days=7')).status).toBe(
      404,
    );
    const zero = await viewer('GET', '/api/v1/forecasts/lead-time-demand?sku=TEA&location=store-1&days=0');
    expect(zero.status).toBe(400);
    expect(zero.body.errors).toMatchObject([{ path: 'days', in: 'query' }]);
  });
});
