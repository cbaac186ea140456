import { expect, it } from 'vitest';
import { relayEvents } from '../../src/events/index.js';
import { forEachDatabase } from '../support/databases.js';
import { testApi } from '../support/api.js';
import type { Caller, TestApi } from '../support/api.js';

/** Three or more of everything a list shows, so that pages of two must be walked. */
async function everythingThrice(api: TestApi) {
  const admin = api.as(api.tokens.admin);
  const planner = api.as(api.tokens.planner);
  const ok = async (answer: Promise<{ status: number; body: unknown }>) => {
    const { status, body } = await answer;
    if (status >= 300) throw new Error(`setup failed (${status}): ${JSON.stringify(body)}`);
    return body as { id: string };
  };
  const three = [1, 2, 3];
  const hooks = [];
  for (const n of three)
    hooks.push(
      await ok(admin('POST', '/api/v1/webhooks', { url: `http://127.0.0.1:9/${n}`, eventTypes: ['movements.posted'] })),
    );
  for (const id of ['acme', 'beta', 'gamma'])
    await ok(admin('POST', '/api/v1/suppliers', { id, name: id, leadTimeDays: 3 }));
  for (const sku of ['TEA', 'MUG', 'RICE'])
    await ok(admin('PUT', `/api/v1/suppliers/acme/items/${sku}`, { unitCost: 1 }));
  for (const n of three)
    await ok(
      planner('POST', '/api/v1/purchase-orders', {
        id: `PO-${n}`,
        supplier: 'acme',
        location: 'dc-1',
        lines: [{ sku: 'TEA', quantity: n }],
        submit: true,
      }),
    );
  for (const sku of ['TEA', 'MUG'])
    await ok(admin('POST', '/api/v1/movements/receive', { location: 'dc-1', lines: [{ sku, quantity: 100 }] }));
  for (const n of three)
    await ok(
      admin('POST', '/api/v1/transfer-orders', {
        id: `T-${n}`,
        from: 'dc-1',
        to: 'store-1',
        lines: [{ sku: 'TEA', quantity: n }],
        ship: true,
      }),
    );
  for (const n of three)
    await ok(
      admin('POST', '/api/v1/returns', {
        location: 'store-2',
        reason: 'unwanted',
        lines: [{ sku: 'MUG', quantity: n, disposition: 'restock' }],
      }),
    );
  for (const n of three) await ok(admin('POST', '/api/v1/reservations', { sku: 'MUG', location: 'dc-1', quantity: n }));
  for (const n of three)
    await ok(
      admin('POST', '/api/v1/orders', {
        id: `O-${n}`,
        lines: [{ sku: 'TEA', quantity: n }],
        destination: { latitude: 53.6, longitude: 10.0 },
      }),
    );
  await relayEvents(api.store);
  return { hook: hooks[0]!.id };
}

/** Walks a list a page of `limit` at a time to its end; every page must be a page. */
async function walk(call: Caller, url: string, limit: number): Promise<{ keys: string[]; pages: number }> {
  const keys: string[] = [];
  let after: string | null = null;
  let pages = 0;
  do {
    const query: string = `limit=${limit}${after === null ? '' : `&after=${encodeURIComponent(after)}`}`;
    const answer = await call('GET', `${url}${url.includes('?') ? '&' : '?'}${query}`);
    expect(answer.status, `${url} ${query}`).toBe(200);
    expect(Object.keys(answer.body).sort()).toEqual(['items', 'nextCursor']);
    expect(answer.body.items.length).toBeLessThanOrEqual(limit);
    keys.push(...answer.body.items.map(keyOf));
    after = answer.body.nextCursor;
    pages += 1;
  } while (after !== null && pages < 50);
  return { keys, pages };
}

const keyOf = (item: { id?: string; sku?: string }) => item.id ?? item.sku!;

forEachDatabase((database) => {
  it('pages every list the same way: after and limit, walked end to end with no duplicate and no gap', async () => {
    const api = await testApi(database);
    const admin = api.as(api.tokens.admin);
    const { hook } = await everythingThrice(api);
    const lists = [
      '/api/v1/locations',
      '/api/v1/products',
      '/api/v1/suppliers',
      '/api/v1/suppliers/acme/items',
      '/api/v1/purchase-orders',
      '/api/v1/transfer-orders',
      '/api/v1/returns',
      '/api/v1/reservations',
      '/api/v1/movements',
      // The planner's entries only: the admin's keep coming as this test reads.
      '/api/v1/audit?actor=planner',
      '/api/v1/tokens',
      '/api/v1/webhooks',
      `/api/v1/webhooks/${hook}/deliveries`,
      '/api/v1/orders',
    ];
    for (const url of lists) {
      const whole = await admin('GET', `${url}${url.includes('?') ? '&' : '?'}limit=1000`);
      expect(whole.status, url).toBe(200);
      expect(whole.body.nextCursor, url).toBeNull();
      const everything: string[] = whole.body.items.map(keyOf);
      expect(everything.length, `${url} has enough to page`).toBeGreaterThanOrEqual(3);
      const { keys, pages } = await walk(admin, url, 2);
      expect(keys, url).toEqual(everything);
      expect(new Set(keys).size, `${url} repeats nothing`).toBe(keys.length);
      // The last page says it is the last: no empty page after it.
      expect(pages, url).toBe(Math.ceil(everything.length / 2));
    }

    // A page's documents are read with their lines in a few queries: each must get its own.
    for (const url of ['/api/v1/purchase-orders', '/api/v1/transfer-orders', '/api/v1/returns', '/api/v1/orders']) {
      const { items } = (await admin('GET', `${url}?limit=1000`)).body;
      for (const item of items) expect((await admin('GET', `${url}/${item.id}`)).body, url).toEqual(item);
    }

    // Every list the API documents answers a page and takes after and limit, but the stock views,
    // which answer whole lists (not paged yet). Those walked above are among them.
    type Operation = { parameters?: { name: string; in: string }[]; responses: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any -- read field by field
    const document = (await api.as(undefined)('GET', '/api/v1/openapi.json')).body;
    const answersItems = Object.entries(document.paths as Record<string, { get?: Operation }>).flatMap(
      ([path, { get }]) => {
        const properties = get?.responses['200']?.content?.['application/json']?.schema?.properties ?? {};
        const query = (get?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
        return 'items' in properties
          ? [{ path, paged: 'nextCursor' in properties && query.includes('after') && query.includes('limit') }]
          : [];
      },
    );
    const stockViews = ['/api/v1/locations/{id}/stock', '/api/v1/stock/low', '/api/v1/stock/negative'];
    expect(answersItems.filter((l) => !l.paged && !stockViews.includes(l.path))).toEqual([]);
    const documented = (url: string) => url.replace(/\?.*/, '').replace(hook, '{id}').replace('/acme/', '/{id}/');
    const paged = answersItems.filter((l) => l.paged).map((l) => l.path);
    expect(paged).toEqual(expect.arrayContaining(lists.map(documented)));
  });

  it('answers a bad page request with 400, on every list alike', async () => {
    const api = await testApi(database);
    const admin = api.as(api.tokens.admin);
    for (const url of ['/api/v1/orders', '/api/v1/tokens', '/api/v1/webhooks', '/api/v1/suppliers/x/items'])
      for (const query of ['limit=0', 'limit=1001', 'limit=two', 'after=%00'])
        expect((await admin('GET', `${url}?${query}`)).status, `${url}?${query}`).toBe(400);
  });
});
