import fc from 'fast-check';
import { expect, it } from 'vitest';
import { verifyLedger } from '../../src/ledger/index.js';
import { forEachDatabase } from '../support/databases.js';
import { testApi } from '../support/api.js';

/** Requests per database; raise for a deeper search: OMNISTOCK_FUZZ_RUNS=2000 npm test. */
const runs = Number(process.env.OMNISTOCK_FUZZ_RUNS ?? 150);

/** A valid body per write route, for the fuzzer to bend: most bugs hide one field away from valid. */
const SAMPLES: Record<string, unknown> = {
  'POST /api/v1/locations': { id: 'store-9', name: 'New', kind: 'store', region: 'west', latitude: 1, longitude: 2 },
  'PATCH /api/v1/locations/{id}': { status: 'disrupted', name: 'Renamed' },
  'POST /api/v1/products': { sku: 'NEW', name: 'New', unitCost: 1, price: 2, gtin: '4006381333931' },
  'PATCH /api/v1/products/{sku}': { price: 3, category: 'misc' },
  'POST /api/v1/movements': {
    movements: [{ sku: 'TEA', from: 'supplier', to: 'store-1', quantity: 2, kind: 'receive' }],
  },
  'POST /api/v1/movements/receive': { location: 'store-1', lines: [{ sku: 'TEA', quantity: 3 }] },
  'POST /api/v1/movements/sell': { location: 'store-1', lines: [{ sku: 'TEA', quantity: 1 }] },
  'POST /api/v1/movements/ship': { location: 'store-1', lines: [{ sku: 'TEA', quantity: 1 }] },
  'POST /api/v1/movements/return': { location: 'store-1', lines: [{ sku: 'TEA', quantity: 1 }], reason: 'unwanted' },
  'POST /api/v1/movements/adjust': {
    location: 'store-1',
    reason: 'count',
    lines: [{ sku: 'TEA', quantity: 1, direction: 'decrease' }],
  },
  'POST /api/v1/movements/scrap': { location: 'store-1', reason: 'broken', lines: [{ sku: 'TEA', quantity: 1 }] },
  'POST /api/v1/transfers/ship': {
    transferId: 'T-1',
    from: 'store-1',
    to: 'store-2',
    lines: [{ sku: 'TEA', quantity: 1 }],
  },
  'POST /api/v1/transfers/receive': {
    transferId: 'T-1',
    to: 'store-2',
    lines: [{ sku: 'TEA', quantity: 1, shortfall: 0 }],
  },
  'POST /api/v1/reservations': { sku: 'TEA', location: 'store-1', quantity: 1, ttlSeconds: 60 },
  'POST /api/v1/reservations/{id}/release': {},
  'POST /api/v1/reservations/{id}/commit': { quantity: 1, kind: 'sell' },
  'POST /api/v1/suppliers': { id: 'sup-1', name: 'Nordkaffee', leadTimeDays: 5, leadTimeSdDays: 1, packSize: 6 },
  'PATCH /api/v1/suppliers/{id}': { minOrderQuantity: 12 },
  'PUT /api/v1/suppliers/{id}/items/{sku}': { supplierSku: 'NK-1', unitCost: 2.5, leadTimeDays: 4 },
  'POST /api/v1/purchase-orders': {
    supplier: 'acme',
    location: 'store-1',
    lines: [{ sku: 'TEA', quantity: 5, unitCost: 1 }],
    submit: true,
  },
  'POST /api/v1/purchase-orders/{id}/receive': { lines: [{ sku: 'TEA', quantity: 2, damaged: 1 }], reason: 'wet' },
  'POST /api/v1/purchase-orders/{id}/close': { reason: 'late' },
  'POST /api/v1/purchase-orders/{id}/cancel': {},
  'POST /api/v1/transfer-orders': { from: 'store-1', to: 'store-2', lines: [{ sku: 'TEA', quantity: 1 }], ship: true },
  'POST /api/v1/transfer-orders/{id}/ship': { occurredAt: '2026-01-01T00:00:00Z' },
  'POST /api/v1/transfer-orders/{id}/receive': { lines: [{ sku: 'TEA', quantity: 1, shortfall: 1 }], reason: 'lost' },
  'POST /api/v1/counts': { location: 'store-1', scope: { by: 'list', skus: ['TEA'] }, thresholdUnits: 2 },
  'PUT /api/v1/counts/{id}/lines/{sku}': { quantity: 3 },
  'POST /api/v1/returns': {
    location: 'store-1',
    reason: 'defective',
    lines: [{ sku: 'TEA', quantity: 1, disposition: 'quarantine' }],
  },
  'POST /api/v1/returns/{id}/lines/{sku}/inspect': { outcome: 'restock' },
  'POST /api/v1/forecasts/runs': { horizon: 7 },
  'POST /api/v1/orders': { lines: [{ sku: 'TEA', quantity: 1 }], destination: { latitude: 52.5, longitude: 13.4 } },
  'POST /api/v1/orders/preview': { lines: [{ sku: 'TEA', quantity: 2 }], channel: 'pickup', pickupLocation: 'store-1' },
  'POST /api/v1/orders/{id}/ship': { skus: ['TEA'] },
  'POST /api/v1/tokens': { name: 'fuzzy', role: 'viewer', locations: ['store-1'] },
  'POST /api/v1/webhooks': { url: 'http://127.0.0.1:9/hook', eventTypes: ['movements.posted'] },
};

const QUERIES: Record<string, Record<string, string>> = {
  '/api/v1/stock': { sku: 'TEA', location: 'store-1' },
  '/api/v1/stock/as-of': { sku: 'TEA', location: 'store-1', at: '2026-01-01T00:00:00Z' },
  '/api/v1/movements': { sku: 'TEA', location: 'store-1', limit: '5' },
  '/api/v1/stock/low': { threshold: '3' },
};

/** Bends a valid value: replaces, drops or adds a field somewhere inside, or swaps the whole thing. */
function bent(value: unknown): fc.Arbitrary<unknown> {
  const anything = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom(
      0,
      -1,
      1.5,
      1e308,
      -0,
      '',
      ' ',
      'TEA',
      'store-1',
      'supplier',
      'transit:T-1',
      null,
      [],
      {},
      '2026-13-45',
      'x'.repeat(300),
    ),
  );
  if (Array.isArray(value)) {
    return fc.oneof(
      {
        weight: 3,
        arbitrary:
          value.length > 0
            ? fc.tuple(bent(value[0]), fc.nat(3)).map(([v, n]) => Array.from({ length: n + 1 }, () => v))
            : anything,
      },
      { weight: 1, arbitrary: anything },
    );
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0)
      return fc.oneof(fc.constant({}), fc.dictionary(fc.string({ maxLength: 8 }), anything, { maxKeys: 2 }));
    return fc.oneof(
      {
        weight: 4,
        arbitrary: fc
          .nat(entries.length - 1)
          .chain((i) => bent(entries[i]![1]).map((v) => ({ ...value, [entries[i]![0]]: v }))),
      },
      {
        weight: 1,
        arbitrary: fc.nat(entries.length - 1).map((i) => Object.fromEntries(entries.filter((_, j) => j !== i))),
      },
      { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 8 }), anything).map(([k, v]) => ({ ...value, [k]: v })) },
      { weight: 1, arbitrary: fc.constant(value) },
      { weight: 1, arbitrary: anything },
    );
  }
  return fc.oneof(fc.constant(value), anything);
}

forEachDatabase((database) => {
  it('never answers a generated request with a 5xx, and leaves the ledger verifiable', async () => {
    const api = await testApi(database);
    const admin = api.as(api.tokens.admin);
    await admin('POST', '/api/v1/movements/receive', { location: 'store-1', lines: [{ sku: 'TEA', quantity: 100 }] });
    const held = await admin('POST', '/api/v1/reservations', { sku: 'TEA', location: 'store-1', quantity: 5 });
    await admin('POST', '/api/v1/suppliers', { id: 'acme', name: 'Acme', leadTimeDays: 4 });
    const po = await admin('POST', '/api/v1/purchase-orders', {
      supplier: 'acme',
      location: 'store-1',
      lines: [{ sku: 'TEA', quantity: 50 }],
      submit: true,
    });

    const document = (await admin('GET', '/api/v1/openapi.json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = Object.entries(document.paths)
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })))
      .filter((r) => r.path !== '/api/v1/events');
    expect(routes.length).toBeGreaterThan(25);

    const pathValue = fc.oneof(
      fc.constantFrom(
        'store-1',
        'TEA',
        'acme',
        po.body.id as string,
        held.body.id as string,
        'nope',
        '%2F',
        '..',
        'a'.repeat(200),
      ),
      fc.string({ maxLength: 12 }),
    );
    const request = fc.constantFrom(...routes).chain((route) =>
      fc.record({
        route: fc.constant(route),
        params: fc.array(pathValue, { minLength: 3, maxLength: 3 }),
        body: bent(SAMPLES[`${route.method} ${route.path}`] ?? {}),
        query: bent(QUERIES[route.path] ?? {}),
        token: fc.constantFrom('admin', 'clerk', 'viewer', 'operator') as fc.Arbitrary<keyof typeof api.tokens>,
        key: fc.option(fc.constantFrom('k1', 'k2', 'k3'), { nil: undefined }),
      }),
    );

    await fc.assert(
      fc.asyncProperty(request, async ({ route, params, body, query, token, key }) => {
        let i = 0;
        const path = route.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(params[i++] ?? 'x'));
        const search =
          query && typeof query === 'object' && !Array.isArray(query)
            ? new URLSearchParams(
                Object.entries(query as Record<string, unknown>).map(([k, v]): [string, string] => [
                  k,
                  typeof v === 'string' ? v : JSON.stringify(v),
                ]),
              ).toString()
            : '';
        const response = await api.as(api.tokens[token])(
          route.method as 'GET',
          search ? `${path}?${search}` : path,
          route.method === 'GET' || route.method === 'DELETE' ? undefined : body,
          key ? { 'idempotency-key': key } : {},
        );
        expect(
          response.status,
          `${route.method} ${path}?${search} ${JSON.stringify(body)} → ${JSON.stringify(response.body)}`,
        ).toBeLessThan(500);
        if (response.status >= 400) expect(response.headers['content-type']).toContain('application/problem+json');
      }),
      { numRuns: runs },
    );
    const report = await verifyLedger(api.services.store);
    expect(report, JSON.stringify(report)).toMatchObject({ ok: true });
  });
});
