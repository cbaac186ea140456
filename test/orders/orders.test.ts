import { expect, it } from 'vitest';
import { isDomainError } from '../../src/errors/index.js';
import { verifyLedger } from '../../src/ledger/index.js';
import { createOrders } from '../../src/orders/index.js';
import { forEachDatabase } from '../support/databases.js';
import type { TestDatabase } from '../support/databases.js';
import { smallNetwork } from '../support/network.js';

/** The small network placed on the map: dc-1 in Berlin, store-1 in Hamburg (ships online), store-2 in Munich. */
async function mappedNetwork(database: TestDatabase, options: { poolSize?: number } = {}) {
  const network = await smallNetwork(database, options);
  await network.catalog.updateLocation('store-1', { latitude: 53.55, longitude: 9.99, shipsOnline: true });
  await network.catalog.updateLocation('store-2', { latitude: 48.14, longitude: 11.58, shipsOnline: true });
  return { ...network, orders: createOrders(network.store) };
}
const HAMBURG = { latitude: 53.56, longitude: 10.0 };
const MUNICH = { latitude: 48.15, longitude: 11.6 };

forEachDatabase((database) => {
  it('ships from the nearest location with the stock, keeps store protection, and explains its choice', async () => {
    const { ledger, orders, reservations } = await mappedNetwork(database);
    await ledger.receive({ location: 'dc-1', lines: [{ sku: 'TEA', quantity: 100 }], actor: 't' });
    await ledger.receive({ location: 'store-1', lines: [{ sku: 'TEA', quantity: 5 }], actor: 't' });

    const preview = await orders.preview({ lines: [{ sku: 'TEA', quantity: 3 }], destination: HAMBURG, actor: 'web' });
    expect(preview.shipments.map((s) => s.locationId)).toEqual(['store-1']);
    expect((await reservations.list()).items).toEqual([]);

    // Hamburg keeps 2 of its 5 on the shelf: 4 units come from Berlin in one parcel rather than two.
    const { order, plan } = await orders.place({
      lines: [{ sku: 'TEA', quantity: 4 }],
      destination: HAMBURG,
      actor: 'web',
    });
    expect(order.status).toBe('allocated');
    expect(plan.shipments.map((s) => [s.locationId, s.lines])).toEqual([['dc-1', [{ sku: 'TEA', quantity: 4 }]]]);
    expect(plan.alternatives.map((a) => a.locationId)).toContain('store-1');
    expect(order.allocations).toMatchObject([{ sku: 'TEA', locationId: 'dc-1', quantity: 4 }]);
    expect((await ledger.balance('TEA', 'dc-1')).reserved).toBe(4);

    const shipped = await orders.ship(order.id, { actor: 'dc-team' });
    expect(shipped.status).toBe('shipped');
    expect(await ledger.balance('TEA', 'dc-1')).toMatchObject({ onHand: 96, reserved: 0 });
    await expect(orders.cancel(order.id, { actor: 'web' })).rejects.toMatchObject({ code: 'illegal_transition' });
  });

  it('refuses or backorders what cannot be found, per request, and routes around a disrupted location', async () => {
    const { ledger, orders, catalog } = await mappedNetwork(database);
    await ledger.receive({ location: 'store-2', lines: [{ sku: 'MUG', quantity: 10 }], actor: 't' });
    await ledger.receive({ location: 'dc-1', lines: [{ sku: 'MUG', quantity: 3 }], actor: 't' });

    await expect(
      orders.place({ lines: [{ sku: 'MUG', quantity: 50 }], destination: MUNICH, onShortage: 'refuse', actor: 'web' }),
    ).rejects.toMatchObject({ code: 'insufficient_stock', details: { short: [{ sku: 'MUG', quantity: 39 }] } });
    expect((await ledger.balance('MUG', 'store-2')).reserved).toBe(0);

    const backordered = await orders.place({
      lines: [{ sku: 'MUG', quantity: 50 }],
      destination: MUNICH,
      actor: 'web',
    });
    expect(backordered.order.status).toBe('backordered');
    expect(backordered.plan.short).toEqual([{ sku: 'MUG', quantity: 39 }]);
    await orders.cancel(backordered.order.id, { actor: 'web' });
    expect((await ledger.balance('MUG', 'store-2')).reserved).toBe(0);

    await catalog.updateLocation('store-2', { status: 'disrupted' });
    const rerouted = await orders.place({ lines: [{ sku: 'MUG', quantity: 1 }], destination: MUNICH, actor: 'web' });
    expect(rerouted.plan.shipments.map((s) => s.locationId)).toEqual(['dc-1']);
    expect(rerouted.plan.excluded).toContainEqual({ locationId: 'store-2', reason: 'disrupted' });
  });

  it('never oversells when 100 orders compete for 30 units at once', async () => {
    const { store, ledger, orders } = await mappedNetwork(database, { poolSize: 12 });
    await ledger.receive({ location: 'dc-1', lines: [{ sku: 'RICE', quantity: 20 }], actor: 't' });
    await ledger.receive({ location: 'store-2', lines: [{ sku: 'RICE', quantity: 12 }], actor: 't' });
    const outcomes = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        orders
          .place({
            lines: [{ sku: 'RICE', quantity: 1 }],
            destination: i % 2 === 0 ? MUNICH : HAMBURG,
            onShortage: i % 3 === 0 ? 'backorder' : 'refuse',
            actor: `web-${i}`,
          })
          .then(
            ({ order }) => order.status,
            (error: unknown) => {
              if (isDomainError(error, 'insufficient_stock')) return 'refused';
              throw error;
            },
          ),
      ),
    );
    const allocated = outcomes.filter((o) => o === 'allocated').length;
    expect(outcomes.filter((o) => o !== 'allocated').every((o) => o === 'refused' || o === 'backordered')).toBe(true);
    // Never more than there is, and never a store's protected 2 units; each promise is a reservation.
    const dc = (await ledger.balance('RICE', 'dc-1')).reserved;
    const shop = (await ledger.balance('RICE', 'store-2')).reserved;
    expect(dc).toBeLessThanOrEqual(20);
    expect(shop).toBeLessThanOrEqual(10);
    expect(dc + shop).toBe(allocated);
    // An order gives up only after planning again several times, so nearly all of the stock is promised.
    expect(allocated).toBeGreaterThanOrEqual(25);
    expect((await verifyLedger(store)).ok).toBe(true);
  });

  it('lists what a disrupted location holds and moves its orders to the next-best sources', async () => {
    const { ledger, orders, catalog, reservations } = await mappedNetwork(database);
    await ledger.receive({ location: 'store-1', lines: [{ sku: 'TEA', quantity: 30 }], actor: 't' });
    await ledger.receive({ location: 'dc-1', lines: [{ sku: 'TEA', quantity: 5 }], actor: 't' });
    const first = await orders.place({ lines: [{ sku: 'TEA', quantity: 4 }], destination: HAMBURG, actor: 'web' });
    const second = await orders.place({ lines: [{ sku: 'TEA', quantity: 6 }], destination: HAMBURG, actor: 'web' });
    await reservations.take({ sku: 'TEA', location: 'store-1', quantity: 1, reference: 'till', actor: 'till' });
    expect(first.plan.shipments[0]!.locationId).toBe('store-1');

    await catalog.updateLocation('store-1', { status: 'disrupted' });
    const impact = await orders.impact('store-1');
    expect(impact.orders.map((o) => [o.orderId, o.units])).toEqual([
      [first.order.id, 4],
      [second.order.id, 6],
    ]);
    expect(impact.reservations).toMatchObject([{ sku: 'TEA', quantity: 1, reference: 'till' }]);

    const report = await orders.reroute('store-1', 'planner');
    expect(report.moved).toEqual([
      { orderId: first.order.id, status: 'allocated', to: ['dc-1'] },
      { orderId: second.order.id, status: 'backordered', to: ['dc-1'] },
    ]);
    expect((await ledger.balance('TEA', 'store-1')).reserved).toBe(1);
    expect((await ledger.balance('TEA', 'dc-1')).reserved).toBe(5);
    expect((await orders.impact('store-1')).orders).toEqual([]);
  });

  it('never lands an order at a location after it is disrupted, while orders keep coming', async () => {
    const { ledger, orders, catalog } = await mappedNetwork(database, { poolSize: 8 });
    await ledger.receive({ location: 'store-2', lines: [{ sku: 'MUG', quantity: 500 }], actor: 't' });
    await ledger.receive({ location: 'dc-1', lines: [{ sku: 'MUG', quantity: 500 }], actor: 't' });
    const place = (i: number) =>
      orders.place({ lines: [{ sku: 'MUG', quantity: 1 }], destination: MUNICH, reference: `o-${i}`, actor: 'web' });
    const before = await Promise.all(Array.from({ length: 20 }, (_, i) => place(i)));
    expect(before.every((p) => p.plan.shipments[0]!.locationId === 'store-2')).toBe(true);
    const during = Array.from({ length: 20 }, (_, i) => place(100 + i));
    await catalog.updateLocation('store-2', { status: 'disrupted' });
    await Promise.allSettled(during);
    const after = await Promise.all(Array.from({ length: 20 }, (_, i) => place(200 + i)));
    expect(after.every((p) => p.plan.shipments.every((s) => s.locationId !== 'store-2'))).toBe(true);
  });

  it('takes the network sourcing settings, under what each request gives', async () => {
    const network = await mappedNetwork(database);
    await network.ledger.receive({ location: 'dc-1', lines: [{ sku: 'TEA', quantity: 3 }], actor: 't' });
    await network.ledger.receive({ location: 'store-2', lines: [{ sku: 'TEA', quantity: 13 }], actor: 't' });
    const oneParcel = createOrders(network.store, { maxParcels: 1, protectedUnits: 0 });
    const lines = [{ sku: 'TEA', quantity: 15 }];
    const single = await oneParcel.preview({ lines, destination: MUNICH, actor: 'web' });
    expect(single.shipments).toHaveLength(1);
    expect(single.short).toEqual([{ sku: 'TEA', quantity: 2 }]);
    const split = await oneParcel.preview({ lines, destination: MUNICH, costs: { maxParcels: 2 }, actor: 'web' });
    expect(split.shipments.map((s) => s.locationId)).toEqual(['store-2', 'dc-1']);
    expect(split.short).toEqual([]);
  });
});

forEachDatabase((database) => {
  it('lists orders by status, channel, location and when placed, a page at a time, within a scope', async () => {
    const { ledger, orders } = await mappedNetwork(database);
    await ledger.receive({ location: 'dc-1', lines: [{ sku: 'TEA', quantity: 100 }], actor: 't' });
    await ledger.receive({ location: 'store-1', lines: [{ sku: 'TEA', quantity: 10 }], actor: 't' });
    await ledger.receive({ location: 'store-2', lines: [{ sku: 'MUG', quantity: 10 }], actor: 't' });
    const tea = (quantity: number) => [{ sku: 'TEA', quantity }];
    await orders.place({ id: 'O-1', lines: tea(3), destination: HAMBURG, actor: 'web' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const boundary = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const pickup = { channel: 'pickup' as const, actor: 'till' };
    await orders.place({ id: 'O-2', ...pickup, pickupLocation: 'store-2', lines: [{ sku: 'MUG', quantity: 2 }] });
    await orders.place({ id: 'O-3', lines: tea(2), destination: MUNICH, actor: 'web' });
    await orders.cancel('O-3', { actor: 'web' });
    await orders.place({ id: 'O-4', lines: [{ sku: 'RICE', quantity: 1 }], destination: MUNICH, actor: 'web' });
    await orders.place({ id: 'O-5', ...pickup, pickupLocation: 'store-1', lines: [{ sku: 'RICE', quantity: 1 }] });

    const ids = async (filter: Parameters<typeof orders.list>[0], scope: string[] | null = null) =>
      (await orders.list(filter, scope)).items.map((o) => o.id);
    expect(await ids({})).toEqual(['O-1', 'O-2', 'O-3', 'O-4', 'O-5']);
    expect(await ids({ status: 'allocated' })).toEqual(['O-1', 'O-2']);
    expect(await ids({ status: ['cancelled', 'backordered'] })).toEqual(['O-3', 'O-4', 'O-5']);
    expect(await ids({ channel: 'pickup' })).toEqual(['O-2', 'O-5']);
    expect(await ids({ location: 'store-1' })).toEqual(['O-1']);
    expect(await ids({ location: 'dc-1' })).toEqual(['O-3']);
    expect(await ids({ location: 'nowhere' })).toEqual([]);
    expect(await ids({ until: boundary })).toEqual(['O-1']);
    expect(await ids({ from: boundary, channel: 'online' })).toEqual(['O-3', 'O-4']);
    // A scope sees the orders allocated at its locations, or picked up there.
    expect(await ids({}, ['store-1'])).toEqual(['O-1', 'O-5']);
    expect(await ids({ status: 'allocated' }, ['store-2'])).toEqual(['O-2']);
    expect(await ids({ location: 'dc-1' }, ['store-1'])).toEqual([]);

    const first = await orders.list({ limit: 2 });
    expect(first.items.map((o) => o.id)).toEqual(['O-1', 'O-2']);
    expect(first.items[0]).toMatchObject({ lines: tea(3), allocations: [{ locationId: 'store-1', quantity: 3 }] });
    expect(first.items[0]).toEqual(await orders.get('O-1'));
    const second = await orders.list({ limit: 2, after: first.nextCursor! });
    expect(second.items.map((o) => o.id)).toEqual(['O-3', 'O-4']);
    const last = await orders.list({ limit: 2, after: second.nextCursor! });
    expect(last).toMatchObject({ items: [{ id: 'O-5' }], nextCursor: null });
    await expect(orders.list({ status: ['lost' as 'shipped'] })).rejects.toMatchObject({ code: 'validation_failed' });
  });
});
