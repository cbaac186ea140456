import { expect, it } from 'vitest';
import { verifyLedger } from '../../src/ledger/index.js';
import { MAX_MONEY, MAX_UNITS } from '../../src/input/index.js';
import { forEachDatabase } from '../support/databases.js';
import { testApi } from '../support/api.js';
import type { Caller } from '../support/api.js';

/*
 * Input that PostgreSQL and SQLite would answer differently (a NUL is a 500 on one and stored by the
 * other) is refused at the schema: 400 validation_failed naming the field, on both, changing nothing.
 */

const NUL = '\u0000';
const receipt = (fields: Record<string, unknown>) => ({
  location: 'store-1',
  lines: [{ sku: 'TEA', quantity: 1 }],
  ...fields,
});
const aReturn = (fields: Record<string, unknown>) => ({
  location: 'store-1',
  reason: 'unwanted',
  lines: [{ sku: 'TEA', quantity: 1, disposition: 'restock' }],
  ...fields,
});

/** Expects 400 validation_failed for one field only (one or more issues with it), at `path` in `where`. */
async function refused(pending: ReturnType<Caller>, path: string, where: 'body' | 'query' | 'path') {
  const response = await pending;
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect({ status: response.status, code: response.body.code }).toEqual({ status: 400, code: 'validation_failed' });
  const fields = new Set(response.body.errors.map((e: { path: string; in: string }) => `${e.in} ${e.path}`));
  expect([...fields]).toEqual([`${where} ${path}`]);
  return response.body;
}

forEachDatabase((database) => {
  it('refuses a NUL in a reference, a reason, a name, a note and the ?location query with 400 and the field', async () => {
    const api = await testApi(database);
    const call = api.as(api.tokens.admin);
    await call('POST', '/api/v1/movements/receive', receipt({ lines: [{ sku: 'TEA', quantity: 10 }] }));
    const before = await verifyLedger(api.store);

    const reference = await refused(
      call('POST', '/api/v1/movements/receive', receipt({ reference: `PO-1${NUL}` })),
      'reference',
      'body',
    );
    expect(reference).toMatchObject({
      status: 400,
      code: 'validation_failed',
      type: 'urn:omnistock:problem:validation_failed',
      errors: [
        {
          path: 'reference',
          in: 'body',
          message:
            'must be one line of text: no control characters (tab, line break, NUL …), line separators or invalid Unicode',
        },
      ],
    });
    const query = await refused(call('GET', '/api/v1/movements?location=store-1%00'), 'location', 'query');
    expect(query.errors).toEqual([
      {
        path: 'location',
        in: 'query',
        message:
          'must be visible characters only: no control or invisible characters, no invalid Unicode, no space at either end',
      },
    ]);
    await refused(
      call('POST', '/api/v1/movements', {
        movements: [{ sku: 'TEA', from: 'supplier', to: 'store-1', quantity: 1, kind: 'receive', reference: NUL }],
      }),
      'movements.0.reference',
      'body',
    );
    await refused(call('POST', '/api/v1/movements/scrap', receipt({ reason: `broken${NUL}` })), 'reason', 'body');
    await refused(
      call('POST', '/api/v1/locations', { id: 'store-9', name: `New${NUL}`, kind: 'store' }),
      'name',
      'body',
    );
    await refused(call('POST', '/api/v1/products', { sku: 'NEW', name: `Tea${NUL}` }), 'name', 'body');
    await refused(call('POST', '/api/v1/suppliers', { id: 'acme', name: NUL, leadTimeDays: 3 }), 'name', 'body');
    await refused(call('POST', '/api/v1/returns', aReturn({ note: `torn${NUL}box` })), 'note', 'body');
    for (const url of [
      '/api/v1/movements?location=%00',
      '/api/v1/stock?sku=TEA&location=store-1%00',
      '/api/v1/stock/as-of?sku=TEA&location=%00&at=2026-01-01T00:00:00Z',
      '/api/v1/purchase-orders?location=%00',
      '/api/v1/transfer-orders?location=%00',
      '/api/v1/returns?location=%00',
      '/api/v1/locations?region=%00',
      '/api/v1/products?category=north%00',
    ]) {
      const body = await refused(
        call('GET', url),
        url.includes('region') ? 'region' : url.includes('category') ? 'category' : 'location',
        'query',
      );
      expect(body.detail).toContain('no control');
    }
    await refused(call('GET', '/api/v1/locations/store-1%00'), 'id', 'path');
    await refused(call('GET', '/api/v1/products/%00/stock'), 'sku', 'path');
    await refused(call('PATCH', '/api/v1/products/TEA', { name: `Green${NUL}tea` }), 'name', 'body');

    expect(await verifyLedger(api.store)).toEqual(before);
    expect((await call('GET', '/api/v1/products/TEA')).body.name).toBe('Green tea');
    expect((await call('GET', '/api/v1/locations?limit=1000')).body.items).toHaveLength(4);
  });

  it('keeps tabs and line breaks in a note, and refuses them, other controls and invalid Unicode everywhere else', async () => {
    const api = await testApi(database);
    const call = api.as(api.tokens.admin);
    await call('POST', '/api/v1/movements/receive', receipt({ lines: [{ sku: 'TEA', quantity: 10 }] }));

    const note = 'Box torn.\n\tCustomer kept the receipt. Café ☕ 😀';
    const taken = await call('POST', '/api/v1/returns', aReturn({ note }));
    expect(taken.status).toBe(201);
    expect((await call('GET', `/api/v1/returns/${taken.body.return.id}`)).body.note).toBe(note);

    // A note keeps \n and \t only: not \r, not the Unicode line separators, not other controls.
    for (const bad of ['a\r\nb', 'a\u2028b', 'a\u2029b', 'a\u0007b', 'a\u007fb', 'a\u0085b', 'a\ud800b', 'a\ufffdb'])
      await refused(call('POST', '/api/v1/returns', aReturn({ note: bad })), 'note', 'body');

    // One line of text: no tab, no line break, even at the end (refused, not trimmed away); spaces are trimmed.
    for (const bad of ['Tea\tbag', 'Tea\n', '\nTea', 'Tea\u2028', 'Tea\u009b', 'Tea\udc00', 'Tea\ufffd'])
      await refused(call('PATCH', '/api/v1/products/TEA', { name: bad }), 'name', 'body');
    const renamed = await call('PATCH', '/api/v1/products/TEA', { name: '  Grüner Tee 🍵  ' });
    expect(renamed).toMatchObject({ status: 200, body: { name: 'Grüner Tee 🍵' } });

    // Identifiers: no space at either end, no invisible characters; an unknown but well-formed one is a 404.
    for (const bad of ['store-1 ', ' store-1', 'store\t1', 'store\u200b1', 'store\u202e1', 'store\u00851'])
      await refused(call('GET', `/api/v1/movements?location=${encodeURIComponent(bad)}`), 'location', 'query');
    await refused(
      call('POST', '/api/v1/movements', {
        movements: [{ sku: 'TEA', from: 'supplier', to: 'store-1\ud800', quantity: 1, kind: 'receive' }],
      }),
      'movements.0.to',
      'body',
    );
    await refused(call('GET', `/api/v1/reservations/${encodeURIComponent('r-1 ')}`), 'id', 'path');
    expect((await call('GET', '/api/v1/reservations/no-such-reservation')).status).toBe(404);
  });

  it('refuses invalid UTF-8 in a body with the field, the same on both databases', async () => {
    const api = await testApi(database);
    const before = await verifyLedger(api.store);
    // Bytes ED A0 80 are a surrogate encoded as UTF-8, which UTF-8 forbids; FF is never valid.
    for (const bytes of [[0xed, 0xa0, 0x80], [0xff]]) {
      const payload = Buffer.concat([
        Buffer.from('{"location":"store-1","lines":[{"sku":"TEA","quantity":1}],"reference":"PO-'),
        Buffer.from(bytes),
        Buffer.from('"}'),
      ]);
      const response = await api.app.inject({
        method: 'POST',
        url: '/api/v1/movements/receive',
        headers: { authorization: `Bearer ${api.tokens.admin}`, 'content-type': 'application/json' },
        payload,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'validation_failed', errors: [{ path: 'reference', in: 'body' }] });
    }
    // A lone surrogate written as a JSON escape is refused too.
    await refused(
      api.as(api.tokens.admin)(
        'POST',
        '/api/v1/movements/receive',
        '{"location":"store-1","lines":[{"sku":"TEA","quantity":1}],"reference":"\\ud800"}',
      ),
      'reference',
      'body',
    );
    expect(await verifyLedger(api.store)).toEqual(before);
  });

  it('bounds the length of every text and the size of every number', async () => {
    const api = await testApi(database);
    const call = api.as(api.tokens.admin);

    await refused(
      call('POST', '/api/v1/movements/receive', receipt({ reference: 'x'.repeat(201) })),
      'reference',
      'body',
    );
    await refused(call('POST', '/api/v1/movements/scrap', receipt({ reason: 'x'.repeat(501) })), 'reason', 'body');
    await refused(call('POST', '/api/v1/returns', aReturn({ note: 'x'.repeat(501) })), 'note', 'body');
    await refused(call('GET', `/api/v1/movements?location=${'x'.repeat(81)}`), 'location', 'query');
    await refused(call('GET', `/api/v1/movements?after=${'x'.repeat(201)}`), 'after', 'query');

    // Money, weights and units have ceilings no retailer reaches; NaN and Infinity cannot even be sent as JSON.
    for (const [field, value] of [
      ['price', 1e308],
      ['price', MAX_MONEY + 1],
      ['unitCost', -1e308],
      ['weightKg', 1e308],
      ['weightKg', 100_001],
    ] as const)
      await refused(call('PATCH', '/api/v1/products/TEA', { [field]: value }), field, 'body');
    expect(await call('PATCH', '/api/v1/products/TEA', { price: MAX_MONEY, weightKg: -0 })).toMatchObject({
      status: 200,
      body: { price: MAX_MONEY, weightKg: 0 },
    });
    for (const quantity of [2 ** 53 + 1, MAX_UNITS + 1, 1e308, -0])
      await refused(
        call('POST', '/api/v1/movements/receive', receipt({ lines: [{ sku: 'TEA', quantity }] })),
        'lines.0.quantity',
        'body',
      );
    await refused(
      call('POST', '/api/v1/suppliers', { id: 'acme', name: 'Acme', leadTimeDays: 1e308 }),
      'leadTimeDays',
      'body',
    );
    await refused(
      call('POST', '/api/v1/suppliers', { id: 'acme', name: 'Acme', leadTimeDays: 3, packSize: 2 ** 53 }),
      'packSize',
      'body',
    );
    await refused(
      call('POST', '/api/v1/cycle-counts', { location: 'store-1', thresholdValue: 1e308 }),
      'thresholdValue',
      'body',
    );
    await refused(
      call('POST', '/api/v1/cycle-counts', { location: 'store-1', thresholdUnits: 1e15 }),
      'thresholdUnits',
      'body',
    );
    await refused(
      call('POST', '/api/v1/orders/preview', {
        lines: [{ sku: 'TEA', quantity: 1 }],
        destination: { latitude: 52.5, longitude: 13.4 },
        costs: { perKgKm: 1e308 },
      }),
      'costs.perKgKm',
      'body',
    );
    await refused(call('GET', '/api/v1/movements?limit=1e308'), 'limit', 'query');
  });

  it('refuses times outside 1970–9999, which PostgreSQL and SQLite would store differently', async () => {
    const api = await testApi(database);
    const call = api.as(api.tokens.admin);
    await refused(
      call('POST', '/api/v1/movements/receive', receipt({ occurredAt: '0000-01-01T00:00:00Z' })),
      'occurredAt',
      'body',
    );
    await refused(
      call('POST', '/api/v1/reservations', {
        sku: 'TEA',
        location: 'store-1',
        quantity: 1,
        expiresAt: '9999-12-31T23:59:59-23:59',
      }),
      'expiresAt',
      'body',
    );
    await refused(call('GET', '/api/v1/stock/as-of?sku=TEA&location=store-1&at=1969-12-31T23:59:59Z'), 'at', 'query');
    await refused(call('GET', '/api/v1/returns?from=0001-01-01T00:00:00Z'), 'from', 'query');
    await refused(call('GET', '/api/v1/exports/stock?asOf=0000-01-01T00:00:00Z'), 'asOf', 'query');
    const latest = await call('GET', '/api/v1/stock/as-of?sku=TEA&location=store-1&at=9999-12-31T23:59:59.999Z');
    expect(latest).toMatchObject({ status: 200, body: { onHand: 0 } });
  });

  it('quotes what a refused body sent cut short: a huge unknown key, and at most 100 of many failing fields', async () => {
    const api = await testApi(database);
    const admin = api.as(api.tokens.admin);
    const huge = await admin('POST', '/api/v1/locations', {
      id: 'dc-9',
      name: 'North',
      kind: 'distribution_centre',
      ['k'.repeat(100_000)]: 1,
    });
    expect(huge).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    expect(JSON.stringify(huge.body).length).toBeLessThan(2_000);
    expect(huge.body.detail).toMatch(/more characters/);

    const many = await admin('POST', '/api/v1/movements', {
      movements: Array.from({ length: 300 }, () => ({ sku: '', from: '', to: '', quantity: -1, kind: 'nope' })),
    });
    expect(many.status).toBe(400);
    expect(many.body.errors).toHaveLength(100);
    expect(many.body.detail).toMatch(/and \d+ more$/);
  });

  it('refuses a posting whose lines together move more of a SKU at a location than a number holds exactly', async () => {
    const api = await testApi(database);
    const admin = api.as(api.tokens.admin);
    const lines = [
      ...Array.from({ length: 9_008 }, () => ({ sku: 'TEA', quantity: MAX_UNITS })),
      { sku: 'TEA', quantity: 1 },
    ];
    const refused = await admin('POST', '/api/v1/movements/receive', { location: 'dc-1', lines });
    expect(refused).toMatchObject({ status: 400, body: { code: 'validation_failed', errors: [{ path: 'lines' }] } });
    expect((await admin('GET', '/api/v1/stock?sku=TEA&location=dc-1')).body.onHand).toBe(0);
    const most = await admin('POST', '/api/v1/movements/receive', {
      location: 'dc-1',
      lines: [
        { sku: 'TEA', quantity: MAX_UNITS / 2 },
        { sku: 'TEA', quantity: MAX_UNITS / 2 },
      ],
    });
    expect(most.status).toBe(201);
    expect(await verifyLedger(api.store)).toMatchObject({ ok: true });
  });
});
