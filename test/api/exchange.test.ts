import { expect, it } from 'vitest';
import { forEachDatabase } from '../support/databases.js';
import { testApi } from '../support/api.js';

const csv = (...lines: string[]) => `${lines.join('\n')}\n`;

forEachDatabase((database) => {
  it('imports CSV uploads, refusing a bad file whole with every bad row, and exports CSV', async () => {
    const api = await testApi(database);
    const admin = api.as(api.tokens.admin);
    const upload = { 'content-type': 'text/csv' };

    const good = await admin(
      'POST',
      '/api/v1/imports/suppliers?map=id=Code',
      csv('Code,name,lead_time_days,pack_size', 'acme,Acme,4.5,12', 'nord,Nordkaffee,7,6'),
      upload,
    );
    expect(good.status).toBe(200);
    expect(good.body).toMatchObject({ dataset: 'suppliers', created: 2, applied: true, errors: [] });

    const bad = await admin(
      'POST',
      '/api/v1/imports/supplier-items',
      csv('supplier,sku,unit_cost', 'acme,TEA,1.5', 'ghost,TEA,1', 'acme,NOPE,x'),
      upload,
    );
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.errors).toEqual([
      { path: 'line 3.supplier', message: "supplier 'ghost' does not exist", in: 'body' },
      { path: 'line 4.unit_cost', message: "'x' is not a number", in: 'body' },
    ]);
    expect((await admin('GET', '/api/v1/suppliers/acme/items')).body.items).toEqual([]);

    const dry = await admin(
      'POST',
      '/api/v1/imports/supplier-items?dryRun=true',
      csv('supplier,sku', 'acme,TEA'),
      upload,
    );
    expect(dry.body).toMatchObject({ dryRun: true, applied: false, created: 1 });
    const skipped = await admin(
      'POST',
      '/api/v1/imports/supplier-items?skipErrors=true',
      csv('supplier,sku,unit_cost', 'acme,TEA,1.5', 'ghost,TEA,1'),
      upload,
    );
    expect(skipped.body).toMatchObject({ applied: true, created: 1, errorCount: 1 });

    const exported = await api.as(api.tokens.viewer)('GET', '/api/v1/exports/supplier-items');
    expect(exported.status).toBe(200);
    expect(exported.headers['content-type']).toContain('text/csv');

    // Only admins import; a JSON body or a bad mapping is a clear 400.
    const viewer = await api.as(api.tokens.viewer)('POST', '/api/v1/imports/products', csv('sku,name', 'X,Y'), upload);
    expect(viewer.status).toBe(403);
    expect((await admin('POST', '/api/v1/imports/products', { sku: 'X' })).status).toBe(400);
    expect((await admin('POST', '/api/v1/imports/products?map=sku', csv('sku,name'), upload)).status).toBe(400);
    expect((await admin('GET', '/api/v1/exports/products?asOf=2026-01-01T00:00:00Z')).status).toBe(400);
    expect((await admin('GET', '/api/v1/exports/nothing')).status).toBe(400);
  });

  it('exports stock as of a time and imports it as opening stock elsewhere', async () => {
    const api = await testApi(database);
    const admin = api.as(api.tokens.admin);
    await admin('POST', '/api/v1/movements/receive', {
      location: 'store-1',
      lines: [{ sku: 'TEA', quantity: 9 }],
      occurredAt: '2026-01-01T00:00:00Z',
    });
    const stock = await admin('GET', '/api/v1/exports/stock?asOf=2026-01-02T00:00:00Z');
    expect(stock.body).toBe(csv('location,sku,quantity', 'store-1,TEA,9'));
    const moved = await admin('POST', '/api/v1/imports/stock', (stock.body as string).replace('store-1', 'store-2'), {
      'content-type': 'text/csv',
    });
    expect(moved.body).toMatchObject({ updated: 1 });
    expect((await admin('GET', '/api/v1/stock?sku=TEA&location=store-2')).body).toMatchObject({ onHand: 9 });
  });
});
