import { expect, it } from 'vitest';
import { createStockViews, verifyLedger } from '../../src/ledger/index.js';
import { createTransferOrders } from '../../src/procedures/index.js';
import { forEachDatabase } from '../support/databases.js';
import { smallNetwork } from '../support/network.js';

forEachDatabase((database) => {
  it('ships a transfer into transit, shows it outbound and inbound, and receives it in parts with a shortfall', async () => {
    const { store, ledger } = await smallNetwork(database);
    await ledger.receive({
      location: 'dc-1',
      lines: [
        { sku: 'TEA', quantity: 50 },
        { sku: 'MUG', quantity: 8 },
      ],
      actor: 't',
    });
    const transfers = createTransferOrders(store);
    const stock = createStockViews(store);

    const draft = await transfers.create({
      id: 'T-1',
      from: 'dc-1',
      to: 'store-1',
      lines: [
        { sku: 'TEA', quantity: 30 },
        { sku: 'MUG', quantity: 8 },
      ],
      actor: 'ole',
    });
    expect(draft).toMatchObject({ status: 'draft', shippedAt: null });
    expect((await stock.row('TEA', 'dc-1')).outbound).toBe(0);

    const shipped = await transfers.ship('T-1', { actor: 'ole' });
    expect(shipped.transfer.status).toBe('shipped');
    expect(shipped.posting.movements.map((m) => [m.kind, m.toLocationId, m.quantity])).toEqual([
      ['transfer_ship', 'transit:T-1', 30],
      ['transfer_ship', 'transit:T-1', 8],
    ]);
    expect(await stock.row('TEA', 'dc-1')).toMatchObject({ onHand: 20, outbound: 30 });
    expect(await stock.row('TEA', 'store-1')).toMatchObject({ onHand: 0, inbound: 30 });
    expect((await stock.acrossNetwork('TEA')).network.inTransit).toBe(30);

    const part = await transfers.receive('T-1', {
      lines: [{ sku: 'TEA', quantity: 28, shortfall: 2 }],
      reason: 'torn pack',
      actor: 'mia',
    });
    expect(part.transfer.status).toBe('partially_received');
    expect(part.transfer.lines).toEqual([
      { sku: 'TEA', quantity: 30, received: 28, shortfall: 2, inTransit: 0 },
      { sku: 'MUG', quantity: 8, received: 0, shortfall: 0, inTransit: 8 },
    ]);
    expect(part.posting.movements.map((m) => [m.kind, m.toLocationId, m.quantity, m.reason])).toEqual([
      ['transfer_receive', 'store-1', 28, null],
      ['transfer_shortfall', 'adjustment', 2, 'torn pack'],
    ]);
    const done = await transfers.receive('T-1', { lines: [{ sku: 'MUG', quantity: 8 }], actor: 'mia' });
    expect(done.transfer.status).toBe('received');
    expect(done.transfer.completedAt).not.toBeNull();
    expect(await stock.row('MUG', 'store-1')).toMatchObject({ onHand: 8, inbound: 0 });
    expect((await transfers.list({ location: 'store-1' })).items.map((t) => t.id)).toEqual(['T-1']);
    expect((await verifyLedger(store)).ok).toBe(true);
  });

  it('refuses shipping twice, cancelling after shipping and receiving more than is in transit, posting nothing', async () => {
    const { store, ledger } = await smallNetwork(database);
    await ledger.receive({ location: 'dc-1', lines: [{ sku: 'TEA', quantity: 50 }], actor: 't' });
    const transfers = createTransferOrders(store);
    const transfer = await transfers.create({
      from: 'dc-1',
      to: 'store-2',
      lines: [{ sku: 'TEA', quantity: 10 }],
      actor: 'ole',
    });
    expect(transfer.id).toMatch(/^T-/);
    await expect(
      transfers.receive(transfer.id, { lines: [{ sku: 'TEA', quantity: 1 }], actor: 'mia' }),
    ).rejects.toMatchObject({
      code: 'illegal_transition',
      details: { status: 'draft' },
    });
    await transfers.ship(transfer.id, { actor: 'ole' });
    const before = (await ledger.movements()).items.length;
    await expect(transfers.ship(transfer.id, { actor: 'ole' })).rejects.toMatchObject({
      code: 'illegal_transition',
      details: { status: 'shipped' },
    });
    await expect(transfers.cancel(transfer.id, 'ole')).rejects.toMatchObject({ code: 'illegal_transition' });
    await expect(
      transfers.receive(transfer.id, { lines: [{ sku: 'TEA', quantity: 9, shortfall: 2 }], reason: 'x', actor: 'mia' }),
    ).rejects.toMatchObject({
      details: { issues: [{ path: 'lines.0.quantity', message: 'only 10 of TEA are still in transit' }] },
    });
    await expect(
      transfers.receive(transfer.id, { lines: [{ sku: 'TEA', quantity: 9, shortfall: 1 }], actor: 'mia' }),
    ).rejects.toMatchObject({
      details: { issues: [{ path: 'reason' }] },
    });
    await expect(
      transfers.receive(transfer.id, { lines: [{ sku: 'MUG', quantity: 1 }], actor: 'mia' }),
    ).rejects.toMatchObject({
      details: { issues: [{ path: 'lines.0.sku' }] },
    });
    expect((await ledger.movements()).items).toHaveLength(before);
    expect((await transfers.get(transfer.id)).status).toBe('shipped');

    // Not enough stock to ship: refused by the ledger, and the transfer stays a draft.
    const big = await transfers.create({
      from: 'dc-1',
      to: 'store-2',
      lines: [{ sku: 'TEA', quantity: 500 }],
      actor: 'ole',
    });
    await expect(transfers.ship(big.id, { actor: 'ole' })).rejects.toMatchObject({ code: 'insufficient_stock' });
    expect((await transfers.get(big.id)).status).toBe('draft');
    expect((await transfers.cancel(big.id, 'ole')).status).toBe('cancelled');
    await expect(
      transfers.create({ from: 'dc-1', to: 'dc-1', lines: [{ sku: 'TEA', quantity: 1 }], actor: 'o' }),
    ).rejects.toMatchObject({
      details: { issues: [{ path: 'to' }] },
    });
  });
});
