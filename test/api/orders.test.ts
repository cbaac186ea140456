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

forEachDatabase((database) => {
  it('lists orders over HTTP by one or several statuses, channel, location and time, each token within its scope', async () => {
    const api = await testApi(database);
    const admin = api.as(api.tokens.admin);
    const clerk = api.as(api.tokens.clerk);
    await admin('PATCH', '/api/v1/locations/store-1', { latitude: 53.55, longitude: 9.99, shipsOnline: true });
    await admin('POST', '/api/v1/movements/receive', { location: 'dc-1', lines: [{ sku: 'TEA', quantity: 40 }] });
    await admin('POST', '/api/v1/movements/receive', { location: 'store-1', lines: [{ sku: 'TEA', quantity: 10 }] });
    const online = {
      id: 'O-1',
      lines: [{ sku: 'TEA', quantity: 3 }],
      destination: { latitude: 53.6, longitude: 10.0 },
    };
    expect((await admin('POST', '/api/v1/orders', online)).body.order.allocations[0].locationId).toBe('store-1');
    const pause = () => new Promise((resolve) => setTimeout(resolve, 5));
    await pause();
    const placedBetween = new Date().toISOString();
    await pause();
    const far = { id: 'O-2', lines: [{ sku: 'TEA', quantity: 2 }], destination: { latitude: 48.1, longitude: 11.6 } };
    expect((await admin('POST', '/api/v1/orders', far)).body.order.allocations[0].locationId).toBe('dc-1');
    await admin('POST', '/api/v1/orders/O-2/cancel');
    const pickup = { id: 'O-3', channel: 'pickup', pickupLocation: 'store-1', lines: [{ sku: 'TEA', quantity: 1 }] };
    expect((await clerk('POST', '/api/v1/orders', pickup)).status).toBe(201);

    const ids = async (query: string, as = admin) => {
      const listed = await as('GET', `/api/v1/orders${query}`);
      expect(listed.status).toBe(200);
      return listed.body.items.map((o: { id: string }) => o.id);
    };
    expect(await ids('')).toEqual(['O-1', 'O-2', 'O-3']);
    expect(await ids('?status=cancelled')).toEqual(['O-2']);
    expect(await ids('?status=allocated&status=cancelled&channel=online')).toEqual(['O-1', 'O-2']);
    expect(await ids('?location=dc-1')).toEqual(['O-2']);
    expect(await ids(`?until=${encodeURIComponent(placedBetween)}`)).toEqual(['O-1']);
    expect(await ids(`?from=${encodeURIComponent(placedBetween)}&channel=pickup`)).toEqual(['O-3']);
    expect(await ids('?limit=1&after=O-1')).toEqual(['O-2']);
    // The clerk's token covers store-1: the orders allocated or picked up there, not the one from dc-1.
    expect(await ids('', clerk)).toEqual(['O-1', 'O-3']);
    expect(await ids('?location=dc-1', clerk)).toEqual([]);
    expect(await ids('', api.as(api.tokens.viewer))).toEqual(['O-1', 'O-2', 'O-3']);

    const bad = await admin('GET', '/api/v1/orders?status=lost');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ path: 'status', in: 'query' });
    expect((await admin('GET', '/api/v1/orders?from=yesterday')).status).toBe(400);
  });
});

forEachDatabase((database) => {
  it('ships and cancels once per Idempotency-Key over HTTP, and refuses the key for another request', async () => {
    const api = await testApi(database);
    const admin = api.as(api.tokens.admin);
    const operator = api.as(api.tokens.operator);
    const clerk = api.as(api.tokens.clerk);
    await admin('POST', '/api/v1/movements/receive', { location: 'dc-1', lines: [{ sku: 'TEA', quantity: 40 }] });
    const order = (id: string) => ({
      id,
      lines: [{ sku: 'TEA', quantity: 3 }],
      destination: { latitude: 48.1, longitude: 11.6 },
    });
    for (const id of ['O-1', 'O-2', 'O-3'])
      expect((await operator('POST', '/api/v1/orders', order(id))).status).toBe(201);
    const movements = async () => (await admin('GET', '/api/v1/movements?documentType=order')).body.items.length;

    // The clerk's token covers store-1, not dc-1 where the order is held: refused, nothing ships.
    expect((await clerk('POST', '/api/v1/orders/O-1/ship', {})).status).toBe(403);
    expect((await clerk('POST', '/api/v1/orders/O-1/cancel')).status).toBe(403);

    const key = { 'idempotency-key': 'ship-O-1' };
    const shipped = await operator('POST', '/api/v1/orders/O-1/ship', {}, key);
    expect(shipped.body).toMatchObject({ id: 'O-1', status: 'shipped' });
    expect(await operator('POST', '/api/v1/orders/O-1/ship', {}, key)).toMatchObject({
      status: 200,
      body: shipped.body,
    });
    expect(await movements()).toBe(1);
    expect((await operator('POST', '/api/v1/orders/O-1/ship', {})).status).toBe(409);
    const conflict = await operator('POST', '/api/v1/orders/O-2/ship', {}, key);
    expect(conflict.body).toMatchObject({ code: 'idempotency_conflict' });
    expect((await admin('GET', '/api/v1/orders/O-2')).body.status).toBe('allocated');

    const cancelKey = { 'idempotency-key': 'cancel-O-2' };
    const cancelled = await operator('POST', '/api/v1/orders/O-2/cancel', undefined, cancelKey);
    expect(cancelled.body).toMatchObject({ id: 'O-2', status: 'cancelled' });
    expect(await operator('POST', '/api/v1/orders/O-2/cancel', undefined, cancelKey)).toMatchObject({
      status: 200,
      body: cancelled.body,
    });
    expect((await operator('POST', '/api/v1/orders/O-3/cancel', undefined, cancelKey)).body).toMatchObject({
      code: 'idempotency_conflict',
    });
    expect((await admin('GET', '/api/v1/stock?sku=TEA&location=dc-1')).body).toMatchObject({ onHand: 37, reserved: 3 });
  });
});
