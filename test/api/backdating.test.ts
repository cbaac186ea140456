import { expect, it } from 'vitest';
import { verifyLedger } from '../../src/ledger/index.js';
import { forEachDatabase } from '../support/databases.js';
import { testApi } from '../support/api.js';

const lines = (quantity: number) => [{ sku: 'TEA', quantity }];

forEachDatabase((database) => {
  it('refuses postings on or before the lock date an admin sets, through every route that posts', async () => {
    const api = await testApi(database);
    const admin = api.as(api.tokens.admin);
    expect((await admin('GET', '/api/v1/settings/lock-date')).body).toEqual({
      lockDate: null,
      updatedAt: null,
      updatedBy: null,
    });
    const lock = (lockDate: string | null, token = api.tokens.admin) =>
      api.as(token)('PUT', '/api/v1/settings/lock-date', { lockDate });
    expect((await lock('2026-01-01T00:00:00Z', api.tokens.planner)).status).toBe(403);
    const future = await lock(new Date(Date.now() + 86_400_000).toISOString());
    expect(future).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    expect((await lock('yesterday')).status).toBe(400);
    const locked = await lock('2026-01-01T00:00:00+01:00');
    expect(locked).toMatchObject({
      status: 200,
      body: { lockDate: '2025-12-31T23:00:00.000Z', updatedBy: 'bootstrap-admin' },
    });
    expect((await api.as(api.tokens.viewer)('GET', '/api/v1/settings/lock-date')).body.lockDate).toBe(
      '2025-12-31T23:00:00.000Z',
    );

    const receive = (occurredAt: string) =>
      admin('POST', '/api/v1/movements/receive', { location: 'dc-1', lines: lines(10), occurredAt });
    const before = await receive('2025-06-01T00:00:00Z');
    expect(before).toMatchObject({
      status: 422,
      body: { code: 'period_locked', lockDate: '2025-12-31T23:00:00.000Z' },
    });
    expect(before.body.detail).toContain('PUT /api/v1/settings/lock-date');
    expect((await receive('2025-12-31T23:00:00Z')).body.code).toBe('period_locked');
    expect((await receive('2025-12-31T23:00:00.001Z')).status).toBe(201);
    // A document's step posts too, so the lock holds there as well.
    await api.services.transferOrders.create({ id: 'T-1', from: 'dc-1', to: 'store-1', lines: lines(4), actor: 't' });
    const shipped = await admin('POST', '/api/v1/transfer-orders/T-1/ship', { occurredAt: '2025-12-01T00:00:00Z' });
    expect(shipped).toMatchObject({ status: 422, body: { code: 'period_locked' } });
    expect((await admin('GET', '/api/v1/transfer-orders/T-1')).body.status).toBe('draft');
    const batch = await admin('POST', '/api/v1/movements', {
      occurredAt: '2024-01-01T00:00:00Z',
      movements: [{ sku: 'MUG', from: 'supplier', to: 'dc-1', quantity: 1, kind: 'receive' }],
    });
    expect(batch.status).toBe(422);

    // An import is checked against the lock before it writes: one locked row and the file writes nothing.
    const file = [
      'occurred_at,kind,sku,from,to,quantity',
      '2026-02-01T00:00:00Z,receive,MUG,supplier,dc-1,3',
      '2025-11-30T00:00:00Z,receive,MUG,supplier,dc-1,1',
    ].join('\n');
    const imported = await admin('POST', '/api/v1/imports/movements', file, { 'content-type': 'text/csv' });
    expect(imported).toMatchObject({
      status: 400,
      body: { errors: [expect.objectContaining({ path: 'line 3.occurred_at' })] },
    });
    expect((await admin('GET', '/api/v1/stock?sku=MUG&location=dc-1')).body.onHand).toBe(0);

    // Lifting the lock reopens the period.
    expect((await lock(null)).body.lockDate).toBeNull();
    expect((await receive('2025-06-01T00:00:00Z')).status).toBe(201);
    expect(await verifyLedger(api.store)).toMatchObject({ ok: true });
  });

  it('checks a backdated posting against the stock floor at its own time and every time after', async () => {
    const api = await testApi(database);
    const admin = api.as(api.tokens.admin);
    const post = (path: string, occurredAt: string, quantity: number, location = 'store-1') =>
      admin('POST', `/api/v1/movements/${path}`, { location, lines: lines(quantity), occurredAt });
    const onHandAt = async (at: string, location = 'store-1') =>
      (await admin('GET', `/api/v1/stock/as-of?sku=TEA&location=${location}&at=${at}`)).body.onHand;

    // Stock arrives today: a sale dated 2020 would have sold stock that was not there yet.
    const now = new Date();
    expect((await post('receive', now.toISOString(), 10)).status).toBe(201);
    const before = await post('sell', '2020-01-01T00:00:00Z', 5);
    expect(before).toMatchObject({
      status: 409,
      body: { code: 'insufficient_stock', location: 'store-1', sku: 'TEA', onHand: -5 },
    });
    expect(before.body.detail).toContain('Posting dated 2020-01-01T00:00:00.000Z would leave -5');
    expect(await onHandAt('2020-06-01T00:00:00Z')).toBe(0);

    // Received 10 on 1 March, sold 8 on 1 May, received 10 on 1 June: today's balance is 22. A sale
    // of 5 dated 1 April leaves 5 on 1 April, but -3 between 1 May and 1 June.
    const year = now.getUTCFullYear() - 1;
    const at = (month: number) => new Date(Date.UTC(year, month - 1, 1)).toISOString();
    expect((await post('receive', at(3), 10)).status).toBe(201);
    expect((await post('sell', at(5), 8)).status).toBe(201);
    expect((await post('receive', at(6), 10)).status).toBe(201);
    const dip = await post('sell', at(4), 5);
    expect(dip).toMatchObject({ status: 409, body: { code: 'insufficient_stock', onHand: -3, until: at(6) } });
    // Two units fit everywhere; the one dated after the second receipt, five.
    expect((await post('sell', at(4), 2)).status).toBe(201);
    expect((await post('sell', at(7), 5)).status).toBe(201);
    expect(await onHandAt(at(5))).toBe(0);
    // Where stock may go negative, backdating is no matter.
    expect((await post('sell', '2020-01-01T00:00:00Z', 5, 'wh-neg')).status).toBe(201);
    expect(await onHandAt('2020-01-01T00:00:00Z', 'wh-neg')).toBe(-5);

    // A posting that takes no more than it brings at its time is no backdated outflow.
    const swap = await admin('POST', '/api/v1/movements', {
      occurredAt: '2020-01-01T00:00:00Z',
      movements: [
        { sku: 'TEA', from: 'supplier', to: 'store-2', quantity: 3, kind: 'receive' },
        { sku: 'TEA', from: 'store-2', to: 'customer', quantity: 3, kind: 'sell' },
      ],
    });
    expect(swap.status).toBe(201);
    expect(await verifyLedger(api.store)).toMatchObject({ ok: true });
  });
});
