import { expect, it } from 'vitest';
import { verifyLedger } from '../../src/ledger/index.js';
import { forEachDatabase } from '../support/databases.js';
import { smallNetwork } from '../support/network.js';

forEachDatabase((database) => {
  it('takes against available, releases, and commits to a sale', async () => {
    const { store, ledger, reservations } = await smallNetwork(database);
    await ledger.receive({ location: 'store-1', lines: [{ sku: 'TEA', quantity: 10 }], actor: 'ana' });

    const a = await reservations.take({
      sku: 'TEA',
      location: 'store-1',
      quantity: 6,
      reference: 'order-1',
      actor: 'web',
    });
    expect(a).toMatchObject({ status: 'active', quantity: 6, reference: 'order-1' });
    expect(await ledger.balance('TEA', 'store-1')).toMatchObject({ onHand: 10, reserved: 6, available: 4 });

    await expect(
      reservations.take({ sku: 'TEA', location: 'store-1', quantity: 5, actor: 'web' }),
    ).rejects.toMatchObject({
      code: 'insufficient_stock',
      details: { available: 4, requested: 5, reserved: 6 },
    });
    // Reserved stock cannot be sold at the till either.
    await expect(
      ledger.sell({ location: 'store-1', lines: [{ sku: 'TEA', quantity: 5 }], actor: 'till' }),
    ).rejects.toMatchObject({
      code: 'insufficient_stock',
    });

    const b = await reservations.take({ sku: 'TEA', location: 'store-1', quantity: 4, actor: 'web' });
    expect((await ledger.balance('TEA', 'store-1')).available).toBe(0);
    await reservations.release({ reservationId: b.id, actor: 'web' });
    expect((await ledger.balance('TEA', 'store-1')).available).toBe(4);
    await expect(reservations.release({ reservationId: b.id, actor: 'web' })).rejects.toMatchObject({
      code: 'illegal_transition',
    });

    const { reservation, posting } = await reservations.commit({
      reservationId: a.id,
      quantity: 5,
      kind: 'sell',
      actor: 'web',
    });
    expect(reservation).toMatchObject({ status: 'committed', postingId: posting.postingId });
    expect(posting.movements).toMatchObject([
      {
        sku: 'TEA',
        fromLocationId: 'store-1',
        toLocationId: 'customer',
        quantity: 5,
        kind: 'sell',
        reference: 'order-1',
      },
    ]);
    // Committing 5 of 6 releases the sixth.
    expect(await ledger.balance('TEA', 'store-1')).toMatchObject({ onHand: 5, reserved: 0, available: 5 });
    await expect(reservations.commit({ reservationId: a.id, actor: 'web' })).rejects.toMatchObject({
      code: 'illegal_transition',
    });
    await expect(reservations.commit({ reservationId: 'missing', actor: 'web' })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect((await verifyLedger(store)).ok).toBe(true);
  });

  it('refuses reservations where stock cannot be promised', async () => {
    const { ledger, reservations, catalog } = await smallNetwork(database);
    await ledger.receive({ location: 'store-1', lines: [{ sku: 'TEA', quantity: 3 }], actor: 'ana' });
    const take = (input: Partial<Parameters<typeof reservations.take>[0]>) =>
      reservations.take({ sku: 'TEA', location: 'store-1', quantity: 1, actor: 'web', ...input });
    await expect(take({ sku: 'NOPE' })).rejects.toMatchObject({ code: 'unknown_sku' });
    await expect(take({ location: 'nowhere' })).rejects.toMatchObject({ code: 'unknown_location' });
    await expect(take({ location: 'customer' })).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(take({ quantity: 0 })).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(take({ expiresAt: '2020-01-01T00:00:00Z' })).rejects.toMatchObject({ code: 'validation_failed' });
    // A location that allows negative stock still cannot promise stock it does not have.
    await expect(take({ location: 'wh-neg' })).rejects.toMatchObject({ code: 'insufficient_stock' });
    await catalog.updateLocation('store-1', { status: 'disrupted' });
    await expect(take({})).rejects.toMatchObject({ code: 'location_unavailable' });
  });

  it('sweeps expired reservations and will not commit them', async () => {
    const { store, ledger, reservations } = await smallNetwork(database);
    await ledger.receive({ location: 'dc-1', lines: [{ sku: 'MUG', quantity: 5 }], actor: 'ana' });
    const soon = await reservations.take({ sku: 'MUG', location: 'dc-1', quantity: 2, ttlSeconds: 60, actor: 'web' });
    const later = await reservations.take({
      sku: 'MUG',
      location: 'dc-1',
      quantity: 1,
      ttlSeconds: 3600,
      actor: 'web',
    });

    expect(await reservations.sweepExpired(new Date(Date.now() + 120_000))).toBe(1);
    expect(await reservations.get(soon.id)).toMatchObject({ status: 'expired' });
    expect(await reservations.get(later.id)).toMatchObject({ status: 'active' });
    expect(await ledger.balance('MUG', 'dc-1')).toMatchObject({ reserved: 1, available: 4 });
    await expect(reservations.commit({ reservationId: soon.id, actor: 'web' })).rejects.toMatchObject({
      code: 'illegal_transition',
      details: { status: 'expired' },
    });
    expect((await reservations.list({ status: 'active' })).items.map((r) => r.id)).toEqual([later.id]);
    expect((await verifyLedger(store)).ok).toBe(true);
  });
});
