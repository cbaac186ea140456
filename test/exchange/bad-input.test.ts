import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { DATASETS, HEADERS_LISTED, importCsv } from '../../src/exchange/index.js';
import { forEachDatabase } from '../support/databases.js';
import { smallNetwork } from '../support/network.js';
import { testApi } from '../support/api.js';
import { exported, imported } from './support.js';

const csv = (...lines: string[]) => `${lines.join('\n')}\n`;

forEachDatabase((database) => {
  it('refuses control characters, invalid UTF-8 and out-of-range times in a file row by row, importing nothing', async () => {
    const { store } = await smallNetwork(database);
    const before = await exported(store, 'products');
    const report = await imported(
      store,
      'products',
      csv('sku,name,price', 'NEW-1,Kettle\u0000,1', 'NEW-2,"Two\nlines",1', 'NEW-3,Bell\u0007,1', 'NEW-4,Fine,1'),
    );
    // A quoted cell over two lines is reported at the line where its record ends.
    expect(report.errors.map((e) => [e.line, e.column])).toEqual([
      [2, 'name'],
      [4, 'name'],
      [5, 'name'],
    ]);
    expect(report.errors[0]!.reason).toContain('no control characters');
    expect(report.applied).toBe(false);
    expect(await exported(store, 'products')).toBe(before);

    // A file saved as Latin-1 is not UTF-8: its 'é' decodes to U+FFFD, which is refused, not stored.
    const latin1 = Buffer.from('sku,name\nNEW-5,Caf\xe9 cr\xe8me\n', 'latin1');
    const encoded = await importCsv(store, DATASETS.products, Readable.from([latin1]), { actor: 'test' });
    expect(encoded.errors).toEqual([{ line: 2, column: 'name', reason: expect.stringContaining('invalid Unicode') }]);

    const times = await imported(
      store,
      'movements',
      csv(
        'occurred_at,kind,sku,from,to,quantity',
        '0000-01-01T00:00:00Z,receive,TEA,supplier,store-1,1',
        '1969-12-31,receive,TEA,supplier,store-1,1',
      ),
    );
    expect(times.errors).toEqual([
      { line: 2, column: 'occurred_at', reason: "'0000-01-01T00:00:00Z' is outside 1970-01-01 to 9999-12-31" },
      { line: 3, column: 'occurred_at', reason: "'1969-12-31' is outside 1970-01-01 to 9999-12-31" },
    ]);
    const days = await imported(store, 'sales-history', csv('date,location,sku,sold', '0001-01-01,store-1,TEA,3'));
    expect(days.errors).toEqual([
      { line: 2, column: 'date', reason: "'0001-01-01' is outside 1970-01-01 to 9999-12-31" },
    ]);
    const huge = await imported(store, 'stock', csv('location,sku,quantity', `store-1,TEA,${'9'.repeat(16)}`));
    expect(huge.errors).toMatchObject([{ line: 2, column: 'quantity' }]);
  });

  it('echoes cells and headers in its errors cut short, with control characters shown as escapes', async () => {
    const { store } = await smallNetwork(database);
    const report = await imported(
      store,
      'products',
      csv('sku,name,price', `NEW-1,Kettle,${'9'.repeat(100_000)}x`, 'NEW-2,Pot,\u001b[2J'),
    );
    expect(report.errors).toEqual([
      { line: 2, column: 'price', reason: `'${'9'.repeat(60)}… (99,941 more characters)' is not a number` },
      { line: 3, column: 'price', reason: "'\\u{1b}[2J' is not a number" },
    ]);

    // A header line of 50,000 unused headers, one of them 300,000 characters long (the line stays under
    // the 1 MiB a line may have): the report stays small.
    const headers = ['sku', 'name', 'x'.repeat(300_000), ...Array.from({ length: 50_000 }, (_, i) => `extra-${i}`)];
    const row = `NEW-3,Cup${','.repeat(headers.length - 2)}`;
    const wide = await imported(store, 'products', csv(headers.join(','), row), { dryRun: true });
    expect(wide).toMatchObject({ errorCount: 0, unusedHeaderCount: 50_001, created: 1 });
    expect(wide.unusedHeaders).toHaveLength(HEADERS_LISTED);
    expect(wide.unusedHeaders[0]).toBe(`${'x'.repeat(60)}… (299,940 more characters)`);
    expect(wide.unusedHeaders[1]).toBe('extra-0');
    expect(JSON.stringify(wide).length).toBeLessThan(2_000);
  });

  it('answers an upload with a huge header line with a small report, and a bad mapping without echoing it whole', async () => {
    const api = await testApi(database);
    const admin = api.as(api.tokens.admin);
    const upload = { 'content-type': 'text/csv' };
    const header = `sku,name,${'h'.repeat(500_000)}`;
    const answer = await admin('POST', '/api/v1/imports/products?dryRun=true', csv(header, 'NEW-1,Cup'), upload);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ unusedHeaderCount: 1, unusedHeaders: [expect.stringMatching(/^h{60}… /)] });
    expect(JSON.stringify(answer.body).length).toBeLessThan(1_000);

    // A line longer than any row (1 MiB) is refused once, without being held whole in memory.
    const overlong = await admin(
      'POST',
      '/api/v1/imports/products',
      csv(`sku,name,${'h'.repeat(5_000_000)}`, 'NEW-1,Cup'),
      upload,
    );
    expect(overlong.status).toBe(400);
    expect(overlong.body.errors.filter((e: { message: string }) => /Max Record Size/.test(e.message))).toHaveLength(1);
    expect(JSON.stringify(overlong.body).length).toBeLessThan(2_000);

    const mapping = await admin(
      'POST',
      `/api/v1/imports/products?map=${'m'.repeat(300)}`,
      csv('sku,name', 'NEW-2,Pot'),
      upload,
    );
    expect(mapping.status).toBe(400);
    expect(mapping.body.errors).toEqual([
      { path: 'map', message: `use column=Header, not '${'m'.repeat(60)}… (240 more characters)'`, in: 'body' },
    ]);
  });
});
