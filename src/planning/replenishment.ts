/**
 * Replenishment suggestions: where a SKU's inventory position at a location has reached its reorder
 * point, order it back up to its order-up-to level — by a transfer from the location's parent (its DC)
 * as far as the parent can spare it, otherwise by a purchase order from the supplier that gives the
 * best cost and reliability — consolidated into one suggestion per supplier and destination, or per
 * lane. Every line says why, with the numbers of its formula.
 */
import type { DailyDemand } from './echelon-demand.js';
import type { LeadTime } from './lead-time.js';
import { roundOrder } from './order-rounding.js';
import type { ServiceTarget } from './service-target.js';
import type { StockPolicy } from './stock-policy.js';

export interface StockPosition {
  onHand: number;
  reserved: number;
  /** In transit to the location and open on purchase orders. */
  inbound: number;
  /** Units promised to orders that no location could fill yet. */
  backordered: number;
}

/** On hand + inbound − reserved − backorders: what the location can count on. */
export const inventoryPosition = (p: StockPosition): number => p.onHand + p.inbound - p.reserved - p.backordered;

/** A supplier that can deliver a SKU, on its terms. */
export interface SupplyOption {
  supplierId: string;
  unitCost: number;
  leadTime: LeadTime;
  packSize: number;
  minOrderQuantity: number;
  /** Share of ordered units it delivered on finished orders; null before any. */
  fillRate: number | null;
}

/** The policy a SKU holds at a location, with what it was computed from. */
export interface ItemPolicy extends StockPolicy {
  demand: DailyDemand;
  leadTime: LeadTime;
  target: ServiceTarget;
}

export interface ReplenishmentItem {
  sku: string;
  locationId: string;
  /** The location that replenishes this one, if it holds the SKU; null: bought from suppliers. */
  parentId: string | null;
  policy: ItemPolicy;
  position: StockPosition;
  /** Units kept for the location's own demand (its online orders), which its children cannot take. */
  keep: number;
  /** False at a disrupted location: its stock cannot leave, so its children are owed what they want. True when absent. */
  canShip?: boolean;
  suppliers: readonly SupplyOption[];
  /** What a unit is worth at cost: a transfer's value. */
  unitCost: number;
  unitMargin: number;
}

/** Why a line was suggested: the position against the policy, and how the quantity was found. */
export interface LineReason {
  position: StockPosition & { inventoryPosition: number };
  reorderPoint: number;
  orderUpTo: number;
  safetyStock: number;
  lotSize: number;
  demandPerDay: number;
  leadTime: LeadTime;
  protectionDays: number;
  protectionDemand: StockPolicy['protectionDemand'];
  target: ServiceTarget;
  /** Units short of the order-up-to level. */
  wanted: number;
  /** What this location's children wanted and it could not spare now: it orders them too. */
  owedToChildren: number;
  /** What the parent could spare for this line (transfers, and purchase orders for what it could not). */
  parentSpare: number | null;
  /** The supplier chosen and those it beat, by cost per unit including holding and expected shortfall. */
  supplierChoice: { supplierId: string; score: number; alternatives: { supplierId: string; score: number }[] } | null;
}

export interface SuggestedLine {
  sku: string;
  quantity: number;
  unitCost: number;
  why: LineReason;
}

export type ReplenishmentSuggestion =
  | { kind: 'purchase_order'; supplierId: string; locationId: string; lines: SuggestedLine[] }
  | { kind: 'transfer'; fromId: string; toId: string; lines: SuggestedLine[] };

export interface ReplenishmentOptions {
  /** Holding cost a year as a share of unit cost, for weighing suppliers' lead times. */
  holdingRate: number;
}

/** What a location wants that its parent cannot spare now: the parent owes it and orders it (or has it on the way). */
export interface Waiting {
  sku: string;
  locationId: string;
  parentId: string;
  quantity: number;
}

/** A need that no source could meet: no supplier carries the SKU and the parent had nothing to spare. */
export interface Unsourced {
  sku: string;
  locationId: string;
  wanted: number;
}

/**
 * A supplier's cost per unit for planning: its price, the holding of the stock its lead time and the
 * spread of it make necessary, and the margin expected to be lost on what it fails to deliver.
 */
export function supplierScore(option: SupplyOption, unitMargin: number, holdingRate: number): number {
  const holdingDays = option.leadTime.mean + 2 * option.leadTime.sd;
  return option.unitCost * (1 + (holdingRate * holdingDays) / 365) + (1 - (option.fillRate ?? 1)) * unitMargin;
}

/**
 * Suggestions for every SKU × location whose position is at or below its reorder point. Children are
 * served before their parents: a parent gives what it holds beyond its own keep (and its reservations)
 * to its most urgent children first (fewest days of demand above their reorder point), and then orders
 * for itself from the position that leaves it, less what it still owes its children: what a parent
 * cannot give now it buys, and sends on when it arrives. Only a location without a parent holding the
 * SKU buys from a supplier.
 *
 * @example
 * const { suggestions } = suggestReplenishment(items, { holdingRate: 0.25 });
 * suggestions[0]; // { kind: 'transfer', fromId: 'dc-north', toId: 'store-007', lines: [{ sku: 'TEA-1', quantity: 18, … }] }
 */
export function suggestReplenishment(
  items: readonly ReplenishmentItem[],
  options: ReplenishmentOptions,
): { suggestions: ReplenishmentSuggestion[]; unsourced: Unsourced[]; waiting: Waiting[] } {
  const purchases = new Map<string, Extract<ReplenishmentSuggestion, { kind: 'purchase_order' }>>();
  const transfers = new Map<string, Extract<ReplenishmentSuggestion, { kind: 'transfer' }>>();
  const unsourced: Unsourced[] = [];
  const waiting: Waiting[] = [];

  const bySku = new Map<string, Map<string, ReplenishmentItem>>();
  for (const item of items) {
    const at = bySku.get(item.sku) ?? new Map<string, ReplenishmentItem>();
    at.set(item.locationId, item);
    bySku.set(item.sku, at);
  }

  const buy = (item: ReplenishmentItem, quantity: number, why: Omit<LineReason, 'supplierChoice'>) => {
    const scored = item.suppliers
      .map((option) => ({ option, score: supplierScore(option, item.unitMargin, options.holdingRate) }))
      .sort((a, b) => a.score - b.score || (a.option.supplierId < b.option.supplierId ? -1 : 1));
    const best = scored[0];
    if (!best) {
      unsourced.push({ sku: item.sku, locationId: item.locationId, wanted: quantity });
      return;
    }
    const key = `${best.option.supplierId}\u0000${item.locationId}`;
    const suggestion = purchases.get(key) ?? {
      kind: 'purchase_order' as const,
      supplierId: best.option.supplierId,
      locationId: item.locationId,
      lines: [],
    };
    purchases.set(key, suggestion);
    suggestion.lines.push({
      sku: item.sku,
      quantity: roundOrder(quantity, best.option),
      unitCost: best.option.unitCost,
      why: {
        ...why,
        supplierChoice: {
          supplierId: best.option.supplierId,
          score: best.score,
          alternatives: scored.slice(1).map((s) => ({ supplierId: s.option.supplierId, score: s.score })),
        },
      },
    });
  };

  for (const [, at] of bySku) {
    // The parent each location draws this SKU from, if the parent holds it; then deepest first.
    const parentOf = (item: ReplenishmentItem) =>
      item.parentId !== null && at.has(item.parentId) ? item.parentId : null;
    const depth = new Map<string, number>();
    const depthOf = (item: ReplenishmentItem, seen = new Set<string>()): number => {
      const known = depth.get(item.locationId);
      if (known !== undefined) return known;
      const parent = parentOf(item);
      // A loop of parents (bad data) ends where it closes.
      const d = parent === null || seen.has(parent) ? 0 : 1 + depthOf(at.get(parent)!, seen.add(item.locationId));
      depth.set(item.locationId, d);
      return d;
    };
    /** What each child wants from its parent, gathered before the parent is reached. */
    const asked = new Map<
      string,
      { item: ReplenishmentItem; wanted: number; why: Omit<LineReason, 'supplierChoice' | 'parentSpare'> }[]
    >();

    const reasonOf = (item: ReplenishmentItem, position: number, wanted: number) => ({
      position: { ...item.position, inventoryPosition: position },
      reorderPoint: item.policy.reorderPoint,
      orderUpTo: item.policy.orderUpTo,
      safetyStock: item.policy.safetyStock,
      lotSize: item.policy.lotSize,
      demandPerDay: item.policy.demand.perDay,
      leadTime: item.policy.leadTime,
      protectionDays: item.policy.protectionDays,
      protectionDemand: item.policy.protectionDemand,
      target: item.policy.target,
      wanted,
      owedToChildren: 0,
    });

    const ordered = [...at.values()].sort((a, b) => depthOf(b) - depthOf(a) || (a.locationId < b.locationId ? -1 : 1));
    for (const item of ordered) {
      // Serve the children first, most urgent first.
      const children = (asked.get(item.locationId) ?? []).sort(
        (a, b) => urgency(a.item) - urgency(b.item) || (a.item.locationId < b.item.locationId ? -1 : 1),
      );
      let spare =
        item.canShip === false
          ? 0
          : Math.max(0, Math.floor(item.position.onHand - item.position.reserved - Math.max(0, item.keep)));
      let handed = 0;
      for (const child of children) {
        const spareBefore = spare;
        const quantity = Math.min(child.wanted, spare);
        if (quantity > 0) {
          const key = `${item.locationId}\u0000${child.item.locationId}`;
          const transfer = transfers.get(key) ?? {
            kind: 'transfer' as const,
            fromId: item.locationId,
            toId: child.item.locationId,
            lines: [],
          };
          transfers.set(key, transfer);
          transfer.lines.push({
            sku: child.item.sku,
            quantity,
            unitCost: child.item.unitCost,
            why: { ...child.why, parentSpare: spareBefore, supplierChoice: null },
          });
          spare -= quantity;
          handed += quantity;
        }
        if (child.wanted > quantity)
          waiting.push({
            sku: child.item.sku,
            locationId: child.item.locationId,
            parentId: item.locationId,
            quantity: child.wanted - quantity,
          });
      }
      // What the children wanted beyond the spare is owed by this location: it orders for them, so
      // that the goods come into the network where they are distributed from, and go on by transfer.
      const owed = children.reduce((sum, c) => sum + c.wanted, 0) - handed;
      const position = inventoryPosition(item.position) - handed - owed;
      if (position > item.policy.reorderPoint || (item.policy.orderUpTo <= 0 && owed <= 0)) continue;
      const wanted = Math.ceil(Math.max(0, item.policy.orderUpTo) - position);
      if (wanted <= 0) continue;
      const why = { ...reasonOf(item, position, wanted), owedToChildren: owed };
      const parent = parentOf(item);
      if (parent === null) buy(item, wanted, { ...why, parentSpare: null });
      else {
        const waiting = asked.get(parent) ?? [];
        waiting.push({ item, wanted, why });
        asked.set(parent, waiting);
      }
    }
  }
  return { suggestions: [...purchases.values(), ...transfers.values()], unsourced, waiting };
}

/** Days of demand between a location's position and its reorder point: below zero, it is already short. */
function urgency(item: ReplenishmentItem): number {
  const perDay = Math.max(item.policy.demand.perDay, 1e-9);
  return (inventoryPosition(item.position) - item.policy.reorderPoint) / perDay;
}
