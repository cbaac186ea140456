import { expect, it } from 'vitest';
import { verifyLedger } from '../../src/ledger/index.js';
import { createOrders } from '../../src/orders/index.js';
import { forEachDatabase } from '../support/databases.js';
import type { TestDatabase } from '../support/databases.js';
import { smallNetwork } from '../support/network.js';

const HAMBURG = { latitude: 53.56, longitude: 10.0 };

/** The small network with dc-1 (Berlin) stocked: every online order ships from it. */
async function stockedNetwork(database: TestDatabase, options: { poolSize?: number } = {}) {
  const network = await smallNetwork(database, options);
  await network.ledger.receive({
    location: 'dc-1',
    lines: [
      { sku: 'MUG', quantity: 10 },
      { sku: 'TEA', quantity: 10 },
    ],
    actor: 't',
  });
  const orders = createOrders(network.store);
  const place = async (id: string) =>
    (
      await orders.place({
        id,
        lines: [
          { sku: 'MUG', quantity: 2 },
          { sku: 'TEA', quantity: 3 },
        ],
        destination: HAMBURG,
        actor: 'web',
      })
    ).order;
  /** What the ledger shows at dc-1, and how many movements orders posted. */
  const books = async () => ({
    mug: await network.ledger.balance('MUG', 'dc-1'),
    tea: await network.ledger.balance('TEA', 'dc-1'),
    shipped: (await network.ledger.movements({ documentType: 'order' })).items.length,
  });
  return { ...network, orders, place, books };
}

forEachDatabase((database) => {
  it('ships all or nothing: a lapsed reservation midway leaves the stock and the order as they were', async () => {
    const { store, orders, reservations, place, books } = await stockedNetwork(database);
    const order = await place('O-1');
    // MUG is committed first (allocations go by SKU); TEA's reservation has lapsed, unswept.
    const tea = order.allocations.find((a) => a.sku === 'TEA')!;
    await store.db
      .updateTable('reservations')
      .set({ expires_at: new Date(Date.now() - 60_000).toISOString() })
      .where('id', '=', tea.reservationId)
      .execute();
    const before = await books();

    await expect(orders.ship('O-1', { actor: 'dc' })).rejects.toMatchObject({
      code: 'illegal_transition',
      details: { reservationId: tea.reservationId, status: 'expired' },
    });
    expect(await books()).toEqual(before);
    expect(before).toMatchObject({ mug: { onHand: 10, reserved: 2 }, tea: { onHand: 10, reserved: 3 }, shipped: 0 });
    expect(await orders.get('O-1')).toEqual(order);
    for (const a of order.allocations) expect((await reservations.get(a.reservationId)).status).toBe('active');
    expect((await verifyLedger(store)).ok).toBe(true);
  });

  it('ships an order once when two ships race: the other is refused and posts nothing', async () => {
    const { orders, place, books } = await stockedNetwork(database, { poolSize: 4 });
    await place('O-1');
    const outcomes = await Promise.allSettled([
      orders.ship('O-1', { actor: 'dc-a' }),
      orders.ship('O-1', { actor: 'dc-b' }),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'illegal_transition' });
    expect(await books()).toMatchObject({
      mug: { onHand: 8, reserved: 0 },
      tea: { onHand: 7, reserved: 0 },
      shipped: 2,
    });
    expect((await orders.get('O-1')).status).toBe('shipped');
  });

  it('ships and cancels once per idempotency key, and refuses the key for another request', async () => {
    const { orders, place, books } = await stockedNetwork(database);
    await place('O-1');
    await place('O-2');
    await place('O-3');

    const first = await orders.ship('O-1', { skus: ['MUG'], actor: 'dc', idempotencyKey: 'ship-1' });
    expect(first.status).toBe('partially_shipped');
    expect(await orders.ship('O-1', { skus: ['MUG'], actor: 'dc', idempotencyKey: 'ship-1' })).toEqual(first);
    expect(await books()).toMatchObject({ mug: { onHand: 8 }, shipped: 1 });
    // The same key for other lines, or for another order, is another request.
    await expect(orders.ship('O-1', { actor: 'dc', idempotencyKey: 'ship-1' })).rejects.toMatchObject({
      code: 'idempotency_conflict',
    });
    await expect(orders.ship('O-2', { skus: ['MUG'], actor: 'dc', idempotencyKey: 'ship-1' })).rejects.toMatchObject({
      code: 'idempotency_conflict',
    });
    expect(await books()).toMatchObject({ mug: { onHand: 8 }, tea: { onHand: 10 }, shipped: 1 });

    const cancelled = await orders.cancel('O-2', { actor: 'web', idempotencyKey: 'cancel-2' });
    expect(cancelled.status).toBe('cancelled');
    // Without the key a second cancel is refused; with it, the retry answers the cancelled order.
    await expect(orders.cancel('O-2', { actor: 'web' })).rejects.toMatchObject({ code: 'illegal_transition' });
    expect(await orders.cancel('O-2', { actor: 'web', idempotencyKey: 'cancel-2' })).toEqual(cancelled);
    await expect(orders.cancel('O-3', { actor: 'web', idempotencyKey: 'cancel-2' })).rejects.toMatchObject({
      code: 'idempotency_conflict',
    });
    expect((await orders.get('O-3')).status).toBe('allocated');
    // O-1's TEA and all of O-3 are still held: 3 + 3 TEA, 2 MUG.
    expect(await books()).toMatchObject({ mug: { reserved: 2 }, tea: { reserved: 6 } });
  });

  it("refuses, inside the service, a caller whose scope does not cover the order's locations", async () => {
    const { ledger, orders, place, books, catalog } = await stockedNetwork(database);
    await place('O-1');
    const before = await books();
    await expect(orders.ship('O-1', { actor: 'clerk' }, ['store-1'])).rejects.toMatchObject({
      code: 'forbidden',
      details: { locations: ['dc-1'], allowed: ['store-1'] },
    });
    await expect(orders.cancel('O-1', { actor: 'clerk' }, ['store-1'])).rejects.toMatchObject({ code: 'forbidden' });
    expect(await books()).toEqual(before);
    expect((await orders.get('O-1')).status).toBe('allocated');
    expect((await orders.ship('O-1', { actor: 'dc' }, ['dc-1', 'store-1'])).status).toBe('shipped');

    // A scoped caller places only pickups and store sales at its own stores.
    await catalog.updateLocation('store-1', { latitude: 53.55, longitude: 9.99 });
    await ledger.receive({ location: 'store-1', lines: [{ sku: 'TEA', quantity: 5 }], actor: 't' });
    const tea = [{ sku: 'TEA', quantity: 1 }];
    await expect(orders.place({ lines: tea, destination: HAMBURG, actor: 'clerk' }, ['store-1'])).rejects.toMatchObject(
      { code: 'forbidden', details: { allowed: ['store-1'] } },
    );
    await expect(
      orders.place({ lines: tea, destination: HAMBURG, pickupLocation: 'store-1', actor: 'clerk' }, ['store-1']),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      orders.place({ channel: 'pickup', pickupLocation: 'store-2', lines: tea, actor: 'clerk' }, ['store-1']),
    ).rejects.toMatchObject({ code: 'forbidden', details: { locations: ['store-2'] } });
    const pickup = await orders.place({ channel: 'pickup', pickupLocation: 'store-1', lines: tea, actor: 'clerk' }, [
      'store-1',
    ]);
    expect(pickup.order.allocations).toMatchObject([{ locationId: 'store-1' }]);
    expect((await orders.cancel(pickup.order.id, { actor: 'clerk' }, ['store-1'])).status).toBe('cancelled');

    // An online order found nowhere (all backordered) touches no store: no scoped caller may cancel it.
    const nowhere = await orders.place({
      id: 'O-9',
      lines: [{ sku: 'RICE', quantity: 1 }],
      destination: HAMBURG,
      actor: 'web',
    });
    expect(nowhere.order).toMatchObject({ status: 'backordered', allocations: [] });
    await expect(orders.cancel('O-9', { actor: 'clerk' }, ['store-1'])).rejects.toMatchObject({ code: 'forbidden' });
    expect((await orders.cancel('O-9', { actor: 'web' })).status).toBe('cancelled');
  });
});
