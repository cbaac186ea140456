import { expect, it } from 'vitest';
import { createSuppliers } from '../../src/catalog/index.js';
import { createStockViews, verifyLedger } from '../../src/ledger/index.js';
import { createReturns, onOrder } from '../../src/procedures/index.js';
import { forEachDatabase } from '../support/databases.js';
import { smallNetwork } from '../support/network.js';

forEachDatabase((database) => {
  it('takes returns in by disposition, holds quarantined units out of available stock, and restocks them after inspection', async () => {
    const { store, ledger } = await smallNetwork(database);
    await createSuppliers(store).create({ id: 'acme', name: 'Acme', leadTimeDays: 3 });
    const returns = createReturns(store);
    const stock = createStockViews(store, { onOrder });

    const received = await returns.receive({
      location: 'store-1',
      reason: 'defective',
      lines: [
        { sku: 'TEA', quantity: 2, disposition: 'restock' },
        { sku: 'MUG', quantity: 3, disposition: 'quarantine' },
        { sku: 'RICE', quantity: 500, disposition: 'scrap' },
      ],
      actor: 'mia',
    });
    expect(received.return).toMatchObject({ status: 'inspecting', reason: 'defective' });
    expect(received.posting.movements.map((m) => [m.kind, m.fromLocationId, m.toLocationId, m.quantity])).toEqual([
      ['return', 'customer', 'store-1', 2],
      ['return', 'customer', 'quarantine:store-1', 3],
      ['return', 'customer', 'store-1', 500],
      ['scrap', 'store-1', 'scrap', 500],
    ]);
    expect(await stock.row('TEA', 'store-1')).toMatchObject({ onHand: 2, available: 2 });
    // Quarantined units are on the premises but not available to sell.
    expect(await stock.row('MUG', 'store-1')).toMatchObject({ onHand: 0, available: 0 });
    expect(await stock.row('MUG', 'quarantine:store-1')).toMatchObject({ onHand: 3 });
    await expect(
      ledger.sell({ location: 'store-1', lines: [{ sku: 'MUG', quantity: 1 }], actor: 'till' }),
    ).rejects.toMatchObject({
      code: 'insufficient_stock',
    });

    const inspected = await returns.inspect(received.return.id, 'MUG', { outcome: 'restock', actor: 'ole' });
    expect(inspected.return.status).toBe('closed');
    expect(inspected.posting.movements.map((m) => [m.kind, m.fromLocationId, m.toLocationId])).toEqual([
      ['release', 'quarantine:store-1', 'store-1'],
    ]);
    expect(await stock.row('MUG', 'store-1')).toMatchObject({ onHand: 3, available: 3 });
    await expect(returns.inspect(received.return.id, 'MUG', { outcome: 'scrap', actor: 'ole' })).rejects.toMatchObject({
      code: 'illegal_transition',
    });
    await expect(returns.inspect(received.return.id, 'TEA', { outcome: 'scrap', actor: 'ole' })).rejects.toMatchObject({
      code: 'illegal_transition',
    });

    // Back to the supplier, straight away or after inspection.
    const vendor = await returns.receive({
      location: 'store-2',
      reason: 'damaged',
      lines: [
        { sku: 'TEA', quantity: 1, disposition: 'return_to_vendor', supplier: 'acme', purchaseOrder: 'PO-9' },
        { sku: 'MUG', quantity: 1, disposition: 'quarantine' },
      ],
      actor: 'mia',
    });
    expect(vendor.posting.movements.at(1)).toMatchObject({
      kind: 'return_to_vendor',
      toLocationId: 'supplier',
      reference: 'PO-9',
    });
    await expect(
      returns.inspect(vendor.return.id, 'MUG', { outcome: 'return_to_vendor', actor: 'ole' }),
    ).rejects.toMatchObject({
      details: { issues: [{ path: 'supplier' }] },
    });
    await returns.inspect(vendor.return.id, 'MUG', { outcome: 'return_to_vendor', supplier: 'acme', actor: 'ole' });
    expect((await stock.row('MUG', 'quarantine:store-2')).onHand).toBe(0);

    const summary = await returns.summary({ location: 'store-1' });
    expect(summary).toEqual([
      {
        locationId: 'store-1',
        sku: 'MUG',
        reason: 'defective',
        quantity: 3,
        restocked: 3,
        quarantined: 0,
        scrapped: 0,
        returnedToVendor: 0,
      },
      {
        locationId: 'store-1',
        sku: 'RICE',
        reason: 'defective',
        quantity: 500,
        restocked: 0,
        quarantined: 0,
        scrapped: 500,
        returnedToVendor: 0,
      },
      {
        locationId: 'store-1',
        sku: 'TEA',
        reason: 'defective',
        quantity: 2,
        restocked: 2,
        quarantined: 0,
        scrapped: 0,
        returnedToVendor: 0,
      },
    ]);
    expect((await returns.list({ sku: 'TEA', reason: 'damaged' })).items.map((r) => r.id)).toEqual([vendor.return.id]);
    expect((await verifyLedger(store)).ok).toBe(true);
  });

  it('refuses a return without a supplier to return to, or to an unknown location, posting nothing', async () => {
    const { store, ledger } = await smallNetwork(database);
    const returns = createReturns(store);
    await expect(
      returns.receive({
        location: 'store-1',
        reason: 'unwanted',
        lines: [{ sku: 'TEA', quantity: 1, disposition: 'return_to_vendor' }],
        actor: 'm',
      }),
    ).rejects.toMatchObject({ details: { issues: [{ path: 'lines.0.supplier' }] } });
    await expect(
      returns.receive({
        location: 'store-1',
        reason: 'unwanted',
        lines: [{ sku: 'TEA', quantity: 1, disposition: 'return_to_vendor', supplier: 'ghost' }],
        actor: 'm',
      }),
    ).rejects.toMatchObject({ code: 'unknown_supplier' });
    await expect(
      returns.receive({
        location: 'nowhere',
        reason: 'unwanted',
        lines: [{ sku: 'TEA', quantity: 1, disposition: 'restock' }],
        actor: 'm',
      }),
    ).rejects.toMatchObject({ code: 'unknown_location' });
    await expect(
      returns.receive({
        location: 'store-1',
        reason: 'meh' as never,
        lines: [{ sku: 'TEA', quantity: 1, disposition: 'restock' }],
        actor: 'm',
      }),
    ).rejects.toMatchObject({ details: { issues: [{ path: 'reason' }] } });
    expect((await ledger.movements()).items).toEqual([]);
  });
});
