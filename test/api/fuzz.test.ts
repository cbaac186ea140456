import fc from 'fast-check';
import { expect, it } from 'vitest';
import { verifyLedger } from '../../src/ledger/index.js';
import { forEachDatabase } from '../support/databases.js';
import { testApi } from '../support/api.js';
import type { TestApi } from '../support/api.js';

/** Requests per database; raise for a deeper search: OMNISTOCK_FUZZ_RUNS=2000 npm test. */
const runs = Number(process.env.OMNISTOCK_FUZZ_RUNS ?? 150);

/** A valid body per write route, for the fuzzer to bend: most bugs hide one field away from valid. */
const SAMPLES: Record<string, unknown> = {
  'POST /api/v1/locations': { id: 'store-9', name: 'New', kind: 'store', region: 'west', latitude: 1, longitude: 2 },
  'PATCH /api/v1/locations/{id}': { status: 'disrupted', name: 'Renamed' },
  'POST /api/v1/products': { sku: 'NEW', name: 'New', unitCost: 1, price: 2, gtin: '4006381333931' },
  'PATCH /api/v1/products/{sku}': { price: 3, category: 'misc', weightKg: 0.5 },
  'POST /api/v1/movements': {
    movements: [{ sku: 'TEA', from: 'supplier', to: 'store-1', quantity: 2, kind: 'receive', reference: 'PO-1' }],
  },
  'POST /api/v1/movements/receive': {
    location: 'store-1',
    lines: [{ sku: 'TEA', quantity: 3 }],
    reference: 'PO-2',
    occurredAt: '2026-01-01T00:00:00Z',
  },
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
  'POST /api/v1/reservations': { sku: 'TEA', location: 'store-1', quantity: 1, ttlSeconds: 60, reference: 'O-1' },
  'POST /api/v1/reservations/{id}/release': {},
  'POST /api/v1/reservations/{id}/commit': { quantity: 1, kind: 'sell' },
  'POST /api/v1/suppliers': { id: 'sup-1', name: 'Nordkaffee', leadTimeDays: 5, leadTimeSdDays: 1, packSize: 6 },
  'PATCH /api/v1/suppliers/{id}': { minOrderQuantity: 12, name: 'Acme Foods' },
  'PUT /api/v1/suppliers/{id}/items/{sku}': { supplierSku: 'NK-1', unitCost: 2.5, leadTimeDays: 4 },
  'POST /api/v1/purchase-orders': {
    supplier: 'acme',
    location: 'store-1',
    lines: [{ sku: 'TEA', quantity: 5, unitCost: 1 }],
    reference: 'PO-3',
    submit: true,
  },
  'POST /api/v1/purchase-orders/{id}/receive': { lines: [{ sku: 'TEA', quantity: 2, damaged: 1 }], reason: 'wet' },
  'POST /api/v1/purchase-orders/{id}/close': { reason: 'late' },
  'POST /api/v1/purchase-orders/{id}/cancel': {},
  'POST /api/v1/transfer-orders': { from: 'store-1', to: 'store-2', lines: [{ sku: 'TEA', quantity: 1 }], ship: true },
  'POST /api/v1/transfer-orders/{id}/ship': { occurredAt: '2026-01-01T00:00:00Z' },
  'POST /api/v1/transfer-orders/{id}/receive': { lines: [{ sku: 'TEA', quantity: 1, shortfall: 1 }], reason: 'lost' },
  'POST /api/v1/cycle-counts': {
    location: 'store-1',
    scope: { by: 'list', skus: ['TEA'] },
    thresholdUnits: 2,
    thresholdValue: 50,
  },
  'PUT /api/v1/cycle-counts/{id}/lines/{sku}': { quantity: 3 },
  'POST /api/v1/cycle-counts/{id}/cancel': { reason: 'counted the wrong shelf' },
  'POST /api/v1/returns': {
    location: 'store-1',
    reason: 'defective',
    note: 'Box torn.\nCustomer kept the receipt.',
    lines: [{ sku: 'TEA', quantity: 1, disposition: 'quarantine' }],
  },
  'POST /api/v1/returns/{id}/lines/{sku}/inspect': { outcome: 'restock' },
  'POST /api/v1/forecasts/runs': { horizon: 7 },
  'POST /api/v1/orders': {
    lines: [{ sku: 'TEA', quantity: 1 }],
    destination: { latitude: 52.5, longitude: 13.4 },
    reference: 'web-1',
    costs: { perShipment: 4, perKgKm: 0.01 },
  },
  'POST /api/v1/orders/preview': { lines: [{ sku: 'TEA', quantity: 2 }], channel: 'pickup', pickupLocation: 'store-1' },
  'POST /api/v1/orders/{id}/ship': { skus: ['TEA'] },
  'POST /api/v1/tokens': { name: 'fuzzy', role: 'viewer', locations: ['store-1'] },
  'POST /api/v1/webhooks': {
    url: 'http://127.0.0.1:9/hook',
    eventTypes: ['movements.posted'],
    secret: 'a-secret-of-some-length',
  },
};

/** A valid query per list route. */
const QUERIES: Record<string, Record<string, string>> = {
  '/api/v1/stock': { sku: 'TEA', location: 'store-1' },
  '/api/v1/stock/as-of': { sku: 'TEA', location: 'store-1', at: '2026-01-01T00:00:00Z' },
  '/api/v1/movements': { sku: 'TEA', location: 'store-1', reference: 'PO-1', actor: 'clerk', limit: '5' },
  '/api/v1/stock/low': { threshold: '3', location: 'store-1' },
  '/api/v1/locations': { region: 'north', after: 'dc-1' },
  '/api/v1/products': { category: 'drinks', after: 'MUG' },
  '/api/v1/suppliers': { after: 'acme' },
  '/api/v1/reservations': { sku: 'TEA', location: 'store-1', reference: 'O-1', after: 'r-1' },
  '/api/v1/purchase-orders': { supplier: 'acme', location: 'store-1', after: 'PO-1' },
  '/api/v1/transfer-orders': { location: 'store-1', after: 'T-1' },
  '/api/v1/cycle-counts': { status: 'open', location: 'store-1', after: 'C-1' },
  '/api/v1/returns': { location: 'store-1', sku: 'TEA', from: '2026-01-01T00:00:00Z' },
  '/api/v1/returns/summary': { location: 'store-1', sku: 'TEA' },
  '/api/v1/forecasts': { sku: 'TEA', location: 'store-1' },
  '/api/v1/audit': { actor: 'clerk', after: 'a-1' },
  '/api/v1/exports/{dataset}': { asOf: '2026-01-01T00:00:00Z' },
};

/**
 * Characters both databases must never be shown: NUL (PostgreSQL refuses it, SQLite stores it),
 * other C0 controls, DEL, C1 controls, the Unicode line separators, lone surrogates (no UTF-8 for
 * them) and U+FFFD (what invalid UTF-8 decodes to).
 */
const CONTROLS = ['\u0000', '\u0001', '\u0009', '\u000a', '\u000d', '\u001b', '\u007f', '\u0085', '\u009b'];
const HOSTILE_CHARACTERS = [...CONTROLS, '\u2028', '\u2029', '\ud800', '\udfff', '\ufffd'];
/** A note is the one multi-line text: it keeps tabs and line breaks. */
const MULTI_LINE_FIELDS = new Set(['note']);
const KEPT_IN_MULTI_LINE = new Set(['\u0009', '\u000a']);
const EXTREME_NUMBERS = [1e308, -1e308, 2 ** 53 + 1, -(2 ** 53 + 1), 2 ** 53, -0, 5e-324, 1e12 + 1, 0.1];
const EXTREME_TIMES = ['0000-01-01T00:00:00Z', '0001-01-01T00:00:00+23:59', '9999-12-31T23:59:59-23:59'];
const HUGE = ['x'.repeat(10_000), 'é'.repeat(100_000), '😀'.repeat(1_000)];

/** `text` with `character` put in its middle: the shape of a paste that brought a control character along. */
const inserted = (text: string, character: string) =>
  `${text.slice(0, Math.floor(text.length / 2))}${character}${text.slice(Math.floor(text.length / 2))}`;

/** Percent-encodes a path segment; lone surrogates (which no UTF-8 can carry) as the raw bytes a client might send. */
const segment = (text: string) =>
  text
    .split(/(\p{Cs})/u)
    .map((part) => (/^\p{Cs}$/u.test(part) ? '%ED%A0%80' : encodeURIComponent(part)))
    .join('');

/** Bends a valid value: replaces, drops or adds a field somewhere inside, or swaps the whole thing. */
function bent(value: unknown): fc.Arbitrary<unknown> {
  const hostileText = fc.oneof(
    fc.constantFrom(...HOSTILE_CHARACTERS, ...HUGE, ...EXTREME_TIMES),
    fc.string({ unit: fc.constantFrom(...HOSTILE_CHARACTERS, 'a', '-', ' '), maxLength: 6 }),
    fc.string({ unit: 'binary', maxLength: 8 }),
  );
  const anything = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    hostileText,
    fc.constantFrom(
      ...EXTREME_NUMBERS,
      0,
      -1,
      1.5,
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
  if (typeof value === 'string')
    return fc.oneof(
      fc.constant(value),
      fc.constantFrom(...HOSTILE_CHARACTERS).map((c) => inserted(value, c)),
      anything,
    );
  if (typeof value === 'number') return fc.oneof(fc.constant(value), fc.constantFrom(...EXTREME_NUMBERS), anything);
  return fc.oneof(fc.constant(value), anything);
}

/** Every string and number inside a sample, with its path as the API names it: `lines.0.sku`. */
function leaves(value: unknown, path: string[] = []): { path: string[]; value: string | number }[] {
  if (typeof value === 'string' || typeof value === 'number') return [{ path, value }];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => leaves(inner, [...path, key]));
}

/** `value` with the leaf at `path` replaced. */
function replaced(value: unknown, path: readonly string[], leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const [key, ...rest] = path as [string, ...string[]];
  if (Array.isArray(value)) return value.map((item, i) => (String(i) === key ? replaced(item, rest, leaf) : item));
  const record = value as Record<string, unknown>;
  return { ...record, [key]: replaced(record[key], rest, leaf) };
}

/** The network every run starts from: stock, a reservation, a supplier and a purchase order to aim at. */
async function seeded(api: TestApi) {
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
  return { routes, ids: { po: po.body.id as string, reservation: held.body.id as string } };
}

/** The path with its `{parameters}` filled from `values` in order. */
const filled = (path: string, values: readonly string[]) => {
  let i = 0;
  return path.replace(/\{[^}]+\}/g, () => segment(values[i++] ?? 'x'));
};

const search = (query: Record<string, string>) => new URLSearchParams(Object.entries(query)).toString();

forEachDatabase((database) => {
  it('never answers a generated request with a 5xx, and leaves the ledger verifiable', async () => {
    const api = await testApi(database);
    const { routes, ids } = await seeded(api);
    const pathValue = fc.oneof(
      fc.constantFrom('store-1', 'TEA', 'acme', ids.po, ids.reservation, 'nope', '/', '..', 'a'.repeat(200)),
      fc.constantFrom(...HOSTILE_CHARACTERS).map((c) => inserted('store-1', c)),
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
        const path = filled(route.path, params);
        const query_ =
          query && typeof query === 'object' && !Array.isArray(query)
            ? search(
                Object.fromEntries(
                  Object.entries(query as Record<string, unknown>).map(([k, v]) => [
                    k,
                    typeof v === 'string' ? v : JSON.stringify(v),
                  ]),
                ),
              )
            : '';
        const response = await api.as(api.tokens[token])(
          route.method as 'GET',
          query_ ? `${path}?${query_}` : path,
          route.method === 'GET' || route.method === 'DELETE' ? undefined : body,
          key ? { 'idempotency-key': key } : {},
        );
        expect(
          response.status,
          `${route.method} ${path}?${query_} ${JSON.stringify(body)?.slice(0, 500)} → ${JSON.stringify(response.body)}`,
        ).toBeLessThan(500);
        if (response.status >= 400) expect(response.headers['content-type']).toContain('application/problem+json');
      }),
      { numRuns: runs },
    );
    const report = await verifyLedger(api.store);
    expect(report, JSON.stringify(report)).toMatchObject({ ok: true });
  });

  it('refuses a control character or an extreme number in any field of any route with 400 and its path', async () => {
    const api = await testApi(database);
    const { routes, ids } = await seeded(api);
    const admin = api.as(api.tokens.admin);
    const before = await verifyLedger(api.store);
    const params = ['store-1', 'TEA', 'x'];
    const paramsFor = (path: string) =>
      path.startsWith('/api/v1/purchase-orders/')
        ? [ids.po]
        : path.startsWith('/api/v1/reservations/')
          ? [ids.reservation]
          : path.startsWith('/api/v1/exports/')
            ? ['stock']
            : params;
    const wrong: string[] = [];
    const expectRefused = async (method: string, url: string, body: unknown, field: string, where: string) => {
      const response = await admin(method as 'GET', url, body);
      const fields = (response.body?.errors ?? []) as { path: string; in: string }[];
      if (response.status !== 400 || !fields.some((e) => e.path === field && e.in === where))
        wrong.push(
          `${method} ${url} ${field} in ${where} → ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`,
        );
    };

    for (const route of routes) {
      const path = filled(route.path, paramsFor(route.path));
      const sample = SAMPLES[`${route.method} ${route.path}`];
      for (const leaf of leaves(sample)) {
        const field = leaf.path.join('.');
        const characters = MULTI_LINE_FIELDS.has(field)
          ? HOSTILE_CHARACTERS.filter((c) => !KEPT_IN_MULTI_LINE.has(c))
          : HOSTILE_CHARACTERS;
        const bad =
          typeof leaf.value === 'string'
            ? characters.map((c) => inserted(leaf.value as string, c))
            : [1e308, -1e308, 2 ** 53 + 1];
        for (const value of bad)
          await expectRefused(route.method, path, replaced(sample, leaf.path, value), field, 'body');
      }
      const query = route.method === 'GET' ? QUERIES[route.path] : undefined;
      for (const [name, value] of Object.entries(query ?? {})) {
        const bad = /^\d+$/.test(value) ? ['1e308', '-1e308', String(2 ** 53 + 1)] : HOSTILE_CHARACTERS;
        for (const character of bad) {
          const hostile = /^\d+$/.test(value) ? character : inserted(value, character);
          await expectRefused(route.method, `${path}?${search({ ...query, [name]: hostile })}`, sample, name, 'query');
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(await verifyLedger(api.store)).toEqual(before);
  });
});
