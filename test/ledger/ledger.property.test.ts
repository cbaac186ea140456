import fc from 'fast-check';
import { expect, it } from 'vitest';
import { isDomainError } from '../../src/errors/index.js';
import { verifyLedger } from '../../src/ledger/index.js';
import { forEachDatabase } from '../support/databases.js';
import { smallNetwork } from '../support/network.js';
import type { SmallNetwork } from '../support/network.js';

/** Cases per database; raise it for a deeper search: OMNISTOCK_PROPERTY_RUNS=500 npm test. */
const runs = Number(process.env.OMNISTOCK_PROPERTY_RUNS ?? 12);

const SKUS = ['TEA', 'MUG'] as const;
const FLOORED = ['dc-1', 'store-1', 'store-2'] as const;
const REAL = [...FLOORED, 'wh-neg'] as const;

const sku = fc.constantFrom(...SKUS);
const real = fc.constantFrom(...REAL);
const quantity = fc.integer({ min: 1, max: 6 });

const operation = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('receive' as const), location: real, sku, quantity }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('sell' as const), location: real, sku, quantity }) },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('adjust' as const), location: real, sku, quantity, increase: fc.boolean() }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('ship' as const), from: real, to: real, sku, quantity }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('arrive' as const), pick: fc.nat(), shortfall: fc.nat(2) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('take' as const), location: real, sku, quantity }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('release' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('commit' as const), pick: fc.nat(), less: fc.nat(2) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('batch' as const),
      location: real,
      sku,
      receive: quantity,
      sell: fc.integer({ min: 1, max: 12 }),
    }),
  },
);
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

interface Stock {
  onHand: number;
  reserved: number;
}

/** What the ledger should hold after each operation, computed the plain way. */
class Model {
  readonly stock = new Map<string, Stock>();
  readonly transfers: { id: string; to: string; sku: string; quantity: number }[] = [];
  readonly reservations: { id: string; location: string; sku: string; quantity: number }[] = [];

  get(sku: string, location: string): Stock {
    const key = `${sku}@${location}`;
    if (!this.stock.has(key)) this.stock.set(key, { onHand: 0, reserved: 0 });
    return this.stock.get(key)!;
  }
  /** Whether `quantity` may leave `location`: available stock, unless the location may go negative. */
  canTake(sku: string, location: string, quantity: number): boolean {
    const s = this.get(sku, location);
    return !(FLOORED as readonly string[]).includes(location) || s.onHand - s.reserved >= quantity;
  }
  move(sku: string, from: string, to: string, quantity: number): void {
    this.get(sku, from).onHand -= quantity;
    this.get(sku, to).onHand += quantity;
  }
}

/** Applies `op` to the ledger and to the model; checks that both agree on whether it was allowed. */
async function apply(network: SmallNetwork, model: Model, op: Operation, step: number): Promise<void> {
  const { ledger, reservations } = network;
  const actor = 'property';
  const occurredAt = new Date(Date.UTC(2026, 0, 1) + step * 60_000).toISOString();
  let expected: boolean;
  let attempt: () => Promise<unknown>;
  let onSuccess: (result: unknown) => void = () => {};

  switch (op.op) {
    case 'receive':
      expected = true;
      attempt = () =>
        ledger.receive({ location: op.location, lines: [{ sku: op.sku, quantity: op.quantity }], actor, occurredAt });
      onSuccess = () => model.move(op.sku, 'supplier', op.location, op.quantity);
      break;
    case 'sell':
      expected = model.canTake(op.sku, op.location, op.quantity);
      attempt = () =>
        ledger.sell({ location: op.location, lines: [{ sku: op.sku, quantity: op.quantity }], actor, occurredAt });
      onSuccess = () => model.move(op.sku, op.location, 'customer', op.quantity);
      break;
    case 'adjust':
      expected = op.increase || model.canTake(op.sku, op.location, op.quantity);
      attempt = () =>
        ledger.adjust({
          location: op.location,
          reason: 'count',
          lines: [{ sku: op.sku, quantity: op.quantity, direction: op.increase ? 'increase' : 'decrease' }],
          actor,
          occurredAt,
        });
      onSuccess = () =>
        op.increase
          ? model.move(op.sku, 'adjustment', op.location, op.quantity)
          : model.move(op.sku, op.location, 'adjustment', op.quantity);
      break;
    case 'ship': {
      if (op.from === op.to) return;
      const id = `T${step}`;
      expected = model.canTake(op.sku, op.from, op.quantity);
      attempt = () =>
        ledger.shipTransfer({
          transferId: id,
          from: op.from,
          to: op.to,
          lines: [{ sku: op.sku, quantity: op.quantity }],
          actor,
          occurredAt,
        });
      onSuccess = () => {
        model.move(op.sku, op.from, `transit:${id}`, op.quantity);
        model.transfers.push({ id, to: op.to, sku: op.sku, quantity: op.quantity });
      };
      break;
    }
    case 'arrive': {
      if (model.transfers.length === 0) return;
      const [transfer] = model.transfers.splice(op.pick % model.transfers.length, 1);
      const { id, to, sku: s, quantity: q } = transfer!;
      const shortfall = Math.min(op.shortfall, q);
      expected = true;
      attempt = () =>
        ledger.receiveTransfer({
          transferId: id,
          to,
          lines: [{ sku: s, quantity: q - shortfall, shortfall }],
          ...(shortfall > 0 ? { reason: 'lost' } : {}),
          actor,
          occurredAt,
        });
      onSuccess = () => {
        model.move(s, `transit:${id}`, to, q - shortfall);
        model.move(s, `transit:${id}`, 'adjustment', shortfall);
      };
      break;
    }
    case 'take': {
      const s = model.get(op.sku, op.location);
      expected = s.onHand - s.reserved >= op.quantity;
      attempt = () =>
        reservations.take({ sku: op.sku, location: op.location, quantity: op.quantity, actor, ttlSeconds: 3600 });
      onSuccess = (result) => {
        s.reserved += op.quantity;
        model.reservations.push({
          id: (result as { id: string }).id,
          location: op.location,
          sku: op.sku,
          quantity: op.quantity,
        });
      };
      break;
    }
    case 'release':
    case 'commit': {
      if (model.reservations.length === 0) return;
      const [r] = model.reservations.splice(op.pick % model.reservations.length, 1);
      const { id, location, sku: s, quantity: q } = r!;
      expected = true;
      const committed = op.op === 'commit' ? Math.max(1, q - op.less) : 0;
      attempt = () =>
        op.op === 'commit'
          ? reservations.commit({ reservationId: id, quantity: committed, actor, occurredAt })
          : reservations.release({ reservationId: id, actor });
      onSuccess = () => {
        model.get(s, location).reserved -= q;
        model.move(s, location, 'customer', committed);
      };
      break;
    }
    case 'batch': {
      const s = model.get(op.sku, op.location);
      expected =
        !(FLOORED as readonly string[]).includes(op.location) || s.onHand - s.reserved + op.receive - op.sell >= 0;
      attempt = () =>
        ledger.post({
          actor,
          occurredAt,
          movements: [
            { sku: op.sku, from: 'supplier', to: op.location, quantity: op.receive, kind: 'receive' },
            { sku: op.sku, from: op.location, to: 'customer', quantity: op.sell, kind: 'sell' },
          ],
        });
      onSuccess = () => {
        model.move(op.sku, 'supplier', op.location, op.receive);
        model.move(op.sku, op.location, 'customer', op.sell);
      };
      break;
    }
  }

  const outcome = await attempt().then(
    (result) => ({ ok: true as const, result }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (outcome.ok) {
    expect(expected, `${JSON.stringify(op)} was allowed but should have been refused`).toBe(true);
    onSuccess(outcome.result);
  } else {
    if (!isDomainError(outcome.error, 'insufficient_stock')) throw outcome.error;
    expect(expected, `${JSON.stringify(op)} was refused but should have been allowed`).toBe(false);
  }
}

forEachDatabase((database) => {
  it('keeps conservation, derivability, the stock floor and as-of under random operations', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 40 }), async (operations) => {
        const network = await smallNetwork(database);
        try {
          await check(network, operations);
        } finally {
          await network.store.dispose();
        }
      }),
      { numRuns: runs },
    );
  });
});

async function check(network: SmallNetwork, operations: Operation[]): Promise<void> {
  const model = new Model();
  const snapshots: { at: string; stock: Map<string, number> }[] = [];
  for (const [step, op] of operations.entries()) {
    await apply(network, model, op, step);
    snapshots.push({
      at: new Date(Date.UTC(2026, 0, 1) + step * 60_000 + 30_000).toISOString(),
      stock: new Map([...model.stock].map(([key, s]) => [key, s.onHand])),
    });
  }

  // Derivability and conservation, and reserved == active reservations.
  const report = await verifyLedger(network.store);
  expect(report, JSON.stringify(report)).toMatchObject({ ok: true });
  // Balances equal the model's, and available never went below zero where there is a floor.
  for (const [key, expected] of model.stock) {
    const [s, location] = key.split('@') as [string, string];
    const balance = await network.ledger.balance(s, location);
    expect({ key, onHand: balance.onHand, reserved: balance.reserved }).toEqual({ key, ...expected });
    if ((FLOORED as readonly string[]).includes(location)) expect(balance.available).toBeGreaterThanOrEqual(0);
  }
  // As-of equals the fold up to that time, at a few past instants.
  for (const snapshot of snapshots.filter((_, i) => i % 7 === 3 || i === snapshots.length - 1)) {
    for (const [key, onHand] of snapshot.stock) {
      const [s, location] = key.split('@') as [string, string];
      expect(await network.ledger.onHandAt({ sku: s, location, at: snapshot.at }), `${key} at ${snapshot.at}`).toBe(
        onHand,
      );
    }
  }
}
