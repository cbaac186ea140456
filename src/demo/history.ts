import type { MovementLine } from '../ledger/index.js';
import { DEMO_SUPPLIERS, supplierOf, tasteKey } from './network.js';
import type { DemandProfile, DemoNetwork } from './network.js';
import type { Random } from './random.js';

/**
 * One step of the demo's history: movements that happened together, or a step of a document — a
 * purchase order placed or received, a transfer shipped or received.
 */
export type DemoPosting =
  | { type: 'movements'; occurredAt: string; reference?: string; movements: MovementLine[] }
  | {
      type: 'transfer';
      occurredAt: string;
      transferId: string;
      from: string;
      to: string;
      lines: { sku: string; quantity: number }[];
    }
  | {
      type: 'arrival';
      occurredAt: string;
      transferId: string;
      lines: { sku: string; quantity: number; shortfall: number }[];
    }
  | {
      type: 'order';
      occurredAt: string;
      orderId: string;
      supplier: string;
      location: string;
      expectedAt: string;
      lines: { sku: string; quantity: number }[];
    }
  | { type: 'receipt'; occurredAt: string; orderId: string; lines: { sku: string; quantity: number }[] };

const DAY_MS = 86_400_000;
const STORE_COVER_DAYS = 10;
const DC_REVIEW_WEEKDAY = 0;

interface Shipment {
  id: string;
  to: string;
  arrives: number;
  lines: Map<string, number>;
}

/**
 * Plays the network's last `days` days, ending yesterday: opening stock, purchase orders arriving at
 * DCs after uncertain lead times, weekly transfers from each DC to its stores, daily sales shaped by the
 * week, the year, trends, promotions and regional tastes (lost when the shelf is empty), customer
 * returns, and monthly cycle counts that find shrinkage. Yields the postings in time order.
 */
export function* demoHistory(
  network: DemoNetwork,
  days: number,
  random: Random,
  today = startOfDay(new Date()),
): Generator<DemoPosting> {
  const first = today.getTime() - days * DAY_MS;
  const at = (day: number, hour: number) => new Date(first + day * DAY_MS + hour * 3_600_000).toISOString();
  const stock = new Map<string, number>();
  const key = (sku: string, location: string) => `${sku}@${location}`;
  const onHand = (sku: string, location: string) => stock.get(key(sku, location)) ?? 0;
  const add = (sku: string, location: string, quantity: number) =>
    stock.set(key(sku, location), onHand(sku, location) + quantity);
  const profile = new Map(network.demand.map((d) => [d.sku, d]));
  const storeOf = new Map(network.stores.map((s) => [s.id, s]));
  const averageRate = (d: DemandProfile, storeId: string) => {
    const store = storeOf.get(storeId)!;
    return d.rate * store.size * (network.taste.get(tasteKey(store.region, d.category.name)) ?? 1);
  };
  const target = (d: DemandProfile, storeId: string) => Math.ceil(averageRate(d, storeId) * STORE_COVER_DAYS * 1.3) + 1;

  const inTransit: Shipment[] = [];
  const onOrder: { dc: string; po: string; arrives: number; lines: Map<string, number> }[] = [];
  const returns: { day: number; store: string; sku: string }[] = [];
  let poNumber = 1000;

  // Opening stock: three weeks at each DC, a full shelf in each store.
  const opening: MovementLine[] = [];
  const dcDemand = new Map<string, number>();
  for (const store of network.stores) {
    for (const sku of network.range.get(store.id)!) {
      const d = profile.get(sku)!;
      opening.push({ sku, from: 'supplier', to: store.id, quantity: target(d, store.id), kind: 'receive' });
      add(sku, store.id, target(d, store.id));
      dcDemand.set(key(sku, store.parentId), (dcDemand.get(key(sku, store.parentId)) ?? 0) + averageRate(d, store.id));
    }
  }
  for (const [k, daily] of dcDemand) {
    const [sku, dc] = k.split('@') as [string, string];
    const quantity = Math.ceil(daily * 21);
    opening.push({ sku, from: 'supplier', to: dc, quantity, kind: 'receive' });
    add(sku, dc, quantity);
  }
  yield { type: 'movements', occurredAt: at(0, 5), reference: 'OPENING-STOCK', movements: opening };

  for (let day = 0; day < days; day++) {
    const date = new Date(first + day * DAY_MS);
    const weekday = (date.getUTCDay() + 6) % 7;
    const dayOfYear = Math.floor((date.getTime() - Date.UTC(date.getUTCFullYear(), 0, 1)) / DAY_MS);
    const yearsBeforeToday = (days - day) / 365;

    // 06:00 — DCs ship each store's weekly replenishment.
    for (const store of network.stores) {
      if (store.replenishmentDay !== weekday) continue;
      const lines = new Map<string, number>();
      for (const sku of network.range.get(store.id)!) {
        const d = profile.get(sku)!;
        const coming = inTransit.filter((s) => s.to === store.id).reduce((sum, s) => sum + (s.lines.get(sku) ?? 0), 0);
        const position = onHand(sku, store.id) + coming;
        const wanted = target(d, store.id) - position;
        if (position > target(d, store.id) * 0.6 || wanted <= 0) continue;
        const quantity = Math.min(wanted, onHand(sku, store.parentId));
        if (quantity > 0) lines.set(sku, quantity);
      }
      if (lines.size === 0) continue;
      const id = `TR-${date.toISOString().slice(0, 10)}-${store.id}`;
      for (const [sku, quantity] of lines) add(sku, store.parentId, -quantity);
      inTransit.push({ id, to: store.id, arrives: day + 1, lines });
      yield {
        type: 'transfer',
        occurredAt: at(day, 6),
        transferId: id,
        from: store.parentId,
        to: store.id,
        lines: [...lines].map(([sku, quantity]) => ({ sku, quantity })),
      };
    }

    // 07:00 — purchase orders and transfers arrive.
    for (const order of onOrder.filter((o) => o.arrives === day)) {
      for (const [sku, quantity] of order.lines) add(sku, order.dc, quantity);
      yield {
        type: 'receipt',
        occurredAt: at(day, 7),
        orderId: order.po,
        lines: [...order.lines].map(([sku, quantity]) => ({ sku, quantity })),
      };
    }
    for (const shipment of inTransit.filter((s) => s.arrives === day)) {
      const lines = [...shipment.lines].map(([sku, quantity]) => {
        const lost = quantity > 2 && random.chance(0.01) ? 1 : 0;
        add(sku, shipment.to, quantity - lost);
        return { sku, quantity: quantity - lost, shortfall: lost };
      });
      yield { type: 'arrival', occurredAt: at(day, 7), transferId: shipment.id, lines };
    }
    removeWhere(onOrder, (o) => o.arrives === day);
    removeWhere(inTransit, (s) => s.arrives === day);

    // 13:00 — the day's sales and returns.
    const selling: MovementLine[] = [];
    for (const store of network.stores) {
      for (const sku of network.range.get(store.id)!) {
        const d = profile.get(sku)!;
        const promotion = d.promotions.find((p) => day >= p.from && day < p.from + p.days);
        const season =
          1 + d.category.yearAmplitude * Math.cos((2 * Math.PI * (dayOfYear - d.category.peakDay)) / 365.25);
        const trend = Math.max(0.2, 1 - d.trend * yearsBeforeToday);
        const mean = averageRate(d, store.id) * d.category.week[weekday]! * season * trend * (promotion?.uplift ?? 1);
        const sold = Math.min(random.poisson(mean), onHand(sku, store.id));
        if (sold === 0) continue;
        selling.push({ sku, from: store.id, to: 'customer', quantity: sold, kind: 'sell' });
        add(sku, store.id, -sold);
        for (let unit = 0; unit < sold; unit++)
          if (random.chance(0.015)) returns.push({ day: day + random.int(2, 20), store: store.id, sku });
      }
    }
    for (const r of returns.filter((r) => r.day === day)) {
      selling.push({
        sku: r.sku,
        from: 'customer',
        to: r.store,
        quantity: 1,
        kind: 'return',
        reason: 'customer return',
      });
      add(r.sku, r.store, 1);
    }
    removeWhere(returns, (r) => r.day === day);
    if (selling.length > 0) yield { type: 'movements', occurredAt: at(day, 13), movements: selling };

    // 18:00 — each DC reviews its stock weekly and orders from suppliers.
    if (weekday === DC_REVIEW_WEEKDAY) {
      for (const dc of network.distributionCentres) {
        const lines = new Map<string, number>();
        for (const [k, daily] of dcDemand) {
          const [sku, owner] = k.split('@') as [string, string];
          if (owner !== dc) continue;
          const supplier = supplierOf(sku);
          const ordered = onOrder.filter((o) => o.dc === dc).reduce((sum, o) => sum + (o.lines.get(sku) ?? 0), 0);
          const wanted = daily * (supplier.leadTimeDays + 7) * 1.3 - onHand(sku, dc) - ordered;
          if (wanted <= 0) continue;
          const pack = profile.get(sku)!.casePack;
          lines.set(sku, Math.ceil(wanted / pack) * pack);
        }
        // One order per DC and supplier, each with its own, uncertain, lead time.
        for (const supplier of DEMO_SUPPLIERS) {
          const part = new Map([...lines].filter(([sku]) => supplierOf(sku) === supplier));
          if (part.size === 0) continue;
          const lead = Math.max(2, Math.round(supplier.leadTimeDays + random.normal() * supplier.leadTimeSdDays));
          const po = `PO-${poNumber++}`;
          onOrder.push({ dc, po, arrives: day + lead, lines: part });
          yield {
            type: 'order',
            occurredAt: at(day, 18),
            orderId: po,
            supplier: supplier.id,
            location: dc,
            expectedAt: at(day + supplier.leadTimeDays, 7),
            lines: [...part].map(([sku, quantity]) => ({ sku, quantity })),
          };
        }
      }
    }

    // 21:00 — a monthly cycle count in each store finds some shrinkage.
    const counting: MovementLine[] = [];
    network.stores.forEach((store, index) => {
      if (day % 28 !== index % 28) return;
      for (const sku of network.range.get(store.id)!) {
        if (!random.chance(0.1)) continue;
        if (onHand(sku, store.id) > 0 && random.chance(0.2)) {
          counting.push({
            sku,
            from: store.id,
            to: 'adjustment',
            quantity: 1,
            kind: 'adjust',
            reason: 'cycle count: missing',
          });
          add(sku, store.id, -1);
        } else if (random.chance(0.03)) {
          counting.push({
            sku,
            from: 'adjustment',
            to: store.id,
            quantity: 1,
            kind: 'adjust',
            reason: 'cycle count: found',
          });
          add(sku, store.id, 1);
        }
      }
    });
    if (counting.length > 0) yield { type: 'movements', occurredAt: at(day, 21), movements: counting };
  }
}

function removeWhere<T>(items: T[], drop: (item: T) => boolean): void {
  for (let i = items.length - 1; i >= 0; i--) if (drop(items[i]!)) items.splice(i, 1);
}

export function startOfDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}
