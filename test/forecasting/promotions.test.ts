import { expect, it } from 'vitest';
import { promotionsOverlapping } from '../../src/forecasting/index.js';
import { testApi } from '../support/api.js';
import { forEachDatabase } from '../support/databases.js';
import { smallNetwork } from '../support/network.js';
import { exported, imported } from '../exchange/support.js';

const csv = (...lines: string[]) => `${lines.join('\n')}\n`;
const HEADER = 'id,name,sku,category,location,region,from,to,planned_lift';

forEachDatabase((database) => {
  it('keeps a calendar of promotions: create, list by what, where and overlap, read, change, remove', async () => {
    const api = await testApi(database);
    const planner = api.as(api.tokens.planner);
    const viewer = api.as(api.tokens.viewer);

    const created = await planner('POST', '/api/v1/promotions', {
      id: 'SPRING-TEA-26',
      name: 'Spring tea week',
      sku: 'TEA',
      region: 'north',
      from: '2026-04-01',
      to: '2026-04-07',
      plannedLift: 1.5,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: 'SPRING-TEA-26',
      name: 'Spring tea week',
      sku: 'TEA',
      category: null,
      locationId: null,
      region: 'north',
      from: '2026-04-01',
      to: '2026-04-07',
      plannedLift: 1.5,
      createdBy: 'planner',
    });
    for (const promotion of [
      { id: 'MUGS-STORE-2', category: 'kitchen', location: 'store-2', from: '2026-04-08', to: '2026-04-08' },
      { id: 'RICE-25', sku: 'RICE', from: '2025-11-20', to: '2025-11-30', plannedLift: 2 },
    ])
      expect((await planner('POST', '/api/v1/promotions', promotion)).status).toBe(201);

    const again = await planner('POST', '/api/v1/promotions', {
      id: 'SPRING-TEA-26',
      sku: 'MUG',
      from: '2026-01-01',
      to: '2026-01-02',
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('already_exists');

    const ids = async (query = '') =>
      ((await viewer('GET', `/api/v1/promotions${query}`)).body.items as { id: string }[]).map((p) => p.id);
    expect(await ids()).toEqual(['MUGS-STORE-2', 'RICE-25', 'SPRING-TEA-26']);
    // Overlap, first and last days included.
    expect(await ids('?from=2026-04-07&to=2026-04-08')).toEqual(['MUGS-STORE-2', 'SPRING-TEA-26']);
    expect(await ids('?to=2026-04-01')).toEqual(['RICE-25', 'SPRING-TEA-26']);
    expect(await ids('?from=2026-04-08')).toEqual(['MUGS-STORE-2']);
    expect(await ids('?from=2025-12-01&to=2026-03-31')).toEqual([]);
    expect(await ids('?sku=TEA')).toEqual(['SPRING-TEA-26']);
    expect(await ids('?category=kitchen')).toEqual(['MUGS-STORE-2']);
    expect(await ids('?location=store-2')).toEqual(['MUGS-STORE-2']);
    expect(await ids('?region=north')).toEqual(['SPRING-TEA-26']);
    const first = await viewer('GET', '/api/v1/promotions?limit=2');
    expect(first.body.nextCursor).toBe('RICE-25');
    expect(await ids(`?after=${first.body.nextCursor}`)).toEqual(['SPRING-TEA-26']);
    const backwards = await viewer('GET', '/api/v1/promotions?from=2026-04-08&to=2026-04-07');
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors).toMatchObject([{ path: 'to', in: 'query' }]);

    expect((await viewer('GET', '/api/v1/promotions/RICE-25')).body).toMatchObject({ sku: 'RICE', plannedLift: 2 });
    expect((await viewer('GET', '/api/v1/promotions/NOPE')).status).toBe(404);

    // A change keeps what it does not send; null clears; moving to a category clears the SKU in the same change.
    const changed = await planner('PATCH', '/api/v1/promotions/SPRING-TEA-26', {
      to: '2026-04-10',
      plannedLift: null,
      category: 'drinks',
      sku: null,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      name: 'Spring tea week',
      sku: null,
      category: 'drinks',
      region: 'north',
      from: '2026-04-01',
      to: '2026-04-10',
      plannedLift: null,
      createdBy: 'planner',
    });
    expect((await planner('PATCH', '/api/v1/promotions/NOPE', { name: 'x' })).status).toBe(404);

    expect((await planner('DELETE', '/api/v1/promotions/MUGS-STORE-2')).status).toBe(204);
    expect((await planner('DELETE', '/api/v1/promotions/MUGS-STORE-2')).status).toBe(404);
    expect(await ids()).toEqual(['RICE-25', 'SPRING-TEA-26']);
  });

  it('refuses a promotion that breaks a rule, naming the field, and writes nothing', async () => {
    const api = await testApi(database);
    const planner = api.as(api.tokens.planner);
    const base = { id: 'P-1', sku: 'TEA', from: '2026-04-01', to: '2026-04-07' };
    const cases: [Record<string, unknown>, string][] = [
      [{ sku: undefined }, 'sku'],
      [{ category: 'drinks' }, 'category'],
      [{ location: 'store-1', region: 'north' }, 'region'],
      [{ to: '2026-03-31' }, 'to'],
      [{ from: '2027-01-01', to: '2028-01-02' }, 'to'], // 367 days, from and to included: one too many
      [{ plannedLift: 0 }, 'plannedLift'],
      [{ plannedLift: -1 }, 'plannedLift'],
      [{ plannedLift: 20.5 }, 'plannedLift'],
      [{ from: '2026-02-30' }, 'from'],
      [{ sku: 'NOPE' }, 'sku'],
      [{ sku: undefined, category: 'toys' }, 'category'],
      [{ location: 'store-9' }, 'location'],
      [{ location: 'customer' }, 'location'],
      [{ region: 'west' }, 'region'],
      [{ id: 'no spaces' }, 'id'],
    ];
    for (const [change, field] of cases) {
      const answer = await planner('POST', '/api/v1/promotions', { ...base, ...change });
      expect(answer.status, JSON.stringify(change)).toBe(400);
      expect(answer.headers['content-type']).toContain('application/problem+json');
      expect(answer.body.code).toBe('validation_failed');
      expect(answer.body.errors, JSON.stringify(change)).toMatchObject([{ path: field, in: 'body' }]);
    }
    expect((await planner('GET', '/api/v1/promotions')).body.items).toEqual([]);

    // At the limits: a leap year's 366 days, a lift of 20, the whole network.
    const longest = await planner('POST', '/api/v1/promotions', {
      ...base,
      from: '2028-01-01',
      to: '2028-12-31',
      plannedLift: 20,
    });
    expect(longest.status).toBe(201);
    expect(longest.body).toMatchObject({ locationId: null, region: null });

    // A change is checked as the promotion it makes, and refused whole.
    const both = await planner('PATCH', '/api/v1/promotions/P-1', { category: 'drinks', name: 'Tea' });
    expect(both.status).toBe(400);
    expect(both.body.errors).toMatchObject([{ path: 'category' }]);
    const region = await planner('PATCH', '/api/v1/promotions/P-1', { region: 'west' });
    expect(region.body.errors).toMatchObject([{ path: 'region', message: "no location is in region 'west'" }]);
    expect((await planner('PATCH', '/api/v1/promotions/P-1', { id: 'P-2' })).status).toBe(400);
    expect((await planner('GET', '/api/v1/promotions/P-1')).body).toMatchObject({
      name: null,
      category: null,
      region: null,
    });
  });

  it('lets planners and admins without location limits change the calendar, and anyone read it', async () => {
    const api = await testApi(database);
    const limited = (
      await api.services.tokens.create({ name: 'store-planner', role: 'planner', locations: ['store-1'] }, 'test')
    ).token;
    const body = { id: 'P-1', sku: 'TEA', location: 'store-1', from: '2026-04-01', to: '2026-04-07' };
    for (const token of [api.tokens.viewer, api.tokens.operator, api.tokens.clerk, limited]) {
      const call = api.as(token);
      const refused = await call('POST', '/api/v1/promotions', body);
      expect(refused.status).toBe(403);
      expect(refused.headers['content-type']).toContain('application/problem+json');
    }
    expect((await api.as(api.tokens.admin)('POST', '/api/v1/promotions', body)).status).toBe(201);
    for (const token of [api.tokens.viewer, api.tokens.clerk, limited]) {
      const call = api.as(token);
      expect((await call('PATCH', '/api/v1/promotions/P-1', { name: 'x' })).status).toBe(403);
      expect((await call('DELETE', '/api/v1/promotions/P-1')).status).toBe(403);
      expect((await call('GET', '/api/v1/promotions/P-1')).status).toBe(200);
    }
    expect((await api.as(undefined)('GET', '/api/v1/promotions')).status).toBe(401);
    expect((await api.as(api.tokens.viewer)('GET', '/api/v1/promotions/P-1')).body).toMatchObject({
      name: null,
      createdBy: 'bootstrap-admin',
    });
  });

  it('imports the calendar from CSV all or nothing, naming line and column, and exports it back', async () => {
    const api = await testApi(database);
    const { store } = api;
    const bad = await imported(
      store,
      'promotions',
      csv(
        HEADER,
        'TEA-WEEK,Tea week,TEA,,,north,2026-04-01,2026-04-07,1.5',
        'MUGS,,,kitchen,store-1,,2026-05-01,2026-04-30,',
        'RICE,,RICE,,,west,2026-05-01,2026-05-02,',
        'TEA-WEEK,,MUG,,,,2026-06-01,2026-06-02,',
        'LIFT,,MUG,,,,2026-06-01,2026-06-02,21',
      ),
    );
    expect(bad).toMatchObject({ applied: false, errorCount: 4 });
    expect(bad.errors).toEqual([
      { line: 3, column: 'to', reason: 'must not be before from' },
      { line: 4, column: 'region', reason: "no location is in region 'west'" },
      { line: 5, column: 'id', reason: "'TEA-WEEK' is already on line 2" },
      { line: 6, column: 'planned_lift', reason: 'must be at most 20' },
    ]);
    expect((await api.services.promotions.list()).items).toEqual([]);

    // The same file through the API: refused whole, each bad row by line and column.
    const admin = api.as(api.tokens.admin);
    const upload = { 'content-type': 'text/csv' };
    const refused = await admin(
      'POST',
      '/api/v1/imports/promotions',
      csv(HEADER, 'X,,NOPE,,,,2026-01-01,2026-01-01,'),
      upload,
    );
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ path: 'line 2.sku', message: "no product has SKU 'NOPE'", in: 'body' }]);

    // In code order, as the export writes it.
    const file = csv(
      HEADER,
      'MUGS,"Mugs, store 1",,kitchen,store-1,,2026-05-01,2026-05-31,',
      'RICE-25,,RICE,,,,2025-11-20,2025-11-30,2',
      'TEA-WEEK,Tea week,TEA,,,north,2026-04-01,2026-04-07,1.5',
    );
    const good = await admin('POST', '/api/v1/imports/promotions', file, upload);
    expect(good.status).toBe(200);
    expect(good.body).toMatchObject({ dataset: 'promotions', created: 3, applied: true });
    expect(await api.services.promotions.get('MUGS')).toMatchObject({
      name: 'Mugs, store 1',
      category: 'kitchen',
      locationId: 'store-1',
      plannedLift: null,
      createdBy: 'bootstrap-admin',
    });
    const download = await api.as(api.tokens.viewer)('GET', '/api/v1/exports/promotions');
    expect(download.status).toBe(200);
    expect(download.body).toBe(file);

    // A row for a stored code replaces it whole; its creator stays.
    const replaced = await imported(
      store,
      'promotions',
      csv(HEADER, 'RICE-25,,RICE,,store-2,,2025-11-20,2025-11-30,2'),
    );
    expect(replaced).toMatchObject({ applied: true, created: 0, updated: 1 });
    expect(await api.services.promotions.get('RICE-25')).toMatchObject({
      locationId: 'store-2',
      createdBy: 'bootstrap-admin',
    });

    // Into another network with the same products and places: the same file out, and again changes nothing.
    const text = await exported(store, 'promotions');
    const { store: target } = await smallNetwork(database);
    expect(await imported(target, 'promotions', text)).toMatchObject({ created: 3, applied: true, errorCount: 0 });
    expect(await exported(target, 'promotions')).toBe(text);
    expect(await imported(target, 'promotions', text)).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect((await api.services.promotions.get('TEA-WEEK')).createdBy).toBe('bootstrap-admin');
  });

  it('tells the forecast which promotions overlap its days, edges included', async () => {
    const api = await testApi(database);
    const { promotions } = api.services;
    for (const [id, from, to] of [
      ['A-BEFORE', '2026-03-01', '2026-03-31'],
      ['B-ENDS-ON-FIRST', '2026-03-15', '2026-04-01'],
      ['C-INSIDE', '2026-04-05', '2026-04-06'],
      ['D-AROUND', '2026-01-01', '2026-12-31'],
      ['E-STARTS-ON-LAST', '2026-04-10', '2026-04-20'],
      ['F-AFTER', '2026-04-11', '2026-04-11'],
    ] as const)
      await promotions.create({ id, category: 'drinks', from, to }, 'test');
    const overlapping = async (from: string, to: string) =>
      (await promotionsOverlapping(api.store, from, to)).map((p) => p.id);
    expect(await overlapping('2026-04-01', '2026-04-10')).toEqual([
      'B-ENDS-ON-FIRST',
      'C-INSIDE',
      'D-AROUND',
      'E-STARTS-ON-LAST',
    ]);
    expect(await overlapping('2026-04-11', '2026-04-11')).toEqual(['D-AROUND', 'E-STARTS-ON-LAST', 'F-AFTER']);
    expect(await overlapping('2027-01-01', '2027-12-31')).toEqual([]);
    expect((await promotionsOverlapping(api.store, '2026-04-05', '2026-04-05'))[0]).toMatchObject({
      id: 'C-INSIDE',
      category: 'drinks',
      from: '2026-04-05',
      to: '2026-04-06',
      plannedLift: null,
    });
  });
});
