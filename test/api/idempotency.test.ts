import { expect, it } from 'vitest';
import { forEachDatabase } from '../support/databases.js';
import { testApi } from '../support/api.js';

forEachDatabase((database) => {
  it("keeps each token's idempotency keys its own: another client's key neither answers nor blocks it", async () => {
    const api = await testApi(database);
    const key = { 'idempotency-key': 'req-1' };
    const receipt = (location: string, quantity: number) => ({ location, lines: [{ sku: 'TEA', quantity }] });
    const operator = api.as(api.tokens.operator);
    const clerk = api.as(api.tokens.clerk);

    const first = await operator('POST', '/api/v1/movements/receive', receipt('store-2', 5), key);
    expect(first.status).toBe(201);
    // The same key from another token: a request of its own, posted, never the operator's answer or a 422.
    const other = await clerk('POST', '/api/v1/movements/receive', receipt('store-1', 3), key);
    expect(other.status).toBe(201);
    expect(other.body.postingId).not.toBe(first.body.postingId);
    const same = await clerk('POST', '/api/v1/movements/receive', receipt('store-2', 5), key);
    expect(same.status).toBe(403);

    // Each token's retry still answers with its own first result, and its own conflicts are still refused.
    expect((await operator('POST', '/api/v1/movements/receive', receipt('store-2', 5), key)).body).toEqual(first.body);
    expect((await clerk('POST', '/api/v1/movements/receive', receipt('store-1', 3), key)).body).toEqual(other.body);
    const conflict = await clerk('POST', '/api/v1/movements/receive', receipt('store-1', 4), key);
    expect(conflict).toMatchObject({ status: 422, body: { code: 'idempotency_conflict' } });
    expect(conflict.body.detail).toContain("'req-1'");

    // Reservations and procedures key the same way.
    const take = { sku: 'TEA', location: 'store-1', quantity: 1 };
    const mine = await clerk('POST', '/api/v1/reservations', take, { 'idempotency-key': 'hold-1' });
    const theirs = await operator('POST', '/api/v1/reservations', take, { 'idempotency-key': 'hold-1' });
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.body.id).not.toBe(mine.body.id);

    const onHand = async (location: string) =>
      (await api.as(api.tokens.admin)('GET', `/api/v1/stock?sku=TEA&location=${location}`)).body;
    expect(await onHand('store-1')).toMatchObject({ onHand: 3, reserved: 2 });
    expect((await onHand('store-2')).onHand).toBe(5);
  });
});
