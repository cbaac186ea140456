import { expect, it } from 'vitest';
import { forEachDatabase } from '../support/databases.js';
import { testApi } from '../support/api.js';

forEachDatabase((database) => {
  it('ships and receives a transfer through the API, refusing a second shipment and a late cancel', async () => {
    const api = await testApi(database);
    const admin = api.as(api.tokens.admin);
    const operator = api.as(api.tokens.operator);
    await admin('POST', '/api/v1/movements/receive', { location: 'dc-1', lines: [{ sku: 'TEA', quantity: 20 }] });

    const created = await operator('POST', '/api/v1/transfer-orders', {
      id: 'T-7',
      from: 'dc-1',
      to: 'store-1',
      lines: [{ sku: 'TEA', quantity: 12 }],
    });
    expect(created.status).toBe(201);
    const shipped = await operator('POST', '/api/v1/transfer-orders/T-7/ship', {});
    expect(shipped.body.transfer).toMatchObject({ status: 'shipped' });
    expect((await operator('POST', '/api/v1/transfer-orders/T-7/ship', {})).body).toMatchObject({
      status: 409,
      code: 'illegal_transition',
    });
    expect((await operator('POST', '/api/v1/transfer-orders/T-7/cancel')).status).toBe(409);
    expect((await operator('GET', '/api/v1/stock?sku=TEA&location=store-1')).body).toMatchObject({ inbound: 12 });

    const received = await api.as(api.tokens.clerk)('POST', '/api/v1/transfer-orders/T-7/receive', {
      lines: [{ sku: 'TEA', quantity: 11, shortfall: 1 }],
      reason: 'dropped',
    });
    expect(received.status).toBe(200);
    expect(received.body.transfer).toMatchObject({ status: 'received' });
    expect((await operator('GET', '/api/v1/stock?sku=TEA&location=store-1')).body).toMatchObject({
      onHand: 11,
      inbound: 0,
    });
  });

  it('counts blind over HTTP, and lets only a planner approve large variances, once', async () => {
    const api = await testApi(database);
    const admin = api.as(api.tokens.admin);
    const clerk = api.as(api.tokens.clerk);
    await admin('POST', '/api/v1/movements/receive', { location: 'store-1', lines: [{ sku: 'TEA', quantity: 30 }] });
    const session = await clerk('POST', '/api/v1/cycle-counts', { location: 'store-1', thresholdUnits: 2 });
    expect(session.status).toBe(201);
    const id = session.body.id as string;
    const counted = await clerk('PUT', `/api/v1/cycle-counts/${id}/lines/TEA`, { quantity: 20 });
    expect(counted.body.lines[0]).toMatchObject({ countedQuantity: 20, systemQuantity: null });
    expect((await admin('GET', `/api/v1/cycle-counts/${id}`)).body.lines[0].systemQuantity).toBeNull();

    const submitted = await clerk('POST', `/api/v1/cycle-counts/${id}/submit`);
    expect(submitted.body).toMatchObject({ status: 'pending_approval' });
    expect(submitted.body.lines[0]).toMatchObject({ systemQuantity: 30, variance: -10, state: 'held' });
    expect((await clerk('POST', `/api/v1/cycle-counts/${id}/approve`)).status).toBe(403);
    expect((await api.as(api.tokens.planner)('POST', `/api/v1/cycle-counts/${id}/approve`)).body).toMatchObject({
      status: 'closed',
    });
    expect((await api.as(api.tokens.planner)('POST', `/api/v1/cycle-counts/${id}/approve`)).status).toBe(409);
    expect((await clerk('GET', '/api/v1/stock?sku=TEA&location=store-1')).body).toMatchObject({ onHand: 20 });
    expect((await clerk('GET', '/api/v1/locations/store-1/count-accuracy')).body).toMatchObject({
      linesCounted: 1,
      accuracy: 0,
    });
  });

  it('takes a return into quarantine and restocks it after inspection over HTTP', async () => {
    const api = await testApi(database);
    const clerk = api.as(api.tokens.clerk);
    const taken = await clerk(
      'POST',
      '/api/v1/returns',
      {
        location: 'store-1',
        reason: 'not_as_described',
        lines: [{ sku: 'MUG', quantity: 2, disposition: 'quarantine' }],
      },
      { 'idempotency-key': 'return-77' },
    );
    expect(taken.status).toBe(201);
    expect(taken.body.return).toMatchObject({ status: 'inspecting', createdBy: 'clerk' });
    const id = taken.body.return.id as string;
    expect(
      (await clerk('POST', `/api/v1/returns/${id}/lines/MUG/inspect`, { outcome: 'restock' })).body.return,
    ).toMatchObject({
      status: 'closed',
    });
    expect((await clerk('GET', '/api/v1/stock?sku=MUG&location=store-1')).body).toMatchObject({ available: 2 });
    expect((await clerk('GET', '/api/v1/returns/summary?reason=not_as_described')).body.rows).toEqual([
      {
        locationId: 'store-1',
        sku: 'MUG',
        reason: 'not_as_described',
        quantity: 2,
        restocked: 2,
        quarantined: 0,
        scrapped: 0,
        returnedToVendor: 0,
      },
    ]);
    expect(
      (
        await clerk('POST', '/api/v1/returns', {
          location: 'store-2',
          reason: 'unwanted',
          lines: [{ sku: 'MUG', quantity: 1, disposition: 'restock' }],
        })
      ).status,
    ).toBe(403);
  });
});
