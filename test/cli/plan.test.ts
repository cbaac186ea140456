import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { withDataDir } from '../support/cli.js';

it('omnistock plan: refuses before a forecast, then plans the small demo, summarises it, and exports its policies', async () => {
  await withDataDir(async (dir) => {
    expect((await dir.omnistock('demo', '--small')).code).toBe(0);
    const early = await dir.omnistock('plan');
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/no forecast to plan on/);
    expect((await dir.omnistock('export', 'policies', dir.file('early.csv', ''))).stderr).toMatch(
      /No plan has been run yet/,
    );

    expect((await dir.omnistock('forecast', '--workers', '1')).code).toBe(0);
    const planned = await dir.omnistock('plan');
    expect(planned.code, planned.stderr).toBe(0);
    expect(planned.stdout).toMatch(/Planned [\d,]+ SKU × location pairs from \d{4}-\d{2}-\d{2}/);
    expect(planned.stdout).toMatch(/Suggestions: [\d,]+ purchase orders worth [\d,.]+/);
    expect(planned.stdout).toMatch(/Safety stock: [\d,]+ units worth [\d,.]+ — .*store \d+ %/);

    const json = await dir.omnistock('plan', '--placement', 'per_location', '--no-range', '--json');
    expect(json.code, json.stderr).toBe(0);
    const run = JSON.parse(json.stdout);
    expect(run.settings).toMatchObject({ placement: 'per_location', range: false });
    expect(run.summary.suggestions.rangeAdd + run.summary.suggestions.rangeDelist).toBe(0);
    expect(run.summary.expired).toBeGreaterThan(0);

    const out = dir.file('policies.csv', '');
    expect((await dir.omnistock('export', 'policies', out)).code).toBe(0);
    const [header, ...rows] = readFileSync(out, 'utf8').trim().split('\n');
    expect(header).toBe('location,sku,valid_from,valid_until,reorder_point,order_up_to,safety_stock');
    expect(rows.length).toBe(run.summary.policies);
    for (const row of rows.slice(0, 50)) {
      const [, , from, until, s, S] = row.split(',');
      expect(from! <= until!).toBe(true);
      expect(Number(S)).toBeGreaterThanOrEqual(Number(s));
    }

    const refused = await dir.omnistock('import', 'policies', out);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/policies can be exported, not imported/);

    const bad = await dir.omnistock('plan', '--placement', 'everywhere');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Allowed choices are multi_echelon, per_location/);
  });
}, 240_000);
