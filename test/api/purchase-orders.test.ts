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
