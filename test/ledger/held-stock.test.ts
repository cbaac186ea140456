import { expect, it } from 'vitest';
import { verifyLedger, writeMovements } from '../../src/ledger/index.js';
import type { Movement } from '../../src/ledger/index.js';
import { createReturns } from '../../src/procedures/index.js';
import { newId } from '../../src/store/index.js';
import { forEachDatabase } from '../support/databases.js';
import { smallNetwork } from '../support/network.js';

/** Movements as an import writes them: history, with ids and times of their own. */
const history = (moves: Pick<Movement, 'kind' | 'fromLocationId' | 'toLocationId' | 'quantity'>[]): Movement[] => {
  const postingId = newId();
  const at = new Date().toISOString();
  return moves.map((m, line) => ({
    id: newId(),
    postingId,
    line,
    sku: 'TEA',
    reason: 'imported',
    reference: null,
    documentType: null,
    documentId: null,
    actor: 'import',
    occurredAt: at,
    recordedAt: at,
    ...m,
  }));
};

forEachDatabase((database) => {
  it('lets imported history use a quarantine, never the units its open returns await', async () => {
    const { store, ledger } = await smallNetwork(database);
    const taken = await createReturns(store).receive({
      location: 'store-1',
      reason: 'defective',
      lines: [{ sku: 'TEA', quantity: 2, disposition: 'quarantine' }],
      actor: 'mia',
    });
    const write = (moves: Parameters<typeof history>[0]) =>
      store.transaction((trx) => writeMovements(trx, store.capabilities, history(moves)));
    const release = (quantity: number) =>
      write([{ kind: 'release', fromLocationId: 'quarantine:store-1', toLocationId: 'store-1', quantity }]);

    await expect(release(1)).rejects.toMatchObject({
      code: 'held_by_document',
      message: expect.stringContaining(taken.return.id),
    });
    // Units quarantined by the imported history itself are the history's to move.
    await write([{ kind: 'return', fromLocationId: 'customer', toLocationId: 'quarantine:store-1', quantity: 3 }]);
    await release(3);
    await expect(release(1)).rejects.toMatchObject({ code: 'held_by_document' });
    expect((await ledger.balance('TEA', 'quarantine:store-1')).onHand).toBe(2);
    expect(await verifyLedger(store)).toMatchObject({ ok: true, documents: [] });
  });
});
