import { expect, it } from 'vitest';
import { createStockViews, verifyLedger } from '../../src/ledger/index.js';
import { createCycleCounts } from '../../src/procedures/index.js';
import { forEachDatabase } from '../support/databases.js';
import { smallNetwork } from '../support/network.js';

forEachDatabase((database) => {
  it('counts blind, takes the system quantity when each line is counted, and posts variances, large ones after approval', async () => {
    const { store, ledger } = await smallNetwork(database);
    await ledger.receive({
      location: 'store-1',
      lines: [
        { sku: 'TEA', quantity: 40 },
        { sku: 'MUG', quantity: 12 },
        { sku: 'RICE', quantity: 5000 },
      ],
      actor: 't',
    });
    const counts = createCycleCounts(store);
    const stock = createStockViews(store);
    const session = await counts.create({ location: 'store-1', thresholdUnits: 5, thresholdValue: 50, actor: 'mia' });
    expect(session.lines.map((l) => l.sku)).toEqual(['MUG', 'RICE', 'TEA']);

    const afterTea = await counts.count(session.id, 'TEA', { quantity: 39, actor: 'mia' });
    // Blind: the counter does not see what the system holds.
    expect(afterTea.lines.find((l) => l.sku === 'TEA')).toMatchObject({
      countedQuantity: 39,
      systemQuantity: null,
      variance: null,
    });

    // A sale between two counted lines: it happened after TEA was counted, so TEA shows no false variance.
    await ledger.sell({
      location: 'store-1',
      lines: [
        { sku: 'TEA', quantity: 3 },
        { sku: 'MUG', quantity: 2 },
      ],
      actor: 'till',
    });
    await counts.count(session.id, 'MUG', { quantity: 10, actor: 'mia' });
    await counts.count(session.id, 'RICE', { quantity: 4000, actor: 'mia' });

    const submitted = await counts.submit(session.id, 'mia');
    expect(submitted.status).toBe('pending_approval');
    const line = (sku: string) => submitted.lines.find((l) => l.sku === sku)!;
    expect(line('TEA')).toMatchObject({ systemQuantity: 40, variance: -1, state: 'posted' });
    expect(line('MUG')).toMatchObject({ systemQuantity: 10, variance: 0, state: 'posted' });
    expect(line('RICE')).toMatchObject({ systemQuantity: 5000, variance: -1000, state: 'held' });
    expect((await stock.row('TEA', 'store-1')).onHand).toBe(36);
    expect((await stock.row('RICE', 'store-1')).onHand).toBe(5000);

    await expect(counts.count(session.id, 'TEA', { quantity: 1, actor: 'mia' })).rejects.toMatchObject({
      code: 'illegal_transition',
    });
    const approved = await counts.approve(session.id, 'pia');
    expect(approved).toMatchObject({ status: 'closed', approvedBy: 'pia' });
    expect((await stock.row('RICE', 'store-1')).onHand).toBe(4000);
    await expect(counts.approve(session.id, 'pia')).rejects.toMatchObject({
      code: 'illegal_transition',
      details: { status: 'closed' },
    });
    expect(
      (await ledger.movements({ reference: session.id })).items.map((m) => [m.sku, m.toLocationId, m.quantity]),
    ).toEqual([
      ['TEA', 'adjustment', 1],
      ['RICE', 'adjustment', 1000],
    ]);

    const accuracy = await counts.accuracy('store-1');
    expect(accuracy).toMatchObject({ sessions: 1, linesCounted: 3, absoluteVarianceUnits: 1001 });
    expect(accuracy.accuracy).toBeCloseTo(1 / 3);
    expect((await verifyLedger(store)).ok).toBe(true);
  });

  it('chooses lines by list, by ABC class and by days since last counted, and refuses bad counts', async () => {
    const { store, ledger } = await smallNetwork(database);
    await ledger.receive({
      location: 'store-2',
      lines: [
        { sku: 'TEA', quantity: 100 },
        { sku: 'MUG', quantity: 100 },
      ],
      actor: 't',
    });
    await ledger.sell({
      location: 'store-2',
      lines: [
        { sku: 'TEA', quantity: 50 },
        { sku: 'MUG', quantity: 1 },
      ],
      actor: 't',
    });
    const counts = createCycleCounts(store);
    expect(
      (await counts.create({ location: 'store-2', scope: { by: 'abc', class: 'A' }, actor: 'm' })).lines.map(
        (l) => l.sku,
      ),
    ).toEqual(['TEA']);
    expect(
      (await counts.create({ location: 'store-2', scope: { by: 'abc', class: 'C' }, actor: 'm' })).lines.map(
        (l) => l.sku,
      ),
    ).toEqual(['MUG']);

    const listed = await counts.create({ location: 'store-2', scope: { by: 'list', skus: ['MUG'] }, actor: 'm' });
    await counts.count(listed.id, 'MUG', { quantity: 99, actor: 'm' });
    await counts.submit(listed.id, 'm');
    expect(
      (await counts.create({ location: 'store-2', scope: { by: 'not_counted_for', days: 30 }, actor: 'm' })).lines.map(
        (l) => l.sku,
      ),
    ).toEqual(['TEA']);

    await expect(counts.count(listed.id, 'MUG', { quantity: 1, actor: 'm' })).rejects.toMatchObject({
      code: 'illegal_transition',
    });
    const open = await counts.create({ location: 'store-2', actor: 'm' });
    await expect(counts.count(open.id, 'RICE', { quantity: 1, actor: 'm' })).rejects.toMatchObject({
      details: { issues: [{ path: 'sku' }] },
    });
    await expect(counts.count(open.id, 'TEA', { quantity: -1, actor: 'm' })).rejects.toMatchObject({
      details: { issues: [{ path: 'quantity' }] },
    });
    await expect(counts.create({ location: 'store-1', actor: 'm' })).rejects.toMatchObject({
      details: { issues: [{ path: 'scope' }] },
    });
    await expect(counts.get('C-NONE')).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      counts.create({ location: 'store-2', scope: { by: 'list', skus: ['TEA', 'TEA'] }, actor: 'm' }),
    ).rejects.toMatchObject({ details: { issues: [{ path: 'scope.skus.1' }] } });
  });
});
