import { expect, it } from 'vitest';
import { forEachDatabase } from '../support/databases.js';
import { testApi } from '../support/api.js';

forEachDatabase((database) => {
  it('runs a purchase order through the API: place, receive twice under one key, stock and supplier figures', async () => {
    const api = await testApi(database);
    const admin = api.as(api.tokens.admin);
    const planner = api.as(api.tokens.planner);
    const clerk = api.as(api.tokens.clerk);
    await admin('POST', '/api/v1/suppliers', { id: 'acme', name: 'Acme', leadTimeDays: 2 });

    const placed = await planner('POST', '/api/v1/purchase-orders', {
      id: 'PO-1',
      supplier: 'acme',
      location: 'store-1',
      lines: [{ sku: 'TEA', quantity: 12 }],
      submit: true,
    });
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({ id: 'PO-1', status: 'submitted', createdBy: 'planner' });
    expect((await clerk('GET', '/api/v1/stock?sku=TEA&location=store-1')).body).toMatchObject({ inbound: 12 });

    const delivery = { lines: [{ sku: 'TEA', quantity: 12 }] };
    const key = { 'idempotency-key': 'po-1-delivery' };
    const received = await clerk('POST', '/api/v1/purchase-orders/PO-1/receive', delivery, key);
    expect(received.status).toBe(200);
    expect(received.body.order).toMatchObject({ status: 'received' });
    expect(received.body.posting.movements[0]).toMatchObject({ actor: 'clerk', reference: 'PO-1' });
    const retried = await clerk('POST', '/api/v1/purchase-orders/PO-1/receive', delivery, key);
    expect(retried.body).toEqual(received.body);
    const again = await clerk('POST', '/api/v1/purchase-orders/PO-1/receive', delivery);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'illegal_transition', status: 409 });

    expect((await clerk('GET', '/api/v1/stock?sku=TEA&location=store-1')).body).toMatchObject({
      onHand: 12,
      inbound: 0,
    });
    expect((await clerk('GET', '/api/v1/suppliers/acme/performance')).body).toMatchObject({
      orders: 1,
      receipts: 1,
      onTimeRate: 1,
      fillRate: 1,
    });
    expect(
      (await clerk('GET', '/api/v1/purchase-orders?status=received')).body.items.map((o: { id: string }) => o.id),
    ).toEqual(['PO-1']);
    expect((await planner('POST', '/api/v1/purchase-orders', { ...placed.body, id: 'PO-2' })).status).toBe(400);
  });
});

forEachDatabase((database) => {
  it("prices lines from the supplier's terms, refuses an unpriced line with 422, and finds open and overdue orders", async () => {
    const api = await testApi(database);
    const admin = api.as(api.tokens.admin);
    const planner = api.as(api.tokens.planner);
    await admin('POST', '/api/v1/suppliers', { id: 'acme', name: 'Acme', leadTimeDays: 2 });
    await admin('PUT', '/api/v1/suppliers/acme/items/TEA', { unitCost: 1.5 });
    const order = (id: string, more: object = {}) => ({
      id,
      supplier: 'acme',
      location: 'store-1',
      lines: [{ sku: 'TEA', quantity: 4 }],
      submit: true,
      ...more,
    });

    const priced = await planner(
      'POST',
      '/api/v1/purchase-orders',
      order('PO-1', { expectedAt: '2020-02-01T00:00:00Z' }),
    );
    expect(priced.status).toBe(201);
    expect(priced.body).toMatchObject({ overdue: true, lines: [{ sku: 'TEA', unitCost: 1.5, open: 4, short: 0 }] });
    // RICE has no cost in the catalog and none from Acme: the line is named.
    const unpriced = await planner('POST', '/api/v1/purchase-orders', {
      ...order('PO-X'),
      lines: [
        { sku: 'TEA', quantity: 1 },
        { sku: 'RICE', quantity: 500 },
      ],
    });
    expect(unpriced.status).toBe(422);
    expect(unpriced.body).toMatchObject({ code: 'no_unit_cost', errors: [{ path: 'lines.1.unitCost' }] });
    expect((await planner('GET', '/api/v1/purchase-orders/PO-X')).status).toBe(404);

    await planner('POST', '/api/v1/purchase-orders', order('PO-2'));
    await planner('POST', '/api/v1/purchase-orders', order('PO-3', { expectedAt: '2020-02-01T00:00:00Z' }));
    await api.as(api.tokens.clerk)('POST', '/api/v1/purchase-orders/PO-3/receive', {
      lines: [{ sku: 'TEA', quantity: 4 }],
    });
    const ids = async (query: string) =>
      (await api.as(api.tokens.viewer)('GET', `/api/v1/purchase-orders${query}`)).body.items.map(
        (o: { id: string; overdue: boolean }) => `${o.id}${o.overdue ? ' late' : ''}`,
      );
    expect(await ids('')).toEqual(['PO-1 late', 'PO-2', 'PO-3']);
    expect(await ids('?overdue=true')).toEqual(['PO-1 late']);
    expect(await ids('?open=true')).toEqual(['PO-1 late', 'PO-2']);
    expect(await ids('?open=false')).toEqual(['PO-3']);
    expect(await ids('?open=true&overdue=false&location=store-1')).toEqual(['PO-2']);
    expect((await admin('GET', '/api/v1/purchase-orders?overdue=yes')).status).toBe(400);
  });

  it('closes only with a reason, as the OpenAPI document says; a closed order has nothing open or on order', async () => {
    const api = await testApi(database);
    const admin = api.as(api.tokens.admin);
    const planner = api.as(api.tokens.planner);
    await admin('POST', '/api/v1/suppliers', { id: 'acme', name: 'Acme', leadTimeDays: 2 });
    await planner('POST', '/api/v1/purchase-orders', {
      id: 'PO-1',
      supplier: 'acme',
      location: 'store-1',
      lines: [
        { sku: 'TEA', quantity: 10 },
        { sku: 'MUG', quantity: 6 },
      ],
      submit: true,
    });
    await planner('POST', '/api/v1/purchase-orders/PO-1/receive', { lines: [{ sku: 'TEA', quantity: 4 }] });
    const onOrder = async (sku: string) =>
      (await admin('GET', `/api/v1/stock?sku=${sku}&location=store-1`)).body.onOrder as number;
    expect([await onOrder('TEA'), await onOrder('MUG')]).toEqual([6, 6]);

    const refused = await planner('POST', '/api/v1/purchase-orders/PO-1/close', {});
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toMatchObject([{ path: 'reason', in: 'body' }]);
    expect((await planner('GET', '/api/v1/purchase-orders/PO-1')).body.status).toBe('partially_received');

    const document = (await api.as(undefined)('GET', '/api/v1/openapi.json')).body;
    const body = (action: string) =>
      document.paths[`/api/v1/purchase-orders/{id}/${action}`].post.requestBody.content['application/json'].schema;
    expect(body('close').required).toEqual(['reason']);
    expect(body('cancel').required ?? []).not.toContain('reason');

    const closed = await planner('POST', '/api/v1/purchase-orders/PO-1/close', { reason: 'supplier out of stock' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', overdue: false });
    expect(closed.body.lines).toEqual([
      expect.objectContaining({ sku: 'TEA', ordered: 10, received: 4, open: 0, short: 6 }),
      expect.objectContaining({ sku: 'MUG', ordered: 6, received: 0, open: 0, short: 6 }),
    ]);
    expect(closed.body.discrepancies.map((d: { sku: string; quantity: number }) => [d.sku, d.quantity])).toEqual([
      ['TEA', 6],
      ['MUG', 6],
    ]);
    expect([await onOrder('TEA'), await onOrder('MUG')]).toEqual([0, 0]);
    expect((await admin('GET', '/api/v1/stock?sku=TEA&location=store-1')).body).toMatchObject({
      onHand: 4,
      inbound: 0,
    });
  });
});

forEachDatabase((database) => {
  it('keeps the expected date agreed on a draft when the order is placed; the lead time fills in only a missing one', async () => {
    const api = await testApi(database);
    const admin = api.as(api.tokens.admin);
    await admin('POST', '/api/v1/suppliers', { id: 'tea-co', name: 'Tea Co', leadTimeDays: 3 });
    const agreed = (
      await admin('POST', '/api/v1/purchase-orders', {
        supplier: 'tea-co',
        location: 'dc-1',
        expectedAt: '2030-01-01T00:00:00Z',
        lines: [{ sku: 'TEA', quantity: 5, unitCost: 2 }],
      })
    ).body;
    const placed = (await admin('POST', `/api/v1/purchase-orders/${agreed.id}/submit`)).body;
    expect(placed).toMatchObject({ status: 'submitted', expectedAt: '2030-01-01T00:00:00.000Z' });

    const open = (
      await admin('POST', '/api/v1/purchase-orders', {
        supplier: 'tea-co',
        location: 'dc-1',
        lines: [{ sku: 'TEA', quantity: 5, unitCost: 2 }],
      })
    ).body;
    const filled = (await admin('POST', `/api/v1/purchase-orders/${open.id}/submit`)).body;
    const days = (Date.parse(filled.expectedAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(2.9);
    expect(days).toBeLessThan(3.1);
  });
});
