import { expect, it } from 'vitest';
import { verifyLedger } from '../../src/ledger/index.js';
import { forEachDatabase } from '../support/databases.js';
import { smallNetwork } from '../support/network.js';

forEachDatabase((database) => {
  it('posts a request sent twice with the same key once, and answers both with the first result', async () => {
    const { store, ledger } = await smallNetwork(database);
    const receipt = { location: 'dc-1', lines: [{ sku: 'TEA', quantity: 7 }], actor: 'ana', idempotencyKey: 'rcv-1' };
    const first = await ledger.receive(receipt);
    const again = await ledger.receive({ ...receipt, lines: [{ quantity: 7, sku: 'TEA' }] });
    expect(again).toEqual(first);
    expect((await ledger.balance('TEA', 'dc-1')).onHand).toBe(7);
    expect((await ledger.movements({})).items).toHaveLength(1);

    await expect(ledger.receive({ ...receipt, lines: [{ sku: 'TEA', quantity: 8 }] })).rejects.toMatchObject({
      code: 'idempotency_conflict',
      message: expect.stringContaining("'rcv-1'"),
    });
    await expect(
      ledger.sell({ location: 'dc-1', lines: [{ sku: 'TEA', quantity: 7 }], actor: 'ana', idempotencyKey: 'rcv-1' }),
    ).rejects.toMatchObject({
      code: 'idempotency_conflict',
      details: { operation: 'receive' },
    });
    expect((await ledger.balance('TEA', 'dc-1')).onHand).toBe(7);
    expect((await verifyLedger(store)).ok).toBe(true);
  });

  it("scopes keys by actor: one actor's key never answers another's request", async () => {
    const { ledger } = await smallNetwork(database);
    const receipt = { location: 'dc-1', lines: [{ sku: 'TEA', quantity: 7 }], idempotencyKey: 'k-1' };
    const ana = await ledger.receive({ ...receipt, actor: 'ana' });
    const bo = await ledger.receive({ ...receipt, actor: 'bo' });
    expect(bo.postingId).not.toBe(ana.postingId);
    expect(await ledger.receive({ ...receipt, actor: 'bo' })).toEqual(bo);
    await expect(ledger.sell({ ...receipt, actor: 'cy' })).resolves.toMatchObject({ movements: [{ kind: 'sell' }] });
    expect((await ledger.balance('TEA', 'dc-1')).onHand).toBe(7);
  });

  it('retries a refused request afresh: a failure does not use up its key', async () => {
    const { ledger } = await smallNetwork(database);
    const sale = { location: 'store-1', lines: [{ sku: 'MUG', quantity: 2 }], actor: 'till', idempotencyKey: 'sale-9' };
    await expect(ledger.sell(sale)).rejects.toMatchObject({ code: 'insufficient_stock' });
    await ledger.receive({ location: 'store-1', lines: [{ sku: 'MUG', quantity: 2 }], actor: 'ana' });
    const posted = await ledger.sell(sale);
    expect(posted.movements).toHaveLength(1);
    expect(await ledger.sell(sale)).toEqual(posted);
    expect((await ledger.balance('MUG', 'store-1')).onHand).toBe(0);
  });

  it('makes concurrent duplicates of one request post once', async () => {
    const { store, ledger } = await smallNetwork(database);
    const receipt = { location: 'dc-1', lines: [{ sku: 'TEA', quantity: 1 }], actor: 'ana', idempotencyKey: 'burst' };
    const results = await Promise.all(Array.from({ length: 12 }, () => ledger.receive(receipt)));
    expect(new Set(results.map((r) => r.postingId)).size).toBe(1);
    expect((await ledger.balance('TEA', 'dc-1')).onHand).toBe(1);
    expect((await verifyLedger(store)).ok).toBe(true);
  });

  it('replays reservation takes and commits by key', async () => {
    const { ledger, reservations } = await smallNetwork(database);
    await ledger.receive({ location: 'store-2', lines: [{ sku: 'TEA', quantity: 3 }], actor: 'ana' });
    const take = {
      sku: 'TEA',
      location: 'store-2',
      quantity: 2,
      actor: 'web',
      idempotencyKey: 'take-1',
      ttlSeconds: 600,
    };
    const first = await reservations.take(take);
    expect(await reservations.take(take)).toEqual(first);
    expect((await ledger.balance('TEA', 'store-2')).reserved).toBe(2);
    const commit = { reservationId: first.id, actor: 'web', idempotencyKey: 'commit-1' };
    const committed = await reservations.commit(commit);
    expect(await reservations.commit(commit)).toEqual(committed);
    expect((await ledger.balance('TEA', 'store-2')).onHand).toBe(1);
  });
});
