import { expect, it } from 'vitest';
import { forEachDatabase } from '../support/databases.js';
import { testApi } from '../support/api.js';
import type { TestApi } from '../support/api.js';

/** TEA, MUG and RICE on the shelves of both stores. */
async function stockedApi(database: Parameters<typeof testApi>[0]): Promise<TestApi> {
  const api = await testApi(database);
  for (const location of ['store-1', 'store-2']) {
    const received = await api.as(api.tokens.admin)('POST', '/api/v1/movements/receive', {
      location,
      lines: [
        { sku: 'TEA', quantity: 40 },
        { sku: 'MUG', quantity: 12 },
        { sku: 'RICE', quantity: 5000 },
      ],
    });
    expect(received.status).toBe(201);
  }
  return api;
}

forEachDatabase((database) => {
  it('serves counts under /cycle-counts, and lists them by status and location, a page at a time', async () => {
    const api = await stockedApi(database);
    const admin = api.as(api.tokens.admin);
    const operator = api.as(api.tokens.operator);
    expect((await admin('POST', '/api/v1/counts', { location: 'store-1' })).status).toBe(404);

    const started: string[] = [];
    for (const location of ['store-1', 'store-2'])
      for (const sku of ['TEA', 'MUG']) {
        const created = await operator('POST', '/api/v1/cycle-counts', {
          location,
          scope: { by: 'list', skus: [sku] },
          thresholdUnits: 1000,
          thresholdValue: 100_000,
        });
        expect(created.status).toBe(201);
        started.push(created.body.id);
      }
    const [tea1, mug1, tea2, mug2] = started as [string, string, string, string];
    expect((await operator('PUT', `/api/v1/cycle-counts/${tea1}/lines/TEA`, { quantity: 38 })).status).toBe(200);
    expect((await operator('POST', `/api/v1/cycle-counts/${tea1}/submit`)).body.status).toBe('closed');
    expect(
      (await operator('POST', `/api/v1/cycle-counts/${mug2}/cancel`, { reason: 'wrong aisle' })).body,
    ).toMatchObject({ status: 'cancelled' });

    const ids = (answer: { body: { items: { id: string }[] } }) => answer.body.items.map((c) => c.id);
    const all = await api.as(api.tokens.viewer)('GET', '/api/v1/cycle-counts');
    expect(all.status).toBe(200);
    expect(ids(all)).toEqual([...started].sort());
    expect(ids(await admin('GET', '/api/v1/cycle-counts?status=open'))).toEqual([mug1, tea2].sort());
    expect(ids(await admin('GET', '/api/v1/cycle-counts?status=closed&status=cancelled'))).toEqual([tea1, mug2].sort());
    expect(ids(await admin('GET', '/api/v1/cycle-counts?location=store-2&status=open'))).toEqual([tea2]);
    const refused = await admin('GET', '/api/v1/cycle-counts?status=done');
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]).toMatchObject({ path: 'status', in: 'query' });

    // A token limited to store-1 sees the counts there only.
    expect(ids(await api.as(api.tokens.clerk)('GET', '/api/v1/cycle-counts'))).toEqual([tea1, mug1].sort());
    expect(ids(await api.as(api.tokens.clerk)('GET', '/api/v1/cycle-counts?location=store-2'))).toEqual([]);

    const seen: string[] = [];
    let url = '/api/v1/cycle-counts?limit=3';
    for (;;) {
      const page = await admin('GET', url);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...ids(page));
      if (page.body.nextCursor === null) break;
      url = `/api/v1/cycle-counts?limit=3&after=${page.body.nextCursor}`;
    }
    expect(seen).toEqual(ids(all));

    // Blind as a single count is: system quantities once submitted only.
    const listed = new Map(all.body.items.map((c: { id: string }) => [c.id, c]));
    expect(listed.get(tea1)).toMatchObject({ lines: [{ systemQuantity: 40, variance: -2 }] });
    expect(listed.get(mug1)).toMatchObject({ lines: [{ systemQuantity: null }] });
  });

  it('refuses an approval by whoever started or counted the count, with 403, and takes a colleague’s', async () => {
    const api = await stockedApi(database);
    const planner = api.as(api.tokens.planner);
    const created = await planner('POST', '/api/v1/cycle-counts', { location: 'store-1', thresholdUnits: 2 });
    const id = created.body.id as string;
    await planner('PUT', `/api/v1/cycle-counts/${id}/lines/TEA`, { quantity: 30 });
    expect((await planner('POST', `/api/v1/cycle-counts/${id}/submit`)).body.status).toBe('pending_approval');

    const own = await planner('POST', `/api/v1/cycle-counts/${id}/approve`);
    expect(own.status).toBe(403);
    expect(own.headers['content-type']).toContain('application/problem+json');
    expect(own.body).toMatchObject({ code: 'forbidden', rule: 'self_approval', count: id });
    expect((await api.as(api.tokens.admin)('GET', '/api/v1/stock?sku=TEA&location=store-1')).body.onHand).toBe(40);

    const approved = await api.as(api.tokens.admin)('POST', `/api/v1/cycle-counts/${id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'closed', approvedBy: 'bootstrap-admin' });
    expect((await api.as(api.tokens.admin)('GET', '/api/v1/stock?sku=TEA&location=store-1')).body.onHand).toBe(30);
  });

  it('cancels a count: an operator while counting, a planner while waiting for approval; never once posted', async () => {
    const api = await stockedApi(database);
    const clerk = api.as(api.tokens.clerk);
    const planner = api.as(api.tokens.planner);
    const open = (await clerk('POST', '/api/v1/cycle-counts', { location: 'store-1' })).body.id as string;
    await clerk('PUT', `/api/v1/cycle-counts/${open}/lines/TEA`, { quantity: 3 });
    // No body at all: the reason is optional.
    const cancelled = await clerk('POST', `/api/v1/cycle-counts/${open}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled' });
    const again = await clerk('PUT', `/api/v1/cycle-counts/${open}/lines/TEA`, { quantity: 4 });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('illegal_transition');
    expect((await clerk('POST', `/api/v1/cycle-counts/${open}/cancel`, {})).status).toBe(409);
    expect((await api.as(api.tokens.admin)('GET', `/api/v1/movements?reference=${open}`)).body.items).toEqual([]);

    // Held variances only: the counter may not set them aside, a planner may.
    const held = (await clerk('POST', '/api/v1/cycle-counts', { location: 'store-1', thresholdUnits: 2 })).body
      .id as string;
    await clerk('PUT', `/api/v1/cycle-counts/${held}/lines/RICE`, { quantity: 10 });
    expect((await clerk('POST', `/api/v1/cycle-counts/${held}/submit`)).body.status).toBe('pending_approval');
    expect((await clerk('POST', `/api/v1/cycle-counts/${held}/cancel`, {})).status).toBe(403);
    expect((await planner('POST', `/api/v1/cycle-counts/${held}/cancel`, { reason: 'recount' })).body.status).toBe(
      'cancelled',
    );

    // A variance posted at submission stays posted: no cancel.
    const posted = (await clerk('POST', '/api/v1/cycle-counts', { location: 'store-1', thresholdUnits: 2 })).body
      .id as string;
    await clerk('PUT', `/api/v1/cycle-counts/${posted}/lines/TEA`, { quantity: 39 });
    await clerk('PUT', `/api/v1/cycle-counts/${posted}/lines/RICE`, { quantity: 10 });
    await clerk('POST', `/api/v1/cycle-counts/${posted}/submit`);
    const refused = await planner('POST', `/api/v1/cycle-counts/${posted}/cancel`, {});
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'illegal_transition', posted: ['TEA'] });
    expect(refused.body.detail).toContain('cannot be taken back');
    // Outside the token's locations: refused.
    const elsewhere = (await api.as(api.tokens.operator)('POST', '/api/v1/cycle-counts', { location: 'store-2' })).body
      .id as string;
    expect((await clerk('POST', `/api/v1/cycle-counts/${elsewhere}/cancel`, {})).status).toBe(403);
  });

  it('answers 409 naming the open count when a new one would cover its SKUs, and when two race', async () => {
    const api = await stockedApi(database);
    const operator = api.as(api.tokens.operator);
    const first = (
      await operator('POST', '/api/v1/cycle-counts', { location: 'store-1', scope: { by: 'list', skus: ['MUG'] } })
    ).body.id as string;
    const clash = await operator('POST', '/api/v1/cycle-counts', { location: 'store-1' });
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({ code: 'already_exists', count: first, skus: ['MUG'] });
    expect(clash.body.detail).toContain(first);
    expect(clash.body.detail).toContain('MUG');

    const racing = await Promise.all(
      [1, 2, 3].map(() => operator('POST', '/api/v1/cycle-counts', { location: 'store-2' })),
    );
    expect(racing.map((r) => r.status).sort()).toEqual([201, 409, 409]);
  });

  it('keeps system quantities from a counter in every count of the SKUs they are counting, and from nobody else', async () => {
    const api = await stockedApi(database);
    const admin = api.as(api.tokens.admin);
    const operator = api.as(api.tokens.operator);
    // A finished count at store-2 shows TEA's system quantity.
    const done = (await admin('POST', '/api/v1/cycle-counts', { location: 'store-2', thresholdUnits: 100 })).body
      .id as string;
    await admin('PUT', `/api/v1/cycle-counts/${done}/lines/TEA`, { quantity: 39 });
    await admin('PUT', `/api/v1/cycle-counts/${done}/lines/MUG`, { quantity: 12 });
    await admin('POST', `/api/v1/cycle-counts/${done}/submit`);
    const tea = (answer: { body: { lines: { sku: string }[] } }) => answer.body.lines.find((l) => l.sku === 'TEA');
    expect(tea(await operator('GET', `/api/v1/cycle-counts/${done}`))).toMatchObject({ systemQuantity: 40 });

    // The operator starts counting TEA at store-1: from now on they see its system quantity nowhere.
    const counting = (
      await operator('POST', '/api/v1/cycle-counts', { location: 'store-1', scope: { by: 'list', skus: ['TEA'] } })
    ).body.id as string;
    expect(await api.services.cycleCounts.blindSkus('operator')).toEqual(new Set(['TEA']));
    expect(tea(await operator('GET', `/api/v1/cycle-counts/${done}`))).toMatchObject({
      systemQuantity: null,
      variance: null,
    });
    const listed = (await operator('GET', '/api/v1/cycle-counts?status=closed')).body.items[0];
    expect(tea({ body: listed })).toMatchObject({ systemQuantity: null });
    expect(listed.lines.find((l: { sku: string }) => l.sku === 'MUG')).toMatchObject({ systemQuantity: 12 });
    expect(tea(await api.as(api.tokens.viewer)('GET', `/api/v1/cycle-counts/${done}`))).toMatchObject({
      systemQuantity: 40,
    });

    // Nor in any stock read or the ledger: one SKU's reads are refused, lists leave it out.
    for (const url of [
      '/api/v1/stock?sku=TEA&location=dc-1',
      '/api/v1/products/TEA/stock',
      '/api/v1/stock/as-of?sku=TEA&location=store-1&at=2026-01-01T00:00:00Z',
    ]) {
      const refused = await operator('GET', url);
      expect({ url, status: refused.status, rule: refused.body.rule }).toEqual({
        url,
        status: 403,
        rule: 'blind_count',
      });
    }
    const skusIn = async (url: string, as = operator) =>
      new Set((await as('GET', url)).body.items.map((r: { sku: string }) => r.sku));
    for (const url of ['/api/v1/locations/store-1/stock', '/api/v1/stock/low?threshold=1000000', '/api/v1/movements']) {
      expect((await skusIn(url)).has('TEA'), url).toBe(false);
      expect((await skusIn(url, api.as(api.tokens.viewer))).has('TEA'), url).toBe(true);
    }
    expect((await operator('GET', '/api/v1/stock?sku=MUG&location=store-1')).status).toBe(200);

    await operator('PUT', `/api/v1/cycle-counts/${counting}/lines/TEA`, { quantity: 40 });
    expect((await operator('POST', `/api/v1/cycle-counts/${counting}/submit`)).body.lines[0]).toMatchObject({
      systemQuantity: 40,
      variance: 0,
    });
    expect(tea(await operator('GET', `/api/v1/cycle-counts/${done}`))).toMatchObject({ systemQuantity: 40 });
    expect((await operator('GET', '/api/v1/stock?sku=TEA&location=dc-1')).status).toBe(200);
  });
});
