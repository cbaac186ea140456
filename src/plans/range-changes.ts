import { balanceKey } from '../ledger/index.js';
import { planRange } from '../planning/index.js';
import type { RangePair } from '../planning/index.js';
import type { PlanInputs } from './plan-inputs.js';

/** A range suggestion as a plan stores it: one SKU at one store, with planning's reasons. */
export interface RangeChange {
  kind: 'range_add' | 'range_delist';
  locationId: string;
  sku: string;
  /** Units concerned: a delisting's stock on hand, an add's first week at the rate its peers suggest. */
  quantity: number;
  unitCost: number;
  /** At cost: the stock a delisting frees, or an add's first week of stock. */
  value: number;
  reason: Record<string, unknown>;
}

/** One range change of one SKU at one store, as planners' decisions are remembered by. */
export const decisionKey = (kind: RangeChange['kind'], sku: string, locationId: string): string =>
  `${kind}\u0000${balanceKey(sku, locationId)}`;

/**
 * What each store should add to or drop from its range. A store carries a SKU when it has a forecast
 * for it (it sold it, or a planner approved adding it) or holds it; decisions planners already made
 * on a pair (approved or dismissed) are not suggested again.
 *
 * @example
 * rangeChanges(inputs, 0.25).filter((c) => c.kind === 'range_delist'); // slow SKUs that do not pay their shelf
 */
export function rangeChanges(inputs: PlanInputs, holdingRate: number): RangeChange[] {
  const forecast = new Map<string, number>();
  for (const d of inputs.network.demand) {
    const days = Math.min(d.mean.length, 28);
    forecast.set(
      balanceKey(d.sku, d.locationId),
      days === 0 ? 0 : d.mean.slice(0, days).reduce((a, b) => a + b, 0) / days,
    );
  }
  const onHand = new Map(inputs.network.stock.map((s) => [balanceKey(s.sku, s.locationId), s.onHand]));
  const stores = [...inputs.locations.values()].filter((l) => l.kind === 'store');
  const pairs: RangePair[] = [];
  for (const store of stores)
    for (const sku of inputs.products.keys()) {
      const mean = forecast.get(balanceKey(sku, store.id));
      const held = onHand.get(balanceKey(sku, store.id)) ?? 0;
      if (mean === undefined && held <= 0) continue;
      pairs.push({ sku, locationId: store.id, carried: true, dailyMean: mean ?? 0, onHand: Math.max(0, held) });
    }
  const suggestions = planRange(
    {
      locations: [...inputs.locations.values()].map((l) => ({
        id: l.id,
        kind: l.kind,
        region: l.region ?? '',
        parentId: l.parentId,
        status: l.status,
      })),
      products: [...inputs.products].map(([sku, p]) => ({ sku, unitCost: p.unitCost, price: p.price })),
      pairs,
    },
    { holdingRate },
  );
  return suggestions
    .filter(
      (s) =>
        !inputs.rangeDecided.has(decisionKey(s.kind === 'add' ? 'range_add' : 'range_delist', s.sku, s.locationId)),
    )
    .map((s) => {
      const unitCost = inputs.products.get(s.sku)?.unitCost ?? 0;
      if (s.kind === 'delist')
        return {
          kind: 'range_delist',
          locationId: s.locationId,
          sku: s.sku,
          quantity: s.why.freed.units,
          unitCost,
          value: s.why.freed.value,
          reason: {
            summary: `${s.sku} earns ${s.why.economics.weeklyMargin.toFixed(2)} a week at ${s.locationId}, less than its holding and shelf cost (${(s.why.economics.weeklyHolding + s.why.economics.weeklyShelfCost).toFixed(2)}); delisting frees ${s.why.freed.units} unit(s) worth ${s.why.freed.value.toFixed(2)}`,
            weeklySaving: s.value,
            ...s.why,
          },
        };
      const firstWeek = Math.max(1, Math.ceil(s.why.economics.weeklyUnits));
      return {
        kind: 'range_add',
        locationId: s.locationId,
        sku: s.sku,
        quantity: firstWeek,
        unitCost,
        value: firstWeek * unitCost,
        reason: {
          summary: `${Math.round(s.why.peerShare * 100)} % of the stores most like ${s.locationId} carry and sell ${s.sku}; at their rate, scaled to this store, it would earn ${s.why.economics.weeklyNet.toFixed(2)} a week net of holding and shelf cost`,
          weeklyNet: s.value,
          ...s.why,
        },
      };
    });
}
