import { expect, it } from 'vitest';
import { createStockViews, verifyLedger } from '../../src/ledger/index.js';
import { createTransferOrders, DEFAULT_TRANSIT_DAYS, onOrder } from '../../src/procedures/index.js';
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
    const stock = createStockViews(store, { onOrder });

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

forEachDatabase((database) => {
  it('expects a transfer by the date given, or two days after it ships, and finds those late in transit', async () => {
    const { store, ledger } = await smallNetwork(database);
    const received = { lines: [{ sku: 'TEA', quantity: 50 }], occurredAt: '2025-12-01T00:00:00Z', actor: 't' };
    await ledger.receive({ location: 'dc-1', ...received });
    const transfers = createTransferOrders(store);
    const lines = [{ sku: 'TEA', quantity: 5 }];
    const trip = { from: 'dc-1', to: 'store-1', lines, actor: 'ole' };

    const draft = await transfers.create({ ...trip, id: 'T-DRAFT' });
    expect(draft).toMatchObject({ expectedAt: null, overdue: false });
    const shippedAt = '2026-01-05T10:00:00.000Z';
    const late = await transfers.create({ ...trip, id: 'T-LATE', ship: true, occurredAt: shippedAt });
    expect(late.expectedAt).toBe(new Date(Date.parse(shippedAt) + DEFAULT_TRANSIT_DAYS * 86_400_000).toISOString());
    expect(late.overdue).toBe(true);
    const due = '2999-01-01T00:00:00+02:00';
    const onTime = await transfers.create({ ...trip, id: 'T-ONTIME', expectedAt: due, ship: true });
    expect(onTime).toMatchObject({ expectedAt: '2998-12-31T22:00:00.000Z', overdue: false });
    const arrived = await transfers.create({ ...trip, id: 'T-ARRIVED', ship: true, occurredAt: shippedAt });
    await transfers.receive(arrived.id, { lines, actor: 'mia' });
    // Partly received and still late: what is on the way is late.
    const part = await transfers.create({ ...trip, id: 'T-PART', expectedAt: shippedAt, ship: true });
    await transfers.receive(part.id, { lines: [{ sku: 'TEA', quantity: 2 }], actor: 'mia' });

    const ids = async (filter: Parameters<typeof transfers.list>[0]) =>
      (await transfers.list(filter)).items.map((t) => t.id);
    expect(await ids({ open: true })).toEqual(['T-DRAFT', 'T-LATE', 'T-ONTIME', 'T-PART']);
    expect(await ids({ open: false })).toEqual(['T-ARRIVED']);
    expect(await ids({ overdue: true })).toEqual(['T-LATE', 'T-PART']);
    expect(await ids({ open: true, overdue: false })).toEqual(['T-DRAFT', 'T-ONTIME']);
    expect(await ids({ overdue: true, location: 'store-2' })).toEqual([]);
    const listed = (await transfers.list()).items;
    expect(listed.filter((t) => t.overdue).map((t) => t.id)).toEqual(['T-LATE', 'T-PART']);
    expect(listed.find((t) => t.id === 'T-ARRIVED')).toMatchObject({ status: 'received', overdue: false });

    // A draft that said when it is due keeps that date when it ships.
    const planned = await transfers.create({ ...trip, id: 'T-PLANNED', expectedAt: due });
    expect((await transfers.ship(planned.id, { actor: 'ole' })).transfer.expectedAt).toBe('2998-12-31T22:00:00.000Z');
  });
});
