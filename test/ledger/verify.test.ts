import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { verifyLedger } from '../../src/ledger/index.js';
import { fillLatestMovement } from '../../src/store/migrations/0011_balance_latest_movement.js';
import { forEachDatabase } from '../support/databases.js';
import { smallNetwork } from '../support/network.js';

forEachDatabase((database) => {
  it('reports a balance that drifted from the ledger, with the rows involved', async () => {
    const { store, ledger } = await smallNetwork(database);
    await ledger.receive({ location: 'dc-1', lines: [{ sku: 'TEA', quantity: 10 }], actor: 'ana' });
    expect((await verifyLedger(store)).ok).toBe(true);

    // Tamper with the cache behind the ledger's back, as a bad manual fix would.
    await sql`update balances set on_hand = 12 where sku = 'TEA' and location_id = 'dc-1'`.execute(store.db);
    const report = await verifyLedger(store);
    expect(report.ok).toBe(false);
    expect(report.drift).toEqual([{ sku: 'TEA', locationId: 'dc-1', cached: 12, ledger: 10 }]);
    expect(report.conservation).toEqual([{ sku: 'TEA', total: 2 }]);
  });

  it("reports a balance whose latest movement time is not the ledger's, and checks backdating by it", async () => {
    const { store, ledger } = await smallNetwork(database);
    await ledger.receive({
      location: 'dc-1',
      lines: [{ sku: 'TEA', quantity: 10 }],
      actor: 'ana',
      occurredAt: '2026-03-01T09:00:00Z',
    });
    expect((await verifyLedger(store)).ok).toBe(true);

    // A balance that forgot its later movement would let a backdated sale skip the check at its own time.
    await sql`update balances set latest_at = null where sku = 'TEA' and location_id = 'dc-1'`.execute(store.db);
    const report = await verifyLedger(store);
    expect(report.ok).toBe(false);
    expect(report.drift).toEqual([
      {
        sku: 'TEA',
        locationId: 'dc-1',
        cached: 10,
        ledger: 10,
        latestAt: { cached: null, ledger: '2026-03-01T09:00:00.000Z' },
      },
    ]);

    // The migration that brought the column fills it from the ledger, as it does for an existing database.
    await fillLatestMovement(store.db as unknown as Kysely<unknown>);
    expect((await verifyLedger(store)).ok).toBe(true);

    // The ledger's own postings keep the time: a sale dated before the receipt is refused, one after is not.
    const sell = (occurredAt: string) =>
      ledger.sell({ location: 'dc-1', lines: [{ sku: 'TEA', quantity: 1 }], actor: 'ana', occurredAt });
    await expect(sell('2026-02-01T00:00:00Z')).rejects.toMatchObject({ code: 'insufficient_stock' });
    await sell('2026-03-02T00:00:00Z');
    expect(await verifyLedger(store)).toMatchObject({ ok: true, drift: [] });
  });

  it('reports reserved stock that no reservation explains, and stock below a floor', async () => {
    const { store, ledger } = await smallNetwork(database);
    await ledger.receive({ location: 'store-1', lines: [{ sku: 'MUG', quantity: 3 }], actor: 'ana' });
    await sql`update balances set reserved = 2 where sku = 'MUG' and location_id = 'store-1'`.execute(store.db);
    await sql`insert into balances (sku, location_id, on_hand, reserved, updated_at) values ('TEA', 'store-2', -1, 0, '2026-01-01T00:00:00.000Z')`.execute(
      store.db,
    );
    const report = await verifyLedger(store);
    expect(report.reservations).toEqual([
      { sku: 'MUG', locationId: 'store-1', reserved: 2, activeReservations: 0, onHand: 3 },
    ]);
    expect(report.negative).toEqual([{ sku: 'TEA', locationId: 'store-2', onHand: -1 }]);
    expect(report.drift).toEqual([{ sku: 'TEA', locationId: 'store-2', cached: -1, ledger: 0 }]);
  });
});
