import { expect, it } from 'vitest';
import { createStockViews, verifyLedger } from '../../src/ledger/index.js';
import { createCycleCounts, onOrder } from '../../src/procedures/index.js';
import type { CountSession } from '../../src/procedures/index.js';
import { forEachDatabase } from '../support/databases.js';
import { smallNetwork } from '../support/network.js';
import type { SmallNetwork } from '../support/network.js';

/** TEA, MUG and RICE on the shelves of both stores. */
async function stocked(network: SmallNetwork) {
  for (const location of ['store-1', 'store-2'])
    await network.ledger.receive({
      location,
      lines: [
        { sku: 'TEA', quantity: 40 },
        { sku: 'MUG', quantity: 12 },
        { sku: 'RICE', quantity: 5000 },
      ],
      actor: 't',
    });
  return createCycleCounts(network.store);
}

const skusOf = (session: CountSession) => session.lines.map((l) => l.sku);

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
    const stock = createStockViews(store, { onOrder });
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
    const classA = await counts.create({ location: 'store-2', scope: { by: 'abc', class: 'A' }, actor: 'm' });
    expect(classA.lines.map((l) => l.sku)).toEqual(['TEA']);
    const classC = await counts.create({ location: 'store-2', scope: { by: 'abc', class: 'C' }, actor: 'm' });
    expect(classC.lines.map((l) => l.sku)).toEqual(['MUG']);
    // Each count ends before another covers its SKUs.
    for (const session of [classA, classC]) await counts.cancel(session.id, { actor: 'm' });

    const listed = await counts.create({ location: 'store-2', scope: { by: 'list', skus: ['MUG'] }, actor: 'm' });
    await counts.count(listed.id, 'MUG', { quantity: 99, actor: 'm' });
    await counts.submit(listed.id, 'm');
    const stale = await counts.create({ location: 'store-2', scope: { by: 'not_counted_for', days: 30 }, actor: 'm' });
    expect(stale.lines.map((l) => l.sku)).toEqual(['TEA']);
    await counts.cancel(stale.id, { actor: 'm' });

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

  it("refuses the approval of someone who started or counted the count, and takes another person's", async () => {
    const network = await smallNetwork(database);
    const counts = await stocked(network);
    const stock = createStockViews(network.store, { onOrder });
    const session = await counts.create({ location: 'store-1', thresholdUnits: 1, actor: 'mia' });
    await counts.count(session.id, 'TEA', { quantity: 30, actor: 'mia' });
    await counts.count(session.id, 'MUG', { quantity: 2, actor: 'ole' });
    expect((await counts.submit(session.id, 'mia')).status).toBe('pending_approval');

    for (const counter of ['mia', 'ole'])
      await expect(counts.approve(session.id, counter)).rejects.toMatchObject({
        code: 'forbidden',
        details: { count: session.id, rule: 'self_approval' },
      });
    // Refused, nothing changed: the count still waits and the variances are still held.
    expect(await counts.get(session.id)).toMatchObject({ status: 'pending_approval', approvedBy: null });
    expect((await stock.row('TEA', 'store-1')).onHand).toBe(40);

    expect(await counts.approve(session.id, 'pia')).toMatchObject({ status: 'closed', approvedBy: 'pia' });
    expect((await stock.row('TEA', 'store-1')).onHand).toBe(30);
    expect((await stock.row('MUG', 'store-1')).onHand).toBe(2);
  });

  it('cancels a count that posted nothing, posting nothing, and refuses to cancel one that posted', async () => {
    const network = await smallNetwork(database);
    const counts = await stocked(network);
    const open = await counts.create({ location: 'store-1', actor: 'mia' });
    await counts.count(open.id, 'TEA', { quantity: 1, actor: 'mia' });
    const cancelled = await counts.cancel(open.id, { reason: 'wrong shelf', actor: 'mia' });
    expect(cancelled).toMatchObject({ status: 'cancelled' });
    expect(cancelled.closedAt).not.toBeNull();
    // A cancelled count tells nobody the figures to match next time.
    expect(cancelled.lines.find((l) => l.sku === 'TEA')).toMatchObject({ countedQuantity: 1, systemQuantity: null });
    await expect(counts.count(open.id, 'MUG', { quantity: 1, actor: 'mia' })).rejects.toMatchObject({
      code: 'illegal_transition',
      details: { status: 'cancelled' },
    });
    await expect(counts.submit(open.id, 'mia')).rejects.toMatchObject({ code: 'illegal_transition' });
    await expect(counts.cancel(open.id, { actor: 'mia' })).rejects.toMatchObject({ code: 'illegal_transition' });
    expect((await network.ledger.movements({ reference: open.id })).items).toEqual([]);
    expect(await counts.accuracy('store-1')).toMatchObject({ sessions: 0, linesCounted: 0 });

    // Waiting for approval with only held variances: a planner may refuse them all.
    const held = await counts.create({ location: 'store-1', scope: { by: 'list', skus: ['RICE'] }, actor: 'mia' });
    await counts.count(held.id, 'RICE', { quantity: 10, actor: 'mia' });
    await counts.submit(held.id, 'mia');
    // Only while waiting for approval when the caller says so: an operator's cancel is only of an open count.
    await expect(counts.cancel(held.id, { actor: 'mia' }, ['open'])).rejects.toMatchObject({
      code: 'illegal_transition',
    });
    expect(await counts.cancel(held.id, { actor: 'pia' })).toMatchObject({ status: 'cancelled' });
    expect((await network.ledger.movements({ reference: held.id })).items).toEqual([]);

    // A count whose small variance was posted at submission cannot be taken back.
    const posted = await counts.create({ location: 'store-1', thresholdUnits: 5, actor: 'mia' });
    await counts.count(posted.id, 'TEA', { quantity: 39, actor: 'mia' });
    await counts.count(posted.id, 'RICE', { quantity: 10, actor: 'mia' });
    expect((await counts.submit(posted.id, 'mia')).status).toBe('pending_approval');
    await expect(counts.cancel(posted.id, { actor: 'pia' })).rejects.toMatchObject({
      code: 'illegal_transition',
      details: { posted: ['TEA'] },
    });
    expect((await counts.get(posted.id)).status).toBe('pending_approval');
    expect((await network.ledger.movements({ reference: posted.id })).items).toHaveLength(1);
    expect((await verifyLedger(network.store)).ok).toBe(true);
  });

  it('refuses a count of SKUs an open count at the location covers, until that one ends', async () => {
    const network = await smallNetwork(database);
    const counts = await stocked(network);
    const first = await counts.create({ location: 'store-1', scope: { by: 'list', skus: ['TEA', 'MUG'] }, actor: 'a' });
    await expect(counts.create({ location: 'store-1', actor: 'b' })).rejects.toMatchObject({
      code: 'already_exists',
      message: expect.stringContaining(first.id),
      details: { count: first.id, location: 'store-1', skus: ['MUG', 'TEA'] },
    });
    await expect(
      counts.create({ location: 'store-1', scope: { by: 'list', skus: ['RICE', 'TEA'] }, actor: 'b' }),
    ).rejects.toMatchObject({ details: { count: first.id, skus: ['TEA'] } });
    // Other SKUs at the location, and the same SKUs elsewhere, may be counted meanwhile.
    const rice = await counts.create({ location: 'store-1', scope: { by: 'list', skus: ['RICE'] }, actor: 'b' });
    expect(skusOf(await counts.create({ location: 'store-2', actor: 'b' }))).toEqual(['MUG', 'RICE', 'TEA']);

    // Waiting for approval still covers its SKUs; closed or cancelled, it does not.
    await counts.count(first.id, 'TEA', { quantity: 1, actor: 'a' });
    expect((await counts.submit(first.id, 'a')).status).toBe('pending_approval');
    await expect(
      counts.create({ location: 'store-1', scope: { by: 'list', skus: ['TEA'] }, actor: 'b' }),
    ).rejects.toMatchObject({ code: 'already_exists' });
    await counts.approve(first.id, 'pia');
    const again = await counts.create({ location: 'store-1', scope: { by: 'list', skus: ['TEA', 'MUG'] }, actor: 'b' });
    await counts.cancel(rice.id, { actor: 'b' });
    await counts.cancel(again.id, { actor: 'b' });
    expect(skusOf(await counts.create({ location: 'store-1', actor: 'c' }))).toEqual(['MUG', 'RICE', 'TEA']);
  });

  it('lets exactly one of several overlapping counts started at once through', async () => {
    const network = await smallNetwork(database, { poolSize: 8 });
    const counts = await stocked(network);
    const scopes = [['TEA'], ['TEA', 'MUG'], ['MUG', 'RICE'], ['RICE', 'TEA'], ['TEA', 'MUG', 'RICE'], ['MUG']];
    for (let round = 0; round < 3; round++) {
      const outcomes = await Promise.allSettled(
        scopes.map((skus, i) =>
          counts.create({ location: 'store-1', scope: { by: 'list', skus }, actor: `counter-${i}` }),
        ),
      );
      const started = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
      const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
      for (const reason of refused) expect(reason).toMatchObject({ code: 'already_exists' });
      // Whichever won, the open counts share no SKU.
      const open = (await counts.list({ location: 'store-1', status: 'open' })).items;
      const covered = open.flatMap(skusOf);
      expect(new Set(covered).size).toBe(covered.length);
      expect(started.map((s) => s.id).sort()).toEqual(open.map((s) => s.id).sort());
      expect(started.length).toBeGreaterThanOrEqual(1);
      for (const session of open) await counts.cancel(session.id, { actor: 'lead' });
    }
    // Two creates of the very same SKUs: exactly one.
    const same = await Promise.allSettled(
      [1, 2, 3, 4].map((i) => counts.create({ location: 'store-2', actor: `counter-${i}` })),
    );
    expect(same.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
  });

  it('hides the system quantities of the SKUs a person is counting, from them only, until they submit', async () => {
    const network = await smallNetwork(database);
    const counts = await stocked(network);
    const done = await counts.create({ location: 'store-2', thresholdUnits: 100, actor: 'pia' });
    await counts.count(done.id, 'TEA', { quantity: 38, actor: 'pia' });
    await counts.submit(done.id, 'pia');

    const session = await counts.create({
      location: 'store-1',
      scope: { by: 'list', skus: ['TEA', 'MUG'] },
      actor: 'mia',
    });
    expect([...(await counts.blindSkus('mia'))].sort()).toEqual(['MUG', 'TEA']);
    expect((await counts.blindSkus('ole')).size).toBe(0);
    expect((await counts.blindSkus('pia')).size).toBe(0);
    // Recording a line makes one a counter too.
    await counts.count(session.id, 'TEA', { quantity: 40, actor: 'ole' });
    expect([...(await counts.blindSkus('ole'))].sort()).toEqual(['MUG', 'TEA']);

    expect((await counts.submit(session.id, 'mia')).status).toBe('closed');
    expect((await counts.blindSkus('mia')).size).toBe(0);
    expect((await counts.blindSkus('ole')).size).toBe(0);
    // A cancelled count blinds nobody either.
    const cancelled = await counts.create({ location: 'store-1', actor: 'mia' });
    expect((await counts.blindSkus('mia')).size).toBe(3);
    await counts.cancel(cancelled.id, { actor: 'mia' });
    expect((await counts.blindSkus('mia')).size).toBe(0);
  });

  it('lists counts by status and location, a page at a time, blind while open, within a scope', async () => {
    const network = await smallNetwork(database);
    const counts = await stocked(network);
    const made: CountSession[] = [];
    for (const location of ['store-1', 'store-2'])
      for (const sku of ['TEA', 'MUG', 'RICE']) {
        // Any variance of TEA or MUG posts at once; one of RICE waits for approval.
        const thresholdUnits = sku === 'RICE' ? 10 : 1000;
        const scope = { by: 'list' as const, skus: [sku] };
        const session = await counts.create({ location, scope, thresholdUnits, thresholdValue: 1e6, actor: 'mia' });
        await counts.count(session.id, sku, { quantity: 1, actor: 'mia' });
        made.push(session);
      }
    // store-1 TEA and store-2 MUG closed, store-1 MUG cancelled, the rest open.
    await counts.submit(made[0]!.id, 'mia');
    await counts.submit(made[4]!.id, 'mia');
    await counts.cancel(made[1]!.id, { actor: 'mia' });
    // RICE at store-2 waits for approval (a variance of 4999).
    await counts.submit(made[5]!.id, 'mia');

    const ids = (sessions: readonly CountSession[]) => sessions.map((s) => s.id);
    const all = await counts.list();
    expect(ids(all.items)).toEqual(ids(made).sort());
    expect(all.nextCursor).toBeNull();
    expect(ids((await counts.list({ status: 'open' })).items)).toEqual([made[2]!.id, made[3]!.id].sort());
    expect(ids((await counts.list({ status: ['closed', 'cancelled'] })).items)).toEqual(
      [made[0]!.id, made[1]!.id, made[4]!.id].sort(),
    );
    expect(ids((await counts.list({ status: 'pending_approval', location: 'store-2' })).items)).toEqual([made[5]!.id]);
    expect(ids((await counts.list({ location: 'store-1' })).items)).toEqual(ids(made.slice(0, 3)).sort());
    expect((await counts.list({ location: 'nowhere' })).items).toEqual([]);
    expect(ids((await counts.list({}, ['store-2'])).items)).toEqual(ids(made.slice(3)).sort());
    expect((await counts.list({ location: 'store-1' }, ['store-2'])).items).toEqual([]);
    expect((await counts.list({}, [])).items).toEqual([]);

    // Pages of two: every count once, in order, none left out.
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await counts.list({ limit: 2, ...(after ? { after } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...ids(page.items));
      after = page.nextCursor ?? undefined;
      pages += 1;
    } while (after);
    expect(seen).toEqual(ids(all.items));
    expect(pages).toBe(3);

    // As in a single count: system quantities show once submitted, never while open or cancelled.
    const listed = new Map(all.items.map((s) => [s.id, s]));
    expect(listed.get(made[0]!.id)!.lines[0]).toMatchObject({ systemQuantity: 40, variance: -39 });
    expect(listed.get(made[5]!.id)!.lines[0]).toMatchObject({ systemQuantity: 5000, state: 'held' });
    for (const blind of [made[1]!, made[2]!, made[3]!])
      expect(listed.get(blind.id)!.lines[0]).toMatchObject({
        countedQuantity: 1,
        systemQuantity: null,
        variance: null,
      });
    await expect(counts.list({ status: 'done' as never })).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it("counts a SKU the location never held from zero, values its variance at the product's cost, and ranks ABC by sales value", async () => {
    const { store, ledger } = await smallNetwork(database);
    const counts = createCycleCounts(store);
    // store-1 has no stock record of MUG: the books say 0, and the line keeps MUG's cost of 3.
    const first = await counts.create({
      location: 'store-1',
      scope: { by: 'list', skus: ['MUG'] },
      thresholdUnits: 1,
      actor: 'mia',
    });
    await counts.count(first.id, 'MUG', { quantity: 2, actor: 'mia' });
    const held = await counts.submit(first.id, 'mia');
    expect(held).toMatchObject({ status: 'pending_approval' });
    expect(held.lines).toEqual([
      expect.objectContaining({ sku: 'MUG', systemQuantity: 0, variance: 2, varianceValue: 6, state: 'held' }),
    ]);
    await counts.approve(first.id, 'pia');
    expect(await counts.accuracy('store-1')).toMatchObject({
      linesCounted: 1,
      accuracy: 0,
      absoluteVarianceUnits: 2,
      absoluteVarianceValue: 6,
    });
    // The approved variance is in the books: the next count finds the 2 units there.
    const second = await counts.create({ location: 'store-1', actor: 'ole' });
    expect(skusOf(second)).toEqual(['MUG']);
    await counts.count(second.id, 'MUG', { quantity: 2, actor: 'ole' });
    expect((await counts.submit(second.id, 'ole')).lines[0]).toMatchObject({ systemQuantity: 2, variance: 0 });

    // Units do not rank, value does: 1000 RICE at 0.005 (5) come after 10 TEA at 4.5 (45); MUG sold nothing.
    await ledger.receive({
      location: 'store-2',
      lines: [
        { sku: 'TEA', quantity: 100 },
        { sku: 'MUG', quantity: 10 },
        { sku: 'RICE', quantity: 5000 },
      ],
      actor: 't',
    });
    await ledger.sell({
      location: 'store-2',
      lines: [
        { sku: 'TEA', quantity: 10 },
        { sku: 'RICE', quantity: 1000 },
      ],
      actor: 't',
    });
    for (const [abc, skus] of [
      ['A', ['TEA']],
      ['B', ['RICE']],
      ['C', ['MUG']],
    ] as const) {
      const session = await counts.create({ location: 'store-2', scope: { by: 'abc', class: abc }, actor: 'm' });
      expect(skusOf(session)).toEqual(skus);
      await counts.cancel(session.id, { actor: 'm' });
    }
    expect((await verifyLedger(store)).ok).toBe(true);
  });
});
