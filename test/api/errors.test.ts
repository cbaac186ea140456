import { expect, it } from 'vitest';
import { verifyLedger } from '../../src/ledger/index.js';
import { forEachDatabase } from '../support/databases.js';
import { testApi } from '../support/api.js';
import type { Caller } from '../support/api.js';

forEachDatabase((database) => {
  it('answers every kind of bad request with problem+json that says what and where, and changes nothing', async () => {
    const api = await testApi(database);
    const call = api.as(api.tokens.admin);
    await call('POST', '/api/v1/movements/receive', { location: 'store-1', lines: [{ sku: 'TEA', quantity: 3 }] });
    const before = await verifyLedger(api.store);

    const cases: [string, ReturnType<Caller>, number, string, Record<string, unknown>?][] = [
      ['malformed JSON', call('POST', '/api/v1/movements/sell', '{"location": "store-1",'), 400, 'malformed_json'],
      [
        'wrong type',
        call('POST', '/api/v1/movements/sell', { location: 'store-1', lines: [{ sku: 'TEA', quantity: 'two' }] }),
        400,
        'validation_failed',
        { errors: [{ path: 'lines.0.quantity', in: 'body' }] },
      ],
      [
        'unknown field',
        call('POST', '/api/v1/movements/sell', {
          location: 'store-1',
          lines: [{ sku: 'TEA', quantity: 1 }],
          colour: 'red',
        }),
        400,
        'validation_failed',
      ],
      [
        'fractional quantity',
        call('POST', '/api/v1/movements/sell', { location: 'store-1', lines: [{ sku: 'TEA', quantity: 0.5 }] }),
        400,
        'validation_failed',
      ],
      [
        'actor in the body',
        call('POST', '/api/v1/movements/sell', {
          location: 'store-1',
          lines: [{ sku: 'TEA', quantity: 1 }],
          actor: 'someone-else',
        }),
        400,
        'validation_failed',
      ],
      [
        'unknown SKU',
        call('POST', '/api/v1/movements/sell', { location: 'store-1', lines: [{ sku: 'NOPE', quantity: 1 }] }),
        404,
        'unknown_sku',
      ],
      [
        'unknown location',
        call('POST', '/api/v1/movements/receive', { location: 'store-9', lines: [{ sku: 'TEA', quantity: 1 }] }),
        404,
        'unknown_location',
      ],
      [
        'insufficient stock',
        call('POST', '/api/v1/movements/sell', { location: 'store-1', lines: [{ sku: 'TEA', quantity: 4 }] }),
        409,
        'insufficient_stock',
        { available: 3, requested: 4 },
      ],
      [
        'wrong movement ends',
        call('POST', '/api/v1/movements', {
          movements: [{ sku: 'TEA', from: 'customer', to: 'store-1', quantity: 1, kind: 'receive' }],
        }),
        422,
        'invalid_movement',
      ],
      [
        'duplicate location',
        call('POST', '/api/v1/locations', { id: 'store-1', name: 'Again', kind: 'store' }),
        409,
        'already_exists',
      ],
      [
        'bad query',
        call('GET', '/api/v1/movements?limit=-3'),
        400,
        'validation_failed',
        { errors: [{ path: 'limit', in: 'query' }] },
      ],
      [
        'bad as-of time',
        call('GET', '/api/v1/stock/as-of?sku=TEA&location=store-1&at=yesterday'),
        400,
        'validation_failed',
      ],
      ['unknown route', call('GET', '/api/v1/warehouses'), 404, 'not_found'],
      ['missing reservation', call('POST', '/api/v1/reservations/none/release', {}), 404, 'not_found'],
      [
        'wrong media type',
        call('POST', '/api/v1/movements/sell', 'location=store-1', {
          'content-type': 'application/x-www-form-urlencoded',
        }),
        415,
        'unsupported_media_type',
      ],
      [
        'body too large',
        call('POST', '/api/v1/movements', {
          movements: Array.from({ length: 40_000 }, () => ({
            sku: 'TEA',
            from: 'supplier',
            to: 'store-1',
            quantity: 1,
            kind: 'receive',
            reference: 'x'.repeat(60),
          })),
        }),
        413,
        'request_body_too_large',
      ],
    ];
    for (const [name, pending, status, code, facts] of cases) {
      const response = await pending;
      expect({ name, status: response.status }).toEqual({ name, status });
      expect(response.headers['content-type'], name).toContain('application/problem+json');
      expect(response.body, name).toMatchObject({
        status,
        code,
        type: `urn:omnistock:problem:${code}`,
        title: expect.any(String),
        detail: expect.any(String),
      });
      if (facts) expect(response.body, name).toMatchObject(facts);
    }
    expect(await verifyLedger(api.store)).toEqual(before);
  });

  it('replays a retried posting by Idempotency-Key and refuses the key for another body with 422', async () => {
    const api = await testApi(database);
    const call = api.as(api.tokens.operator);
    const receipt = { location: 'dc-1', lines: [{ sku: 'MUG', quantity: 12 }], reference: 'PO-77' };
    const first = await call('POST', '/api/v1/movements/receive', receipt, { 'idempotency-key': 'po-77-delivery-1' });
    const retry = await call('POST', '/api/v1/movements/receive', receipt, { 'idempotency-key': 'po-77-delivery-1' });
    expect(first.status).toBe(201);
    expect(retry).toMatchObject({ status: 201, body: first.body });
    const other = await call(
      'POST',
      '/api/v1/movements/receive',
      { ...receipt, lines: [{ sku: 'MUG', quantity: 13 }] },
      { 'idempotency-key': 'po-77-delivery-1' },
    );
    expect(other).toMatchObject({ status: 422, body: { code: 'idempotency_conflict' } });
    expect((await call('GET', '/api/v1/stock?sku=MUG&location=dc-1')).body).toMatchObject({ onHand: 12 });

    const take = { sku: 'MUG', location: 'dc-1', quantity: 2, reference: 'order-5' };
    const reserved = await call('POST', '/api/v1/reservations', take, { 'idempotency-key': 'order-5-line-1' });
    expect(await call('POST', '/api/v1/reservations', take, { 'idempotency-key': 'order-5-line-1' })).toMatchObject({
      status: 201,
      body: reserved.body,
    });
    const committed = await call(
      'POST',
      `/api/v1/reservations/${reserved.body.id}/commit`,
      { kind: 'ship' },
      { 'idempotency-key': 'order-5-ship' },
    );
    expect(committed.status).toBe(200);
    expect(
      await call(
        'POST',
        `/api/v1/reservations/${reserved.body.id}/commit`,
        { kind: 'ship' },
        { 'idempotency-key': 'order-5-ship' },
      ),
    ).toMatchObject({
      status: 200,
      body: committed.body,
    });
    expect((await call('GET', '/api/v1/stock?sku=MUG&location=dc-1')).body).toMatchObject({ onHand: 10, reserved: 0 });
  });

  it('shows stock per location, across the network with region totals, in transit, low and negative, and as of a time', async () => {
    const api = await testApi(database);
    const call = api.as(api.tokens.admin);
    await call('POST', '/api/v1/movements/receive', {
      location: 'dc-1',
      lines: [{ sku: 'TEA', quantity: 40 }],
      occurredAt: '2026-01-05T10:00:00Z',
    });
    await call('POST', '/api/v1/transfers/ship', {
      transferId: 'T-1',
      from: 'dc-1',
      to: 'store-2',
      lines: [{ sku: 'TEA', quantity: 15 }],
    });
    await call('POST', '/api/v1/movements/receive', { location: 'store-1', lines: [{ sku: 'TEA', quantity: 2 }] });
    await call('POST', '/api/v1/movements/sell', { location: 'wh-neg', lines: [{ sku: 'TEA', quantity: 1 }] });

    expect((await call('GET', '/api/v1/stock?sku=TEA&location=dc-1')).body).toEqual({
      sku: 'TEA',
      locationId: 'dc-1',
      onHand: 25,
      reserved: 0,
      available: 25,
      quarantined: 0,
      inTransit: 0,
      onOrder: 0,
      inbound: 0,
      outbound: 15,
    });
    expect((await call('GET', '/api/v1/stock?sku=TEA&location=store-2')).body).toMatchObject({
      onHand: 0,
      inbound: 15,
    });
    const network = (await call('GET', '/api/v1/products/TEA/stock')).body;
    const nothing = { reserved: 0, unavailable: 0, quarantined: 0, onOrder: 0 };
    expect(network.network).toEqual({
      ...nothing,
      onHand: 26,
      available: 26,
      inTransit: 15,
      outbound: 15,
      total: 41,
    });
    expect(network.regions).toEqual(
      expect.arrayContaining([
        { ...nothing, region: 'north', onHand: 27, available: 27, inTransit: 0, outbound: 15, total: 27 },
        { ...nothing, region: 'south', onHand: 0, available: 0, inTransit: 15, outbound: 0, total: 15 },
      ]),
    );
    expect((await call('GET', '/api/v1/locations/store-2/stock')).body.items).toEqual([
      expect.objectContaining({ sku: 'TEA', inbound: 15 }),
    ]);
    expect(
      (await call('GET', '/api/v1/stock/low?threshold=2')).body.items.map((r: { locationId: string }) => r.locationId),
    ).toEqual(['store-1', 'wh-neg']);
    expect((await call('GET', '/api/v1/stock/negative')).body.items).toEqual([
      expect.objectContaining({ locationId: 'wh-neg', onHand: -1 }),
    ]);
    expect((await call('GET', '/api/v1/stock/as-of?sku=TEA&location=dc-1&at=2026-01-05T10:00:00Z')).body).toMatchObject(
      { onHand: 40 },
    );
    expect((await call('GET', '/api/v1/stock/as-of?sku=TEA&location=dc-1&at=2026-01-05T09:59:59Z')).body).toMatchObject(
      { onHand: 0 },
    );
    expect((await call('GET', '/api/v1/ready')).body).toMatchObject({ status: 'ready' });
  });
});

forEachDatabase((database) => {
  it('takes an action with no body, an empty body or {} alike: the route says what, if anything, it needs', async () => {
    const api = await testApi(database);
    const admin = api.as(api.tokens.admin);
    type Operation = { requestBody?: { content?: Record<string, { schema?: { required?: string[] } }> } };
    const document = (await api.as(undefined)('GET', '/api/v1/openapi.json')).body;
    const actions = Object.entries(document.paths as Record<string, { post?: Operation }>).flatMap(([path, item]) => {
      const content = item.post?.requestBody?.content;
      const schema = content?.['application/json']?.schema;
      const readsJson = !content || schema !== undefined;
      return item.post && readsJson && !(schema?.required ?? []).length ? [path] : [];
    });
    // Ship, cancel, submit, reroute, a forecast run …: at least these take no body.
    expect(actions).toEqual(
      expect.arrayContaining([
        '/api/v1/transfer-orders/{id}/ship',
        '/api/v1/transfer-orders/{id}/cancel',
        '/api/v1/purchase-orders/{id}/submit',
        '/api/v1/orders/{id}/cancel',
        '/api/v1/forecasts/runs',
      ]),
    );
    // A forecast run runs (below); an import reads a CSV file, not JSON.
    for (const path of actions.filter((p) => p !== '/api/v1/forecasts/runs' && !p.startsWith('/api/v1/imports/'))) {
      const url = path.replace(/\{[^}]+\}/g, 'nope');
      const none = await api.app.inject({
        method: 'POST',
        url,
        headers: { authorization: `Bearer ${api.tokens.admin}` },
      });
      const empty = await api.app.inject({
        method: 'POST',
        url,
        headers: { authorization: `Bearer ${api.tokens.admin}`, 'content-type': 'application/json' },
        payload: '',
      });
      const object = await admin('POST', url, {});
      // Whatever a missing document answers, the three bodies get the same answer, and never a 400.
      expect([none.statusCode, empty.statusCode], url).toEqual([object.status, object.status]);
      expect(object.status, `${url}: ${JSON.stringify(object.body)}`).not.toBe(400);
    }

    await admin('POST', '/api/v1/movements/receive', { location: 'dc-1', lines: [{ sku: 'TEA', quantity: 5 }] });
    await admin('POST', '/api/v1/transfer-orders', {
      id: 'T-1',
      from: 'dc-1',
      to: 'store-1',
      lines: [{ sku: 'TEA', quantity: 2 }],
    });
    const shipped = await api.app.inject({
      method: 'POST',
      url: '/api/v1/transfer-orders/T-1/ship',
      headers: { authorization: `Bearer ${api.tokens.admin}` },
    });
    expect(shipped.statusCode).toBe(200);
    expect(shipped.json().transfer.status).toBe('shipped');
  });

  it('says which content type to send, and which token a refused action needs', async () => {
    const api = await testApi(database);
    const upload = await api.app.inject({
      method: 'POST',
      url: '/api/v1/imports/products',
      headers: { authorization: `Bearer ${api.tokens.admin}`, 'content-type': 'multipart/form-data; boundary=x' },
      payload: '--x--',
    });
    expect(upload.statusCode).toBe(415);
    expect(upload.json()).toMatchObject({ code: 'unsupported_media_type', accepts: ['text/csv'] });
    expect(upload.json().detail).toContain('Content-Type: text/csv');
    const json = await api.app.inject({
      method: 'POST',
      url: '/api/v1/movements/receive',
      headers: { authorization: `Bearer ${api.tokens.admin}`, 'content-type': 'text/xml' },
      payload: '<receive/>',
    });
    expect(json.statusCode).toBe(415);
    expect(json.json().detail).toContain('Content-Type: application/json');

    const run = await api.as(api.tokens.operator)('POST', '/api/v1/forecasts/runs');
    expect(run.status).toBe(403);
    expect(run.body.detail).toBe(
      `Token 'operator' (operator) may not POST /api/v1/forecasts/runs: that needs a planner or admin token`,
    );
    expect(run.body.roles).toEqual(['planner', 'admin']);
  });
});

forEachDatabase((database) => {
  it('says a malformed name in the path is in the path', async () => {
    const api = await testApi(database);
    const admin = api.as(api.tokens.admin);
    for (const [method, url, name] of [
      ['PUT', '/api/v1/suppliers/x%20y/items/TEA', 'id'],
      ['GET', '/api/v1/suppliers/x%20y', 'id'],
      ['PATCH', '/api/v1/products/tea%20bag', 'sku'],
      ['GET', '/api/v1/transfer-orders/%20x', 'id'],
    ] as const) {
      const answer = await admin(method, url, method === 'GET' ? undefined : {});
      expect({ url, status: answer.status, errors: answer.body.errors }).toEqual({
        url,
        status: 400,
        errors: [expect.objectContaining({ path: name, in: 'path' })],
      });
    }
  });
});
