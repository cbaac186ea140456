import { expect, it } from 'vitest';
import { isDomainError } from '../../src/errors/index.js';
import { verifyLedger } from '../../src/ledger/index.js';
import { forEachDatabase } from '../support/databases.js';
import { smallNetwork } from '../support/network.js';

forEachDatabase((database) => {
  it('receives, sells, returns, adjusts and scraps with balances that follow the ledger', async () => {
    const { store, ledger } = await smallNetwork(database);
    await ledger.receive({
      location: 'dc-1',
      lines: [
        { sku: 'TEA', quantity: 100 },
        { sku: 'MUG', quantity: 10 },
      ],
      actor: 'ana',
      reference: 'PO-1',
    });
    await ledger.sell({ location: 'dc-1', lines: [{ sku: 'TEA', quantity: 30 }], actor: 'till-1' });
    await ledger.returnGoods({
      location: 'dc-1',
      lines: [{ sku: 'TEA', quantity: 2 }],
      actor: 'till-1',
      reason: 'unwanted gift',
    });
    await ledger.adjust({
      location: 'dc-1',
      reason: 'cycle count',
      lines: [
        { sku: 'TEA', quantity: 5, direction: 'decrease' },
        { sku: 'MUG', quantity: 1, direction: 'increase' },
      ],
      actor: 'bo',
    });
    await ledger.scrap({ location: 'dc-1', reason: 'broken', lines: [{ sku: 'MUG', quantity: 2 }], actor: 'bo' });

    expect(await ledger.balance('TEA', 'dc-1')).toEqual({
      sku: 'TEA',
      locationId: 'dc-1',
      onHand: 67,
      reserved: 0,
      available: 67,
    });
    expect((await ledger.balance('MUG', 'dc-1')).onHand).toBe(9);
    expect((await ledger.balance('TEA', 'customer')).onHand).toBe(28);
    expect((await ledger.balance('TEA', 'supplier')).onHand).toBe(-100);
    expect((await ledger.balance('MUG', 'scrap')).onHand).toBe(2);
    const report = await verifyLedger(store);
    expect(report).toMatchObject({ ok: true, movements: 7 });
  });

  it('moves a transfer through transit and writes a shortfall off to adjustment', async () => {
    const { store, ledger } = await smallNetwork(database);
    await ledger.receive({ location: 'dc-1', lines: [{ sku: 'TEA', quantity: 50 }], actor: 'ana' });
    const shipped = await ledger.shipTransfer({
      transferId: 'T-1',
      from: 'dc-1',
      to: 'store-1',
      lines: [{ sku: 'TEA', quantity: 20 }],
      actor: 'ana',
    });
    expect(shipped.movements[0]).toMatchObject({
      fromLocationId: 'dc-1',
      toLocationId: 'transit:T-1',
      kind: 'transfer_ship',
      reference: 'T-1',
    });
    expect((await ledger.balance('TEA', 'transit:T-1')).onHand).toBe(20);

    await ledger.receiveTransfer({
      transferId: 'T-1',
      to: 'store-1',
      lines: [{ sku: 'TEA', quantity: 18, shortfall: 2 }],
      reason: 'crushed in transit',
      actor: 'cy',
    });
    expect((await ledger.balance('TEA', 'store-1')).onHand).toBe(18);
    expect((await ledger.balance('TEA', 'transit:T-1')).onHand).toBe(0);
    expect((await ledger.balance('TEA', 'adjustment')).onHand).toBe(2);

    const refused = ledger.receiveTransfer({
      transferId: 'T-1',
      to: 'store-1',
      lines: [{ sku: 'TEA', quantity: 1 }],
      actor: 'cy',
    });
    await expect(refused).rejects.toMatchObject({
      code: 'insufficient_stock',
      details: { location: 'transit:T-1', available: 0 },
    });
    expect((await verifyLedger(store)).ok).toBe(true);
  });

  it('posts a batch all or nothing', async () => {
    const { store, ledger } = await smallNetwork(database);
    await ledger.receive({ location: 'store-1', lines: [{ sku: 'TEA', quantity: 5 }], actor: 'ana' });
    const batch = ledger.post({
      actor: 'importer',
      movements: [
        { sku: 'MUG', from: 'supplier', to: 'store-1', quantity: 4, kind: 'receive' },
        { sku: 'TEA', from: 'store-1', to: 'customer', quantity: 6, kind: 'sell' },
      ],
    });
    await expect(batch).rejects.toMatchObject({
      code: 'insufficient_stock',
      details: { sku: 'TEA', available: 5, requested: 6 },
    });
    expect((await ledger.balance('MUG', 'store-1')).onHand).toBe(0);
    expect((await ledger.movements({ location: 'store-1' })).items).toHaveLength(1);

    // Within a batch only the net effect counts: stock received earlier in the batch can be sold.
    await ledger.post({
      actor: 'importer',
      movements: [
        { sku: 'TEA', from: 'supplier', to: 'store-1', quantity: 3, kind: 'receive' },
        { sku: 'TEA', from: 'store-1', to: 'customer', quantity: 8, kind: 'sell' },
      ],
    });
    expect((await ledger.balance('TEA', 'store-1')).onHand).toBe(0);
    expect((await verifyLedger(store)).ok).toBe(true);
  });

  it('lets stock go negative only where the location allows it', async () => {
    const { store, ledger, catalog } = await smallNetwork(database);
    await expect(
      ledger.sell({ location: 'store-2', lines: [{ sku: 'TEA', quantity: 1 }], actor: 'till' }),
    ).rejects.toMatchObject({
      code: 'insufficient_stock',
      message: expect.stringContaining("Only 0 of 'TEA' available at 'store-2'"),
    });
    await ledger.sell({ location: 'wh-neg', lines: [{ sku: 'TEA', quantity: 3 }], actor: 'till' });
    expect((await ledger.balance('TEA', 'wh-neg')).onHand).toBe(-3);

    await catalog.updateLocation('store-2', { allowNegativeStock: true });
    await ledger.sell({ location: 'store-2', lines: [{ sku: 'TEA', quantity: 1 }], actor: 'till' });
    expect((await ledger.balance('TEA', 'store-2')).onHand).toBe(-1);
    expect((await verifyLedger(store)).ok).toBe(true);
  });

  it('refuses bad input with a typed error and writes nothing', async () => {
    const { store, ledger } = await smallNetwork(database);
    await ledger.receive({ location: 'dc-1', lines: [{ sku: 'TEA', quantity: 10 }], actor: 'ana' });
    const before = await verifyLedger(store);

    const attempts: [string, () => Promise<unknown>][] = [
      ['unknown_sku', () => ledger.receive({ location: 'dc-1', lines: [{ sku: 'NOPE', quantity: 1 }], actor: 'ana' })],
      [
        'unknown_location',
        () => ledger.receive({ location: 'dc-9', lines: [{ sku: 'TEA', quantity: 1 }], actor: 'ana' }),
      ],
      [
        'validation_failed',
        () => ledger.receive({ location: 'dc-1', lines: [{ sku: 'TEA', quantity: 0 }], actor: 'ana' }),
      ],
      [
        'validation_failed',
        () => ledger.receive({ location: 'dc-1', lines: [{ sku: 'TEA', quantity: -4 }], actor: 'ana' }),
      ],
      [
        'validation_failed',
        () => ledger.receive({ location: 'dc-1', lines: [{ sku: 'TEA', quantity: 1.5 }], actor: 'ana' }),
      ],
      [
        'validation_failed',
        () => ledger.receive({ location: 'dc-1', lines: [{ sku: 'RICE', quantity: 0.5 }], actor: 'ana' }),
      ],
      [
        'validation_failed',
        () => ledger.receive({ location: 'dc-1', lines: [{ sku: 'TEA', quantity: 1 }], actor: '' }),
      ],
      [
        'validation_failed',
        () =>
          ledger.adjust({
            location: 'dc-1',
            lines: [{ sku: 'TEA', quantity: 1, direction: 'decrease' }],
            actor: 'a',
          } as never),
      ],
      [
        'validation_failed',
        () =>
          ledger.post({
            actor: 'a',
            movements: [{ sku: 'TEA', from: 'dc-1', to: 'adjustment', quantity: 1, kind: 'adjust' }],
          }),
      ],
      [
        'invalid_movement',
        () =>
          ledger.post({
            actor: 'a',
            movements: [{ sku: 'TEA', from: 'dc-1', to: 'dc-1', quantity: 1, kind: 'adjust', reason: 'x' }],
          }),
      ],
      [
        'invalid_movement',
        () =>
          ledger.post({
            actor: 'a',
            movements: [{ sku: 'TEA', from: 'dc-1', to: 'store-1', quantity: 1, kind: 'receive' }],
          }),
      ],
      [
        'validation_failed',
        () =>
          ledger.shipTransfer({
            transferId: 'T',
            from: 'dc-1',
            to: 'dc-1',
            lines: [{ sku: 'TEA', quantity: 1 }],
            actor: 'a',
          }),
      ],
      [
        'validation_failed',
        () =>
          ledger.receiveTransfer({
            transferId: 'T',
            to: 'store-1',
            lines: [{ sku: 'TEA', quantity: 0, shortfall: 1 }],
            actor: 'a',
          }),
      ],
      [
        'validation_failed',
        () =>
          ledger.receive({
            location: 'dc-1',
            lines: [{ sku: 'TEA', quantity: 1 }],
            actor: 'a',
            occurredAt: '2999-01-01T00:00:00Z',
          }),
      ],
      [
        'validation_failed',
        () =>
          ledger.receive({ location: 'dc-1', lines: [{ sku: 'TEA', quantity: 1 }], actor: 'a', extra: true } as never),
      ],
    ];
    for (const [code, attempt] of attempts) {
      const error = await attempt().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isDomainError(error), `expected a ${code} error, got ${String(error)}`).toBe(true);
      expect(error).toMatchObject({ code });
    }
    // A validation error names the failing field.
    await expect(
      ledger.receive({ location: 'dc-1', lines: [{ sku: 'TEA', quantity: 1.5 }], actor: 'ana' }),
    ).rejects.toMatchObject({
      details: { issues: [{ path: 'lines.0.quantity', message: 'must be a whole number of units' }] },
    });
    expect(await verifyLedger(store)).toEqual(before);
  });

  it('answers stock as of a past time from the ledger', async () => {
    const { ledger } = await smallNetwork(database);
    await ledger.receive({
      location: 'dc-1',
      lines: [{ sku: 'TEA', quantity: 10 }],
      actor: 'a',
      occurredAt: '2026-01-01T08:00:00Z',
    });
    await ledger.sell({
      location: 'dc-1',
      lines: [{ sku: 'TEA', quantity: 4 }],
      actor: 'a',
      occurredAt: '2026-01-02T08:00:00+02:00',
    });
    const at = (time: string) => ledger.onHandAt({ sku: 'TEA', location: 'dc-1', at: time });
    expect(await at('2025-12-31T23:59:59Z')).toBe(0);
    expect(await at('2026-01-01T08:00:00Z')).toBe(10);
    expect(await at('2026-01-02T05:59:59Z')).toBe(10);
    expect(await at('2026-01-02T06:00:00Z')).toBe(6);
    expect(await at(new Date().toISOString())).toBe(6);
  });

  it('lists movements by filter, page by page', async () => {
    const { ledger } = await smallNetwork(database);
    for (let i = 0; i < 5; i++)
      await ledger.receive({
        location: 'dc-1',
        lines: [{ sku: 'TEA', quantity: 1 }],
        actor: `a${i % 2}`,
        reference: `PO-${i}`,
      });
    await ledger.receive({ location: 'store-1', lines: [{ sku: 'MUG', quantity: 1 }], actor: 'a0' });
    const first = await ledger.movements({ location: 'dc-1', limit: 3 });
    expect(first.items).toHaveLength(3);
    const second = await ledger.movements({ location: 'dc-1', limit: 3, after: first.nextCursor! });
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    expect((await ledger.movements({ actor: 'a0' })).items).toHaveLength(4);
    expect((await ledger.movements({ reference: 'PO-3' })).items.map((m) => m.reference)).toEqual(['PO-3']);
    expect((await ledger.movements({ sku: 'MUG' })).items).toHaveLength(1);
  });
});
