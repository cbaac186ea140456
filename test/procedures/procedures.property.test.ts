import fc from 'fast-check';
import { expect, it } from 'vitest';
import { createSuppliers } from '../../src/catalog/index.js';
import { isDomainError } from '../../src/errors/index.js';
import { createStockViews, verifyLedger } from '../../src/ledger/index.js';
import {
  createCycleCounts,
  createPurchaseOrders,
  createReturns,
  createTransferOrders,
  onOrder,
} from '../../src/procedures/index.js';
import { forEachDatabase } from '../support/databases.js';
import { smallNetwork } from '../support/network.js';

/** Cases per database; raise it for a deeper search: OMNISTOCK_PROPERTY_RUNS=500 npm test. */
const runs = Number(process.env.OMNISTOCK_PROPERTY_RUNS ?? 12);

const SKUS = ['TEA', 'MUG'] as const;
const REAL = ['dc-1', 'store-1', 'store-2'] as const;
const sku = fc.constantFrom(...SKUS);
const real = fc.constantFrom(...REAL);
const quantity = fc.integer({ min: 1, max: 8 });
const pick = fc.nat();

const operation = fc.oneof(
  fc.record({ op: fc.constant('order' as const), location: real, sku, quantity, submit: fc.boolean() }),
  fc.record({ op: fc.constant('submit' as const), pick }),
  fc.record({
    op: fc.constant('receive' as const),
    pick,
    sku,
    quantity: fc.nat(10),
    damaged: fc.nat(2),
    close: fc.boolean(),
  }),
  fc.record({ op: fc.constant('close' as const), pick }),
  fc.record({ op: fc.constant('cancel' as const), pick }),
  fc.record({ op: fc.constant('transfer' as const), from: real, to: real, sku, quantity, ship: fc.boolean() }),
  fc.record({ op: fc.constant('ship' as const), pick }),
  fc.record({ op: fc.constant('arrive' as const), pick, sku, quantity: fc.nat(8), shortfall: fc.nat(2) }),
  fc.record({ op: fc.constant('cancelTransfer' as const), pick }),
  fc.record({
    op: fc.constant('return' as const),
    location: real,
    sku,
    quantity,
    disposition: fc.constantFrom('restock', 'quarantine', 'scrap', 'return_to_vendor'),
  }),
  fc.record({
    op: fc.constant('inspect' as const),
    pick,
    outcome: fc.constantFrom('restock', 'scrap', 'return_to_vendor'),
  }),
  fc.record({
    op: fc.constant('count' as const),
    location: real,
    sku,
    delta: fc.integer({ min: -3, max: 3 }),
    approve: fc.boolean(),
  }),
);
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

/** Refusals a random sequence meets by design: illegal steps, too little stock, bad quantities. */
const EXPECTED_REFUSALS = ['illegal_transition', 'insufficient_stock', 'validation_failed', 'already_exists'] as const;

forEachDatabase((database) => {
  it('keeps the ledger clean and inbound/outbound equal to the open documents under random procedures', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 30 }), async (operations) => {
        const network = await smallNetwork(database);
        try {
          await check(network.store, network.ledger, operations);
        } finally {
          await network.store.dispose();
        }
      }),
      { numRuns: runs },
    );
  });
});

async function check(
  store: Awaited<ReturnType<typeof smallNetwork>>['store'],
  ledger: Awaited<ReturnType<typeof smallNetwork>>['ledger'],
  operations: Operation[],
): Promise<void> {
  await createSuppliers(store).create({ id: 'acme', name: 'Acme', leadTimeDays: 2 });
  await ledger.receive({ location: 'dc-1', lines: SKUS.map((s) => ({ sku: s, quantity: 30 })), actor: 'seed' });
  const orders = createPurchaseOrders(store);
  const transfers = createTransferOrders(store);
  const returns = createReturns(store);
  const counts = createCycleCounts(store);
  const orderIds: string[] = [];
  const transferIds: string[] = [];
  const returnIds: string[] = [];
  const nth = <T>(list: T[], n: number) => (list.length === 0 ? undefined : list[n % list.length]);
  const actor = 'prop';

  for (const op of operations) {
    try {
      switch (op.op) {
        case 'order':
          orderIds.push(
            (
              await orders.create({
                supplier: 'acme',
                location: op.location,
                lines: [{ sku: op.sku, quantity: op.quantity }],
                submit: op.submit,
                actor,
              })
            ).id,
          );
          break;
        case 'submit':
          if (nth(orderIds, op.pick)) await orders.submit(nth(orderIds, op.pick)!, actor);
          break;
        case 'receive':
          if (nth(orderIds, op.pick))
            await orders.receive(nth(orderIds, op.pick)!, {
              lines: [{ sku: op.sku, quantity: op.quantity, damaged: op.damaged }],
              reason: 'random delivery',
              close: op.close,
              actor,
            });
          break;
        case 'close':
          if (nth(orderIds, op.pick)) await orders.close(nth(orderIds, op.pick)!, { reason: 'enough', actor });
          break;
        case 'cancel':
          if (nth(orderIds, op.pick)) await orders.cancel(nth(orderIds, op.pick)!, { actor });
          break;
        case 'transfer':
          transferIds.push(
            (
              await transfers.create({
                from: op.from,
                to: op.to,
                lines: [{ sku: op.sku, quantity: op.quantity }],
                ship: op.ship,
                actor,
              })
            ).id,
          );
          break;
        case 'ship':
          if (nth(transferIds, op.pick)) await transfers.ship(nth(transferIds, op.pick)!, { actor });
          break;
        case 'arrive':
          if (nth(transferIds, op.pick))
            await transfers.receive(nth(transferIds, op.pick)!, {
              lines: [{ sku: op.sku, quantity: op.quantity, shortfall: op.shortfall }],
              reason: 'lost',
              actor,
            });
          break;
        case 'cancelTransfer':
          if (nth(transferIds, op.pick)) await transfers.cancel(nth(transferIds, op.pick)!, actor);
          break;
        case 'return':
          returnIds.push(
            (
              await returns.receive({
                location: op.location,
                reason: 'defective',
                lines: [
                  {
                    sku: op.sku,
                    quantity: op.quantity,
                    disposition: op.disposition,
                    ...(op.disposition === 'return_to_vendor' ? { supplier: 'acme' } : {}),
                  },
                ],
                actor,
              })
            ).return.id,
          );
          break;
        case 'inspect': {
          const id = nth(returnIds, op.pick);
          if (!id) break;
          const line = (await returns.get(id)).lines[0]!;
          await returns.inspect(id, line.sku, {
            outcome: op.outcome,
            ...(op.outcome === 'return_to_vendor' ? { supplier: 'acme' } : {}),
            actor,
          });
          break;
        }
        case 'count': {
          const session = await counts.create({
            location: op.location,
            scope: { by: 'list', skus: [op.sku] },
            thresholdUnits: 1,
            actor,
          });
          const onHand = (await ledger.balance(op.sku, op.location)).onHand;
          await counts.count(session.id, op.sku, { quantity: Math.max(0, onHand + op.delta), actor });
          const submitted = await counts.submit(session.id, actor);
          // Someone other than the counter approves (self-approval is refused).
          if (op.approve && submitted.status === 'pending_approval') await counts.approve(session.id, 'planner');
          break;
        }
      }
    } catch (error) {
      if (!EXPECTED_REFUSALS.some((code) => isDomainError(error, code))) throw error;
    }
  }

  const report = await verifyLedger(store);
  expect(report.ok, JSON.stringify(report)).toBe(true);

  // What the documents say is on the way, per SKU and location…
  const expected = new Map<string, { inbound: number; outbound: number }>();
  const at = (s: string, l: string) => {
    const key = `${s}@${l}`;
    const v = expected.get(key) ?? { inbound: 0, outbound: 0 };
    expected.set(key, v);
    return v;
  };
  for (const id of orderIds) {
    const order = await orders.get(id);
    if (order.status === 'submitted' || order.status === 'partially_received')
      for (const l of order.lines) at(l.sku, order.locationId).inbound += l.open;
  }
  for (const id of transferIds) {
    const transfer = await transfers.get(id);
    for (const l of transfer.lines) {
      at(l.sku, transfer.toId).inbound += l.inTransit;
      at(l.sku, transfer.fromId).outbound += l.inTransit;
    }
  }
  // …is what the stock views say.
  const stock = createStockViews(store, { onOrder });
  for (const location of REAL)
    for (const s of SKUS) {
      const row = await stock.row(s, location);
      const want = expected.get(`${s}@${location}`) ?? { inbound: 0, outbound: 0 };
      expect({ inbound: row.inbound, outbound: row.outbound }, `${s} at ${location}`).toEqual(want);
    }
}
