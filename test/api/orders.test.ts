import { expect, it } from 'vitest';
import { forEachDatabase } from '../support/databases.js';
import { testApi } from '../support/api.js';

forEachDatabase((database) => {
  it('places, previews, ships and cancels orders over HTTP, answering with the plan and why', async () => {
    const api = await testApi(database);
    const admin = api.as(api.tokens.admin);
    const operator = api.as(api.tokens.operator);
    const clerk = api.as(api.tokens.clerk);
    await admin('PATCH', '/api/v1/locations/store-1', { latitude: 53.55, longitude: 9.99, shipsOnline: true });
    await admin('POST', '/api/v1/movements/receive', { location: 'dc-1', lines: [{ sku: 'TEA', quantity: 40 }] });
    await admin('POST', '/api/v1/movements/receive', { location: 'store-1', lines: [{ sku: 'TEA', quantity: 10 }] });
    const order = { lines: [{ sku: 'TEA', quantity: 3 }], destination: { latitude: 53.6, longitude: 10.0 } };

    const preview = await api.as(api.tokens.viewer)('POST', '/api/v1/orders/preview', order);
    expect(preview.status).toBe(200);
    expect(preview.body.shipments[0]).toMatchObject({ locationId: 'store-1', lines: [{ sku: 'TEA', quantity: 3 }] });

    const placed = await operator('POST', '/api/v1/orders', order, { 'idempotency-key': 'web-1' });
    expect(placed.status).toBe(201);
    expect(placed.body.order).toMatchObject({ status: 'allocated', createdBy: 'operator' });
    expect(placed.body.plan.alternatives.map((a: { locationId: string }) => a.locationId)).toEqual(['dc-1']);
    expect((await operator('POST', '/api/v1/orders', order, { 'idempotency-key': 'web-1' })).body).toEqual(placed.body);
    expect((await admin('GET', '/api/v1/stock?sku=TEA&location=store-1')).body).toMatchObject({ reserved: 3 });

    // A clerk's token covers store-1 only: a pickup there, not an online order for anywhere.
    expect((await clerk('POST', '/api/v1/orders', order)).status).toBe(403);
    const pickup = await clerk('POST', '/api/v1/orders', {
      channel: 'pickup',
      pickupLocation: 'store-1',
      lines: [{ sku: 'TEA', quantity: 1 }],
    });
    expect(pickup.body.plan.shipments[0]).toMatchObject({ locationId: 'store-1', distanceKm: 0 });

    const id = placed.body.order.id as string;
    expect((await operator('POST', `/api/v1/orders/${id}/ship`, {})).body).toMatchObject({ status: 'shipped' });
    expect((await admin('GET', '/api/v1/stock?sku=TEA&location=store-1')).body).toMatchObject({
      onHand: 7,
      reserved: 1,
    });
    expect((await operator('POST', `/api/v1/orders/${id}/cancel`)).status).toBe(409);
    expect((await clerk('POST', `/api/v1/orders/${pickup.body.order.id}/cancel`)).body).toMatchObject({
      status: 'cancelled',
    });
    expect((await operator('POST', '/api/v1/orders', { lines: [{ sku: 'TEA', quantity: 1 }] })).status).toBe(400);
  });
});
