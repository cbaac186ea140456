import { DAY_MS } from '../calendar/index.js';
import type { MovementLine } from '../ledger/index.js';
import type { InspectionOutcome, ReturnDisposition, ReturnReason } from '../procedures/index.js';
import { DEMO_SUPPLIERS, supplierOf, tasteKey } from './network.js';
import type { DemandProfile, DemoNetwork } from './network.js';
import type { Random } from '../probability/index.js';

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
  | { type: 'receipt'; occurredAt: string; orderId: string; lines: { sku: string; quantity: number }[] }
  | {
      type: 'return';
      occurredAt: string;
      /** The returns desk's own number, by which its inspection finds it again. */
      reference: string;
      location: string;
      reason: ReturnReason;
      lines: { sku: string; quantity: number; disposition: ReturnDisposition; supplier?: string }[];
    }
  | {
      type: 'inspection';
      occurredAt: string;
      reference: string;
      sku: string;
      outcome: InspectionOutcome;
      supplier?: string;
    }
  | {
      type: 'count';
      occurredAt: string;
      location: string;
      /** A variance beyond this many units waits for a planner. */
      thresholdUnits: number;
      /** What was found on the shelf; null where counting has not come yet. */
      lines: { sku: string; quantity: number | null }[];
      /** Left counting, submitted (small variances post), or submitted and its large ones approved. */
      end: 'open' | 'submitted' | 'approved';
    };

const STORE_COVER_DAYS = 10;
const DC_REVIEW_WEEKDAY = 0;
/** Why customers bring goods back, and how often. */
const RETURN_REASONS: readonly [ReturnReason, number][] = [
  ['unwanted', 0.45],
  ['wrong_item', 0.15],
  ['not_as_described', 0.1],
  ['damaged', 0.12],
  ['defective', 0.15],
  ['other', 0.03],
];
/** Defective goods of the last days still wait in quarantine for inspection; older ones went back to their supplier. */
const INSPECTION_DAYS = 14;
/** Lines per store in this morning's counts, and the variance beyond which a planner approves. */
const COUNT_LINES = 8;
const COUNT_THRESHOLD_UNITS = 5;

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
 * returns taken in at the returns desk, and monthly shrinkage found on the shelves. Then this morning:
 * a count in each store, and inspection of some of the returns in quarantine. Yields the steps in time
 * order.
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
  const quarantined: DeskReturn[] = [];
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
        const mean = expectedSales(network, profile.get(sku)!, store.id, { day, days, date });
        const sold = Math.min(random.poisson(mean), onHand(sku, store.id));
        if (sold === 0) continue;
        selling.push({ sku, from: store.id, to: 'customer', quantity: sold, kind: 'sell' });
        add(sku, store.id, -sold);
        for (let unit = 0; unit < sold; unit++)
          if (random.chance(0.015)) returns.push({ day: day + random.int(2, 20), store: store.id, sku });
      }
    }
    if (selling.length > 0) yield { type: 'movements', occurredAt: at(day, 13), movements: selling };
    const desk = returnsDesk(
      returns.filter((r) => r.day === day),
      date.toISOString().slice(0, 10),
      day >= days - INSPECTION_DAYS,
      random,
    );
    for (const taken of desk) {
      for (const l of taken.lines) if (l.disposition === 'restock') add(l.sku, taken.location, l.quantity);
      if (taken.lines.some((l) => l.disposition === 'quarantine')) quarantined.push(taken);
      yield { type: 'return', occurredAt: at(day, 13), ...taken };
    }
    removeWhere(returns, (r) => r.day === day);

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

  // This morning (as the documents record it: when the demo is loaded).
  const morning = at(days, 0);
  for (const [index, store] of network.stores.entries())
    yield {
      type: 'count',
      occurredAt: morning,
      ...storeCount(store.id, network.range.get(store.id)!, index, onHand, random),
    };
  for (const taken of quarantined)
    for (const l of taken.lines) {
      if (l.disposition !== 'quarantine' || !random.chance(0.6)) continue;
      const outcome = random.pick(['restock', 'restock', 'scrap', 'return_to_vendor'] as const);
      yield {
        type: 'inspection',
        occurredAt: morning,
        reference: taken.reference,
        sku: l.sku,
        outcome,
        ...(outcome === 'return_to_vendor' ? { supplier: supplierOf(l.sku).id } : {}),
      };
    }
}

/**
 * The mean units of `demand`'s product a store sells on day `day` of a history `days` long (`date` is
 * that day): its rate at the store, shaped by the weekday, the season, the trend up to the last day and
 * any promotion running. Sales are a Poisson count with this mean, as far as the shelf holds.
 *
 * @example
 * expectedSales(network, network.demand[0]!, 'store-001', { day: 0, days: 365, date: new Date('2026-01-05') });
 */
export function expectedSales(
  network: Pick<DemoNetwork, 'stores' | 'taste'>,
  demand: DemandProfile,
  storeId: string,
  when: { day: number; days: number; date: Date },
): number {
  const store = network.stores.find((s) => s.id === storeId);
  if (!store) return 0;
  const { day, days, date } = when;
  const weekday = (date.getUTCDay() + 6) % 7;
  const dayOfYear = Math.floor((date.getTime() - Date.UTC(date.getUTCFullYear(), 0, 1)) / DAY_MS);
  const promotion = demand.promotions.find((p) => day >= p.from && day < p.from + p.days);
  const season =
    1 + demand.category.yearAmplitude * Math.cos((2 * Math.PI * (dayOfYear - demand.category.peakDay)) / 365.25);
  const trend = Math.max(0.2, 1 - demand.trend * ((days - day) / 365));
  const rate = demand.rate * store.size * (network.taste.get(tasteKey(store.region, demand.category.name)) ?? 1);
  return rate * demand.category.week[weekday]! * season * trend * (promotion?.uplift ?? 1);
}

type DeskReturn = Omit<Extract<DemoPosting, { type: 'return' }>, 'type' | 'occurredAt'>;

/**
 * A day's returned units at the returns desk: each unit with its reason, one return per store and
 * reason, a line per SKU. The reason decides what becomes of the goods: unwanted ones go back on the
 * shelf, damaged ones are scrapped, defective ones go back to their supplier, or, when `recent`, wait
 * in quarantine for inspection.
 */
function returnsDesk(
  units: readonly { store: string; sku: string }[],
  date: string,
  recent: boolean,
  random: Random,
): DeskReturn[] {
  const desk = new Map<string, DeskReturn>();
  for (const unit of units) {
    const reason = weighted(RETURN_REASONS, random);
    const key = `${unit.store}/${reason}`;
    const taken = desk.get(key) ?? {
      reference: `RMA-${date}-${unit.store}-${reason}`,
      location: unit.store,
      reason,
      lines: [],
    };
    desk.set(key, taken);
    const line = taken.lines.find((l) => l.sku === unit.sku);
    if (line) {
      line.quantity += 1;
      continue;
    }
    const disposition: ReturnDisposition =
      reason === 'damaged' ? 'scrap' : reason !== 'defective' ? 'restock' : recent ? 'quarantine' : 'return_to_vendor';
    taken.lines.push({
      sku: unit.sku,
      quantity: 1,
      disposition,
      ...(disposition === 'return_to_vendor' ? { supplier: supplierOf(unit.sku).id } : {}),
    });
  }
  return [...desk.values()];
}

/**
 * This morning's count at a store: a few SKUs of its range, found as the books say or a unit off.
 * The first store's count finds a large variance and waits for a planner; the second is still being
 * counted; at the third a planner has approved such a variance; the others are submitted.
 */
function storeCount(
  store: string,
  range: readonly string[],
  index: number,
  onHand: (sku: string, location: string) => number,
  random: Random,
): Omit<Extract<DemoPosting, { type: 'count' }>, 'type' | 'occurredAt'> {
  const end = index === 1 ? 'open' : index === 2 ? 'approved' : 'submitted';
  const big = index === 0 || index === 2;
  const fullest = [...range].sort((a, b) => onHand(b, store) - onHand(a, store))[0];
  const skus = range.filter((sku) => sku === fullest || random.chance(COUNT_LINES / range.length));
  const lines = skus.map((sku) => {
    const books = onHand(sku, store);
    if (end === 'open' && random.chance(0.5)) return { sku, quantity: null };
    // A variance beyond the threshold, for a planner to look at: a shortfall where the books hold
    // enough for one, else a forgotten case in the back room.
    if (sku === fullest && big) {
      const large = COUNT_THRESHOLD_UNITS + random.int(1, 4);
      return { sku, quantity: books > large ? books - large : books + large };
    }
    const off = random.chance(0.2) ? -1 : random.chance(0.05) ? 1 : 0;
    return { sku, quantity: Math.max(0, books + off) };
  });
  return { location: store, thresholdUnits: COUNT_THRESHOLD_UNITS, lines, end };
}

/** One of `choices`, each as likely as its weight (the weights sum to 1). */
function weighted<T>(choices: readonly (readonly [T, number])[], random: Random): T {
  let left = random.float();
  for (const [choice, weight] of choices) {
    left -= weight;
    if (left < 0) return choice;
  }
  return choices.at(-1)![0];
}

function removeWhere<T>(items: T[], drop: (item: T) => boolean): void {
  for (let i = items.length - 1; i >= 0; i--) if (drop(items[i]!)) items.splice(i, 1);
}

export function startOfDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}
