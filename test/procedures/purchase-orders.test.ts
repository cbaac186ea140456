import { expect, it } from 'vitest';
import { createSuppliers } from '../../src/catalog/index.js';
import { createStockViews, verifyLedger } from '../../src/ledger/index.js';
import { createPurchaseOrders } from '../../src/procedures/index.js';
import { forEachDatabase } from '../support/databases.js';
import type { TestDatabase } from '../support/databases.js';
import { smallNetwork } from '../support/network.js';

async function withSupplier(database: TestDatabase) {
  const network = await smallNetwork(database);
  await createSuppliers(network.store).create({ id: 'acme', name: 'Acme', leadTimeDays: 5, leadTimeSdDays: 1 });
  return { ...network, orders: createPurchaseOrders(network.store), stock: createStockViews(network.store) };
}

forEachDatabase((database) => {
  it('places an order, counts it inbound, receives it in parts with discrepancies, and ends it received', async () => {
    const { store, orders, stock, ledger } = await withSupplier(database);
    const draft = await orders.create({
      supplier: 'acme',
      location: 'dc-1',
      lines: [
        { sku: 'TEA', quantity: 100, unitCost: 2 },
        { sku: 'MUG', quantity: 10 },
      ],
      actor: 'pia',
    });
    expect(draft).toMatchObject({ status: 'draft', expectedAt: null, submittedAt: null });
    expect((await stock.row('TEA', 'dc-1')).inbound).toBe(0);

    const placed = await orders.submit(draft.id, 'pia');
    expect(placed.status).toBe('submitted');
    const lead = Date.parse(placed.expectedAt!) - Date.parse(placed.submittedAt!);
    expect(Math.round(lead / 86_400_000)).toBe(5);
    expect(await stock.row('TEA', 'dc-1')).toMatchObject({ onHand: 0, inbound: 100 });

    const first = await orders.receive(draft.id, {
      lines: [{ sku: 'TEA', quantity: 60, damaged: 5 }],
      reason: 'crushed case',
      actor: 'ole',
    });
    expect(first.order.status).toBe('partially_received');
    expect(first.order.lines[0]).toMatchObject({ received: 60, damaged: 5, open: 40 });
    expect(first.order.discrepancies).toEqual([
      { receiptId: `${draft.id}/R1`, sku: 'TEA', kind: 'damaged', quantity: 5, reason: 'crushed case' },
    ]);
    expect(first.posting!.movements.map((m) => [m.kind, m.fromLocationId, m.quantity, m.reference])).toEqual([
      ['receive', 'supplier', 60, draft.id],
    ]);
    expect(await stock.row('TEA', 'dc-1')).toMatchObject({ onHand: 60, inbound: 40 });

    const second = await orders.receive(draft.id, {
      lines: [
        { sku: 'TEA', quantity: 42 },
        { sku: 'MUG', quantity: 10 },
      ],
      reason: 'two extra',
      actor: 'ole',
    });
    expect(second.order.status).toBe('received');
    expect(second.order.discrepancies.at(-1)).toMatchObject({ kind: 'over', sku: 'TEA', quantity: 2 });
    expect(second.order.receipts).toHaveLength(2);
    expect(await stock.row('TEA', 'dc-1')).toMatchObject({ onHand: 102, inbound: 0 });
    expect((await ledger.movements({ reference: draft.id })).items).toHaveLength(3);

    const performance = await orders.performance('acme');
    expect(performance).toMatchObject({ orders: 1, receipts: 2, onTimeRate: 1, fillRate: 1 });
    expect(performance.leadTimeDays!.mean).toBeLessThan(0.01);
    expect((await verifyLedger(store)).ok).toBe(true);
  });

  it('refuses illegal transitions and bad receipts with clear errors, posting nothing', async () => {
    const { orders, ledger, stock } = await withSupplier(database);
    const order = await orders.create({
      supplier: 'acme',
      location: 'store-1',
      lines: [{ sku: 'TEA', quantity: 10 }],
      actor: 'pia',
    });
    const receipt = { lines: [{ sku: 'TEA', quantity: 1 }], actor: 'ole' };
    await expect(orders.receive(order.id, receipt)).rejects.toMatchObject({
      code: 'illegal_transition',
      details: { status: 'draft' },
    });
    await orders.submit(order.id, 'pia');
    await expect(orders.submit(order.id, 'pia')).rejects.toMatchObject({ code: 'illegal_transition' });
    await expect(
      orders.receive(order.id, { lines: [{ sku: 'MUG', quantity: 1 }], actor: 'ole' }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      details: { issues: [{ path: 'lines.0.sku' }] },
    });
    await expect(
      orders.receive(order.id, { lines: [{ sku: 'TEA', quantity: 1, damaged: 1 }], actor: 'ole' }),
    ).rejects.toMatchObject({ code: 'validation_failed', details: { issues: [{ path: 'reason' }] } });
    await expect(orders.receive(order.id, { ...receipt, close: true })).rejects.toMatchObject({
      details: { issues: [{ path: 'reason' }] },
    });
    // Refused receipts changed nothing: no movement, the order still submitted and open.
    expect((await ledger.movements()).items).toEqual([]);
    expect((await orders.get(order.id)).status).toBe('submitted');

    await orders.cancel(order.id, { actor: 'pia' });
    await expect(orders.receive(order.id, receipt)).rejects.toMatchObject({
      code: 'illegal_transition',
      details: { status: 'cancelled' },
    });
    expect((await stock.row('TEA', 'store-1')).inbound).toBe(0);
    await expect(orders.get('PO-NONE')).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      orders.create({ supplier: 'ghost', location: 'store-1', lines: [{ sku: 'TEA', quantity: 1 }], actor: 'p' }),
    ).rejects.toMatchObject({ code: 'unknown_supplier' });
    await expect(
      orders.create({
        supplier: 'acme',
        location: 'store-1',
        lines: [
          { sku: 'TEA', quantity: 1 },
          { sku: 'TEA', quantity: 2 },
        ],
        actor: 'p',
      }),
    ).rejects.toMatchObject({ details: { issues: [{ path: 'lines.1.sku' }] } });
  });

  it('closes an order short with a reason, and receives once per idempotency key', async () => {
    const { orders, stock } = await withSupplier(database);
    const order = await orders.create({
      supplier: 'acme',
      location: 'dc-1',
      lines: [{ sku: 'TEA', quantity: 10 }],
      submit: true,
      actor: 'pia',
    });
    const receipt = { lines: [{ sku: 'TEA', quantity: 4 }], actor: 'ole', idempotencyKey: 'delivery-1' };
    await orders.receive(order.id, receipt);
    const again = await orders.receive(order.id, receipt);
    expect(again.order.lines[0]!.received).toBe(4);
    expect((await stock.row('TEA', 'dc-1')).onHand).toBe(4);

    await expect(orders.close(order.id, { actor: 'pia' })).rejects.toMatchObject({
      details: { issues: [{ path: 'reason' }] },
    });
    const closed = await orders.close(order.id, { actor: 'pia', reason: 'discontinued by the supplier' });
    expect(closed.status).toBe('closed');
    expect(closed.discrepancies).toEqual([
      { receiptId: null, sku: 'TEA', kind: 'short', quantity: 6, reason: 'discontinued by the supplier' },
    ]);
    expect((await stock.row('TEA', 'dc-1')).inbound).toBe(0);
    expect(await orders.performance('acme')).toMatchObject({ fillRate: 0.4 });
    await expect(orders.cancel(order.id, { actor: 'pia' })).rejects.toMatchObject({ code: 'illegal_transition' });
  });
});
