import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inventoryPosition, suggestReplenishment, supplierScore } from './replenishment.js';
import type { ReplenishmentItem, SupplyOption } from './replenishment.js';

const runs = { numRuns: Number(process.env.PROPERTY_RUNS ?? 200) };

const supplier = (id: string, over: Partial<SupplyOption> = {}): SupplyOption => ({
  supplierId: id,
  unitCost: 2,
  leadTime: { mean: 7, sd: 2, basis: 'stated', observations: 0 },
  packSize: 12,
  minOrderQuantity: 24,
  fillRate: null,
  ...over,
});

function item(
  locationId: string,
  over: Partial<ReplenishmentItem> & { rop?: number; upTo?: number } = {},
): ReplenishmentItem {
  const { rop = 10, upTo = 30, ...rest } = over;
  return {
    sku: 'TEA',
    locationId,
    parentId: null,
    policy: {
      protectionDays: 8,
      protectionDemand: { mean: 8, sd: 3, shape: 'poisson' },
      safetyStock: rop - 8,
      reorderPoint: rop,
      orderUpTo: upTo,
      lotSize: upTo - rop,
      economicLot: null,
      expected: { cycleService: 0.95, fillRate: 0.99, unitsShortPerCycle: 0.1 },
      demand: { perDay: 1, sdPerDay: 1 },
      leadTime: { mean: 1, sd: 0, basis: 'transfers', observations: 0 },
      target: { measure: 'cycle_service', level: 0.95, basis: 'cost' },
    },
    position: { onHand: 0, reserved: 0, inbound: 0, backordered: 0 },
    keep: 0,
    suppliers: [supplier('nordfrisch')],
    unitCost: 2,
    unitMargin: 1.5,
    ...rest,
  };
}

describe('replenishment suggestions', () => {
  it('fill a store from its DC while the DC can spare it, and have the DC buy the rest', () => {
    const dc = item('dc', {
      position: { onHand: 25, reserved: 5, inbound: 0, backordered: 0 },
      keep: 4,
      rop: 5,
      upTo: 60,
    });
    const store = item('s1', { parentId: 'dc', position: { onHand: 2, reserved: 0, inbound: 3, backordered: 1 } });
    const result = suggestReplenishment([dc, store], { holdingRate: 0.25 });
    const { suggestions } = result;
    // The store is at 2 + 3 − 1 = 4 ≤ 10: it wants 26. The DC spares 25 − 5 − 4 = 16.
    const transfer = suggestions.find((s) => s.kind === 'transfer');
    expect(transfer).toMatchObject({ fromId: 'dc', toId: 's1', lines: [{ sku: 'TEA', quantity: 16 }] });
    expect(transfer?.lines[0]?.why).toMatchObject({ wanted: 26, parentSpare: 16, reorderPoint: 10 });
    expect(transfer?.lines[0]?.why.position.inventoryPosition).toBe(4);
    // The other 10 the DC owes the store: no purchase order goes to the store; the DC, at 20 − 16 − 10 = −6 ≤ 5,
    // orders 60 + 6 = 66, in packs of 12: 72.
    expect(suggestions.find((s) => s.kind === 'purchase_order' && s.locationId === 's1')).toBeUndefined();
    const toDc = suggestions.find((s) => s.kind === 'purchase_order' && s.locationId === 'dc');
    expect(toDc?.lines[0]).toMatchObject({ quantity: 72 });
    expect(toDc?.lines[0]?.why).toMatchObject({ owedToChildren: 10, position: { inventoryPosition: -6 } });
    expect(result.waiting).toEqual([{ sku: 'TEA', locationId: 's1', parentId: 'dc', quantity: 10 }]);
  });

  it('send nothing from a disrupted DC: it owes its stores and orders for them', () => {
    const dc = item('dc', {
      position: { onHand: 500, reserved: 0, inbound: 0, backordered: 0 },
      canShip: false,
      rop: 5,
      upTo: 60,
    });
    const store = item('s1', { parentId: 'dc', position: { onHand: 0, reserved: 0, inbound: 0, backordered: 0 } });
    const { suggestions } = suggestReplenishment([dc, store], { holdingRate: 0.25 });
    expect(suggestions.filter((s) => s.kind === 'transfer')).toEqual([]);
    // 500 on hand less the 30 it owes is above its reorder point: it waits for its stock to ship again.
    expect(suggestions).toEqual([]);
  });

  it('serve the most urgent store first when the DC runs short', () => {
    const dc = item('dc', { position: { onHand: 20, reserved: 0, inbound: 0, backordered: 0 }, rop: 0, upTo: 0 });
    const calm = item('s1', { parentId: 'dc', position: { onHand: 9, reserved: 0, inbound: 0, backordered: 0 } });
    const empty = item('s2', { parentId: 'dc', position: { onHand: 0, reserved: 0, inbound: 0, backordered: 0 } });
    const { suggestions } = suggestReplenishment([dc, calm, empty], { holdingRate: 0.25 });
    const to = (id: string) => suggestions.find((s) => s.kind === 'transfer' && s.toId === id)?.lines[0]?.quantity;
    expect(to('s2')).toBe(20);
    expect(to('s1')).toBeUndefined();
  });

  it('consolidate lines per supplier and destination, with the best supplier', () => {
    const cheapButLate = supplier('fernost', {
      unitCost: 1.9,
      leadTime: { mean: 60, sd: 20, basis: 'stated', observations: 0 },
    });
    const items = [
      item('dc', { suppliers: [supplier('nordfrisch'), cheapButLate] }),
      { ...item('dc'), sku: 'COF', suppliers: [supplier('nordfrisch')] },
      { ...item('dc'), sku: 'MUG', suppliers: [] },
    ];
    const { suggestions, unsourced } = suggestReplenishment(items, { holdingRate: 0.25 });
    expect(suggestions).toHaveLength(1);
    const [po] = suggestions;
    expect(po).toMatchObject({ kind: 'purchase_order', supplierId: 'nordfrisch', locationId: 'dc' });
    expect(po?.lines.map((l) => l.sku).sort()).toEqual(['COF', 'TEA']);
    expect(po?.lines.find((l) => l.sku === 'TEA')?.why.supplierChoice?.alternatives).toEqual([
      { supplierId: 'fernost', score: supplierScore(cheapButLate, 1.5, 0.25) },
    ]);
    expect(unsourced).toEqual([{ sku: 'MUG', locationId: 'dc', wanted: 30 }]);
  });

  it('never transfer more than a source can spare, and order only at the reorder point', () => {
    const position = fc.record({
      onHand: fc.integer({ min: 0, max: 60 }),
      reserved: fc.integer({ min: 0, max: 10 }),
      inbound: fc.integer({ min: 0, max: 20 }),
      backordered: fc.integer({ min: 0, max: 5 }),
    });
    const network = fc.record({
      dc: position,
      keep: fc.integer({ min: 0, max: 10 }),
      stores: fc.array(
        fc.record({ position, rop: fc.integer({ min: 0, max: 20 }), lot: fc.integer({ min: 1, max: 30 }) }),
        {
          minLength: 1,
          maxLength: 6,
        },
      ),
    });
    fc.assert(
      fc.property(network, ({ dc, keep, stores }) => {
        const reservedAtMost = { ...dc, reserved: Math.min(dc.reserved, dc.onHand) };
        const items = [
          item('dc', { position: reservedAtMost, keep, rop: 5, upTo: 40 }),
          ...stores.map((s, i) =>
            item(`s${i}`, { parentId: 'dc', position: s.position, rop: s.rop, upTo: s.rop + s.lot }),
          ),
        ];
        const { suggestions } = suggestReplenishment(items, { holdingRate: 0.25 });
        const moved = suggestions
          .filter((s) => s.kind === 'transfer')
          .flatMap((s) => s.lines)
          .reduce((sum, l) => sum + l.quantity, 0);
        expect(moved).toBeLessThanOrEqual(Math.max(0, reservedAtMost.onHand - reservedAtMost.reserved - keep));
        for (const s of suggestions)
          for (const line of s.lines) {
            expect(line.quantity).toBeGreaterThan(0);
            expect(line.why.position.inventoryPosition).toBeLessThanOrEqual(line.why.reorderPoint);
            if (s.kind === 'purchase_order') expect(line.quantity % 12).toBe(0);
          }
        // A store's transfer and purchase never bring it past what it wanted by more than a pack rounding.
        stores.forEach((s, i) => {
          const lines = suggestions.flatMap((g) => (('toId' in g ? g.toId : g.locationId) === `s${i}` ? g.lines : []));
          const wanted = Math.max(0, s.rop + s.lot - inventoryPosition(s.position));
          const total = lines.reduce((sum, l) => sum + l.quantity, 0);
          if (inventoryPosition(s.position) > s.rop) expect(total).toBe(0);
          else expect(total).toBeLessThan(wanted + 24);
        });
      }),
      runs,
    );
  });
});
