import { describe, expect, it } from 'vitest';
import { demoHistory } from './history.js';
import type { DemoPosting } from './history.js';
import { demoNetwork } from './network.js';
import { createRandom } from '../probability/index.js';

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
    const returned = new Map<string, Extract<DemoPosting, { type: 'return' }>>();
    const inspected = new Set<string>();
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
      } else if (step.type === 'return') {
        returned.set(step.reference, step);
        for (const l of step.lines) {
          const into = l.disposition === 'quarantine' ? `quarantine:${step.location}` : step.location;
          move(l.sku, 'customer', into, l.quantity);
          if (l.disposition === 'scrap' || l.disposition === 'return_to_vendor')
            move(l.sku, step.location, 'customer', l.quantity);
        }
      } else if (step.type === 'inspection') {
        // Inspected once, out of the quarantine it went into.
        const { location, lines } = returned.get(step.reference)!;
        const line = lines.find((l) => l.sku === step.sku && l.disposition === 'quarantine')!;
        expect(inspected.has(`${step.reference}/${step.sku}`)).toBe(false);
        inspected.add(`${step.reference}/${step.sku}`);
        move(step.sku, `quarantine:${location}`, step.outcome === 'restock' ? location : 'customer', line.quantity);
      } else if (step.type === 'count') {
        // What was found on the shelf is never below nothing, and the books take it over.
        for (const l of step.lines) {
          if (l.quantity === null) continue;
          expect(l.quantity).toBeGreaterThanOrEqual(0);
          move(l.sku, step.location, 'adjustment', (stock.get(`${l.sku}@${step.location}`) ?? 0) - l.quantity);
        }
      } else for (const m of step.movements) move(m.sku, m.from, m.to, m.quantity);
    }
  });

  it('takes returns in at the returns desk and counts each store this morning, ending the history', () => {
    const { network, history } = build(5);
    const returns = history.flatMap((step) => (step.type === 'return' ? [step] : []));
    const dispositions = new Set(returns.flatMap((r) => r.lines.map((l) => l.disposition)));
    expect([...dispositions].sort()).toEqual(['quarantine', 'restock', 'return_to_vendor', 'scrap']);
    // One return per store, day and reason, each SKU once on it.
    expect(new Set(returns.map((r) => r.reference)).size).toBe(returns.length);
    for (const r of returns) expect(new Set(r.lines.map((l) => l.sku)).size).toBe(r.lines.length);
    expect(history.some((step) => step.type === 'inspection')).toBe(true);

    const counts = history.flatMap((step) => (step.type === 'count' ? [step] : []));
    expect(counts.map((c) => c.location)).toEqual(network.stores.map((s) => s.id));
    expect(counts.map((c) => c.end).slice(0, 3)).toEqual(['submitted', 'open', 'approved']);
    expect(counts.every((c) => c.lines.length > 0)).toBe(true);
    // Nothing happens after this morning's counts and inspections.
    const last = history.findIndex((step) => step.type === 'count');
    expect(history.slice(last).every((step) => step.type === 'count' || step.type === 'inspection')).toBe(true);
  });
});
