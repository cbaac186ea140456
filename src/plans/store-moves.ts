import { balanceKey } from '../ledger/index.js';
import { planRebalancing } from '../planning/index.js';
import type { NetworkPlan, RebalancingSku, Transfer } from '../planning/index.js';
import { haversineKm } from '../sourcing/index.js';
import type { PlanInputs } from './plan-inputs.js';

/**
 * What moving stock between two stores costs: handling per unit, carriage per kg and km, and a fixed
 * cost per transfer (a trip, paperwork). Moves that do not pay for these are not suggested.
 */
export const STORE_MOVE_COSTS = { perUnit: 0.25, perKgKm: 0.002, perTransfer: 5 } as const;

/** One suggested move between two stores of a parent, with the numbers the solver weighed. */
export interface StoreMove extends Transfer {
  unitCost: number;
  /** The stock each end counts on until its next replenishment, and the demand until then. */
  fromStock: number;
  toStock: number;
  horizonDays: number;
  fromDemand: { mean: number; sd: number };
  toDemand: { mean: number; sd: number };
}

/**
 * Moves between sibling stores (one parent) for every SKU: each store's stock until its next
 * replenishment arrives (its lead time + review) against its demand over that time, solved per SKU
 * as a transport problem (see `planRebalancing`). A store counts what the plan's replenishment will
 * send it already, so moves address what is left: stock a store will not sell, where another runs short
 * that its parent cannot fill.
 *
 * @example
 * const moves = await storeMoves(inputs, plan, 0.25, suggested);
 * moves[0]; // { sku: 'TEA-1', from: 'store-1', to: 'store-2', quantity: 6, saving: 14.2, … }
 */
export async function storeMoves(
  inputs: PlanInputs,
  plan: NetworkPlan,
  holdingRate: number,
  suggested: ReadonlyMap<string, number>,
): Promise<StoreMove[]> {
  const stock = new Map(inputs.network.stock.map((s) => [balanceKey(s.sku, s.locationId), s]));
  const siblings = new Map<string, typeof plan.policies>();
  for (const policy of plan.policies) {
    if (policy.offsetDays !== 0 || policy.source.kind !== 'parent') continue;
    if (inputs.locations.get(policy.locationId)?.kind !== 'store') continue;
    if (inputs.locations.get(policy.locationId)?.status !== 'active') continue;
    const group = `${policy.sku}\u0000${policy.source.id}`;
    siblings.set(group, [...(siblings.get(group) ?? []), policy]);
  }
  const context = new Map<string, { stock: number; horizon: number; demand: { mean: number; sd: number } }>();
  const skus: RebalancingSku[] = [];
  for (const group of siblings.values()) {
    if (group.length < 2) continue;
    const sku = group[0]!.sku;
    const product = inputs.products.get(sku);
    if (!product || !(product.price > product.unitCost)) continue;
    // One horizon for the SKU's stores, so that their lost sales and leftovers weigh alike: the longest
    // time any of them waits for its next replenishment.
    const horizon = Math.max(...group.map((p) => p.protectionDays));
    const sites = group.map((p) => {
      const s = stock.get(balanceKey(sku, p.locationId));
      const onShelf = Math.max(0, (s?.onHand ?? 0) - (s?.reserved ?? 0));
      const units = onShelf + Math.max(0, s?.inbound ?? 0) + (suggested.get(balanceKey(sku, p.locationId)) ?? 0);
      const mean = p.demand.perDay * horizon;
      const sd = Math.sqrt(horizon * p.demand.sdPerDay ** 2 + p.demand.perDay ** 2 * p.leadTime.sd ** 2);
      const demand = { mean, sd: Math.max(sd, Math.sqrt(mean)) };
      context.set(balanceKey(sku, p.locationId), { stock: units, horizon, demand });
      // Only what is on the shelf now can leave: what is on its way counts for selling, not for giving.
      return { location: p.locationId, stock: units, demand, minimumKeep: units - onShelf };
    });
    if (sites.every((s) => s.stock === 0)) continue;
    skus.push({
      sku,
      unitMargin: product.price - product.unitCost,
      holdingCostPerUnit: (product.unitCost * holdingRate * horizon) / 365,
      unitWeightKg: product.weightKg,
      sites,
    });
  }
  if (skus.length === 0) return [];
  const distance = (from: string, to: string) => {
    const a = inputs.locations.get(from);
    const b = inputs.locations.get(to);
    if (a?.latitude == null || a.longitude == null || b?.latitude == null || b.longitude == null) return 0;
    return haversineKm(
      { latitude: a.latitude, longitude: a.longitude },
      { latitude: b.latitude, longitude: b.longitude },
    );
  };
  const solved = await planRebalancing({
    skus,
    unitTransferCost: (from, to, sku) =>
      STORE_MOVE_COSTS.perUnit + STORE_MOVE_COSTS.perKgKm * distance(from, to) * (sku.unitWeightKg ?? 0),
    fixedCostPerTransfer: STORE_MOVE_COSTS.perTransfer,
  });
  return solved.transfers.map((t) => {
    const from = context.get(balanceKey(t.sku, t.from))!;
    const to = context.get(balanceKey(t.sku, t.to))!;
    return {
      ...t,
      unitCost: inputs.products.get(t.sku)!.unitCost,
      fromStock: from.stock,
      toStock: to.stock,
      horizonDays: from.horizon,
      fromDemand: from.demand,
      toDemand: to.demand,
    };
  });
}
