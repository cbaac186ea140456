import { describe, expect, it } from 'vitest';
import { demoHistory } from './history.js';
import { demoNetwork } from './network.js';
import { createRandom } from './random.js';

const size = { distributionCentres: 2, stores: 6, products: 40, days: 400 };
const today = new Date(Date.UTC(2026, 10, 26));

function build(seed: number) {
  const random = createRandom(seed);
  const network = demoNetwork(size, random);
  return { network, history: [...demoHistory(network, size.days, random, today)] };
}

describe('the demo network', () => {
  it('is the same for the same seed and different for another', () => {
    const a = build(7);
    const b = build(7);
    const c = build(8);
    expect(JSON.stringify(a.history)).toBe(JSON.stringify(b.history));
    expect(JSON.stringify(a.history)).not.toBe(JSON.stringify(c.history));
  });

  it('places every store under its nearest DC, in a region, with real coordinates', () => {
    const { network } = build(1);
    const stores = network.locations.filter((l) => l.kind === 'store');
    expect(stores).toHaveLength(size.stores);
    for (const store of stores) {
      expect(network.distributionCentres).toContain(store.parentId);
      expect(store.latitude).toBeGreaterThan(47);
      expect(store.latitude).toBeLessThan(55.5);
    }
    expect(new Set(network.products.map((p) => p.gtin)).size).toBe(size.products);
  });

  it('sells more on Saturdays than on Sundays, and toys more in December than in July', () => {
    const { history } = build(3);
    const sales = history.flatMap((step) =>
      step.type === 'movements'
        ? step.movements.filter((m) => m.kind === 'sell').map((m) => ({ ...m, at: new Date(step.occurredAt) }))
        : [],
    );
    const byWeekday = (day: number) =>
      sales.filter((s) => s.at.getUTCDay() === day).reduce((sum, s) => sum + s.quantity, 0);
    expect(byWeekday(6)).toBeGreaterThan(byWeekday(0) * 1.3);
    const toys = (month: number) =>
      sales
        .filter((s) => s.sku.startsWith('TOY') && s.at.getUTCMonth() === month)
        .reduce((sum, s) => sum + s.quantity, 0);
    expect(toys(11)).toBeGreaterThan(toys(6) * 2);
  });

  it('never sells or ships stock it does not have', () => {
    const { history } = build(5);
    const stock = new Map<string, number>();
    const move = (sku: string, from: string, to: string, quantity: number) => {
      const left = (stock.get(`${sku}@${from}`) ?? 0) - quantity;
      stock.set(`${sku}@${from}`, left);
      stock.set(`${sku}@${to}`, (stock.get(`${sku}@${to}`) ?? 0) + quantity);
      if (!['supplier', 'customer', 'adjustment'].includes(from))
        expect(left, `${sku} at ${from}`).toBeGreaterThanOrEqual(0);
    };
    const orderedAt = new Map<string, string>();
    const transferTo = new Map<string, string>();
    for (const step of history) {
      if (step.type === 'transfer') {
        transferTo.set(step.transferId, step.to);
        for (const l of step.lines) move(l.sku, step.from, `transit:${step.transferId}`, l.quantity);
      } else if (step.type === 'arrival') {
        for (const l of step.lines) {
          move(l.sku, `transit:${step.transferId}`, transferTo.get(step.transferId)!, l.quantity);
          move(l.sku, `transit:${step.transferId}`, 'adjustment', l.shortfall);
        }
      } else if (step.type === 'order') {
        orderedAt.set(step.orderId, step.location);
      } else if (step.type === 'receipt') {
        // A delivery comes for an order placed before it.
        expect(orderedAt.has(step.orderId), step.orderId).toBe(true);
        for (const l of step.lines) move(l.sku, 'supplier', orderedAt.get(step.orderId)!, l.quantity);
      } else for (const m of step.movements) move(m.sku, m.from, m.to, m.quantity);
    }
  });
});
