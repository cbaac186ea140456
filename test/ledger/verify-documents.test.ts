import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { createSuppliers } from '../../src/catalog/index.js';
import { verifyLedger } from '../../src/ledger/index.js';
import { createPurchaseOrders, createReturns, createTransferOrders } from '../../src/procedures/index.js';
import { newId } from '../../src/store/index.js';
import type { Store } from '../../src/store/index.js';
import { forEachDatabase } from '../support/databases.js';
import type { TestDatabase } from '../support/databases.js';
import { smallNetwork } from '../support/network.js';

/**
 * Moves units behind the services' back the way a bad manual fix would: a movement row and both
 * balances, consistent with each other, so that the ledger's own invariants still hold and only the
 * documents can tell.
 */
async function moveBehindTheBack(store: Store, sku: string, from: string, to: string, quantity: number, kind: string) {
  const now = new Date().toISOString();
  await sql`insert into movements (id, posting_id, line, sku, from_location_id, to_location_id, quantity, kind, reason, reference, actor, occurred_at, recorded_at)
            values (${newId()}, ${newId()}, 0, ${sku}, ${from}, ${to}, ${quantity}, ${kind}, 'manual fix', null, 'dba', ${now}, ${now})`.execute(
    store.db,
  );
  for (const [location, change] of [
    [from, -quantity],
    [to, quantity],
  ] as const) {
    await sql`insert into balances (sku, location_id, on_hand, reserved, updated_at, latest_at)
              values (${sku}, ${location}, ${change}, 0, ${now}, ${now})
              on conflict (sku, location_id) do update set on_hand = balances.on_hand + ${change}, latest_at = ${now}`.execute(
      store.db,
    );
  }
}

/** The small network with transfer T-1 (10 TEA, dc-1 → store-1) shipped. */
async function shippedTransfer(database: TestDatabase) {
  const { store, ledger } = await smallNetwork(database);
  await ledger.receive({ location: 'dc-1', lines: [{ sku: 'TEA', quantity: 50 }], actor: 'ana' });
  const transfers = createTransferOrders(store);
  await transfers.create({
    id: 'T-1',
    from: 'dc-1',
    to: 'store-1',
    lines: [{ sku: 'TEA', quantity: 10 }],
    ship: true,
    actor: 'ana',
  });
  return { store, transfers };
}

forEachDatabase((database) => {
  it('finds a transfer, a purchase order and a quarantine that disagree with the ledger', async () => {
    const { store } = await shippedTransfer(database);
    await createSuppliers(store).create({ id: 'acme', name: 'Acme', leadTimeDays: 3 });
    const orders = createPurchaseOrders(store);
    const order = await orders.create({
      id: 'PO-1',
      supplier: 'acme',
      location: 'dc-1',
      lines: [{ sku: 'MUG', quantity: 6 }],
      submit: true,
      actor: 'ana',
    });
    await orders.receive(order.id, { lines: [{ sku: 'MUG', quantity: 4 }], actor: 'ole' });
    const returns = createReturns(store);
    const taken = await returns.receive({
      location: 'store-1',
      reason: 'defective',
      lines: [{ sku: 'TEA', quantity: 2, disposition: 'quarantine' }],
      actor: 'mia',
    });
    expect(await verifyLedger(store)).toMatchObject({ ok: true, documents: [] });

    // Two of the transfer's units scrapped, a quarantined unit put back on the shelf, one more unit
    // "received" on the purchase order: the ledger balances, the documents no longer agree with it.
    await moveBehindTheBack(store, 'TEA', 'transit:T-1', 'scrap', 2, 'scrap');
    await moveBehindTheBack(store, 'TEA', 'quarantine:store-1', 'store-1', 1, 'release');
    await sql`update purchase_order_lines set received = 5 where order_id = 'PO-1' and sku = 'MUG'`.execute(store.db);

    const report = await verifyLedger(store);
    expect(report).toMatchObject({ ok: false, drift: [], conservation: [], negative: [], reservations: [] });
    expect(report.documents).toEqual([
      expect.objectContaining({
        document: 'transfer_order',
        documentIds: ['T-1'],
        sku: 'TEA',
        locationId: 'transit:T-1',
        expected: 10,
        ledger: 8,
      }),
      expect.objectContaining({
        document: 'purchase_order',
        documentIds: ['PO-1'],
        sku: 'MUG',
        locationId: 'dc-1',
        expected: 5,
        ledger: 4,
      }),
      expect.objectContaining({
        document: 'customer_return',
        documentIds: [taken.return.id],
        sku: 'TEA',
        locationId: 'quarantine:store-1',
        expected: 2,
        ledger: 1,
      }),
    ]);
    expect(report.documents[0]!.problem).toBe('transfer T-1 (shipped) has 10 of TEA in transit, its transit holds 8');
  });

  it('finds stock left in the transit of a transfer that is received', async () => {
    const { store, transfers } = await shippedTransfer(database);
    await transfers.receive('T-1', { lines: [{ sku: 'TEA', quantity: 10 }], actor: 'mia' });
    expect(await verifyLedger(store)).toMatchObject({ ok: true });
    await moveBehindTheBack(store, 'MUG', 'adjustment', 'transit:T-1', 3, 'adjust');
    expect((await verifyLedger(store)).documents).toEqual([
      expect.objectContaining({ document: 'transfer_order', sku: 'MUG', expected: 0, ledger: 3 }),
    ]);
  });
});
