import { DAY_MS } from '../calendar/index.js';
import { createCatalog, createSuppliers, RESERVED_LOCATION_IDS } from '../catalog/index.js';
import type { Progress } from '../progress/index.js';
import { createLedger } from '../ledger/index.js';
import { createCycleCounts, createPurchaseOrders, createReturns, createTransferOrders } from '../procedures/index.js';
import type { CountSession } from '../procedures/index.js';
import { chunks } from '../store/index.js';
import type { Store } from '../store/index.js';
import { demoHistory, startOfDay } from './history.js';
import type { DemoPosting } from './history.js';
import { demoNetwork } from './network.js';
import type { DemoSize } from './network.js';
import { createRandom } from '../probability/index.js';

export interface DemoOptions extends DemoSize {
  seed: number;
}

/** The network a first start loads: a few DCs, a few dozen stores, a few hundred products, two years. */
export const DEFAULT_DEMO: DemoOptions = { seed: 42, distributionCentres: 3, stores: 20, products: 120, days: 730 };
/** A small network for tests and quick looks (`OMNISTOCK_DEMO=small`). */
export const SMALL_DEMO: DemoOptions = { seed: 42, distributionCentres: 2, stores: 4, products: 24, days: 60 };

export interface DemoSummary {
  locations: number;
  products: number;
  suppliers: number;
  postings: number;
  movements: number;
  seconds: number;
}

const ACTOR = 'demo';
/** Who approves the counts' large variances: never whoever counted them. */
const PLANNER = 'demo-planner';
const MOVEMENTS_PER_POSTING = 5_000;

/** Whether the store holds no network yet (no real location), so a first start may load the demo. */
export async function isEmptyNetwork(store: Store): Promise<boolean> {
  const row = await store.db
    .selectFrom('locations')
    .select('id')
    .where('kind', 'in', ['distribution_centre', 'warehouse', 'store'])
    .limit(1)
    .executeTakeFirst();
  return row === undefined;
}

/**
 * Removes the network and its history (locations, products, movements, balances, reservations, events),
 * keeping API tokens and webhooks, so that `omnistock demo --reset` can load afresh.
 */
export async function clearNetwork(store: Store): Promise<void> {
  await store.transaction(async (trx) => {
    for (const table of [
      'suggestion_lines',
      'suggestions',
      'stock_policies',
      'plan_runs',
      'order_allocations',
      'order_lines',
      'orders',
      'forecast_series',
      'forecast_runs',
      'return_lines',
      'returns',
      'count_lines',
      'count_sessions',
      'transfer_order_lines',
      'transfer_orders',
      'purchase_order_discrepancies',
      'purchase_order_receipts',
      'purchase_order_lines',
      'purchase_orders',
      'sales_history',
      'promotions',
      'supplier_items',
      'suppliers',
      'webhook_deliveries',
      'events',
      'event_outbox',
      'idempotency_keys',
      'reservations',
      'movements',
      'balances',
    ] as const) {
      await trx.deleteFrom(table).execute();
    }
    await trx
      .deleteFrom('locations')
      .where('id', 'not in', [...RESERVED_LOCATION_IDS])
      .where('parent_id', 'is not', null)
      .execute();
    await trx
      .deleteFrom('locations')
      .where('id', 'not in', [...RESERVED_LOCATION_IDS])
      .execute();
    await trx.deleteFrom('products').execute();
  });
}

/**
 * Generates the demo network from its seed and posts its whole history through the ledger, so that
 * `omnistock verify` finds it clean: purchase orders, transfers, customer returns and this morning's
 * counts as documents through their services, so that their reports have figures on a first start.
 * Shows progress by day.
 */
export async function loadDemo(store: Store, options: DemoOptions, progress: Progress): Promise<DemoSummary> {
  const started = Date.now();
  const random = createRandom(options.seed);
  const network = demoNetwork(options, random);
  const catalog = createCatalog(store);
  const suppliers = createSuppliers(store);
  const ledger = createLedger(store);
  const orders = createPurchaseOrders(store);
  const transfers = createTransferOrders(store);
  const returns = createReturns(store);
  const counts = createCycleCounts(store);
  /** The returns taken in, by the desk's reference, for their inspection. */
  const returnIds = new Map<string, string>();

  /** Plays a count from its start to its end; returns the movements its variances posted. */
  async function playCount(step: Extract<DemoPosting, { type: 'count' }>): Promise<number> {
    const skus = step.lines.map((l) => l.sku);
    let session: CountSession = await counts.create({
      location: step.location,
      scope: { by: 'list', skus },
      thresholdUnits: step.thresholdUnits,
      actor: ACTOR,
    });
    for (const { sku, quantity } of step.lines)
      if (quantity !== null) session = await counts.count(session.id, sku, { quantity, actor: ACTOR });
    if (step.end === 'open') return 0;
    session = await counts.submit(session.id, ACTOR);
    if (step.end === 'approved' && session.status === 'pending_approval')
      session = await counts.approve(session.id, PLANNER);
    return session.lines.filter((l) => l.state === 'posted' && l.variance !== 0).length;
  }

  /** Plays a document's step through its service, as a person would have; returns the movements it posted. */
  async function playDocumentStep(step: Exclude<DemoPosting, { type: 'movements' }>): Promise<number> {
    const common = { actor: ACTOR, occurredAt: step.occurredAt };
    switch (step.type) {
      case 'order':
        await orders.create({
          id: step.orderId,
          supplier: step.supplier,
          location: step.location,
          lines: step.lines,
          expectedAt: step.expectedAt,
          submit: true,
          ...common,
        });
        return 0;
      case 'receipt':
        return (await orders.receive(step.orderId, { lines: step.lines, ...common })).posting?.movements.length ?? 0;
      case 'transfer':
        await transfers.create({
          id: step.transferId,
          from: step.from,
          to: step.to,
          lines: step.lines,
          ship: true,
          ...common,
        });
        return step.lines.length;
      case 'arrival': {
        const short = step.lines.some((l) => l.shortfall > 0);
        const received = await transfers.receive(step.transferId, {
          lines: step.lines,
          ...(short ? { reason: 'damaged in transit' } : {}),
          ...common,
        });
        return received.posting.movements.length;
      }
      case 'return': {
        const { location, reason, reference, lines } = step;
        const received = await returns.receive({ location, reason, reference, lines, ...common });
        returnIds.set(reference, received.return.id);
        return received.posting.movements.length;
      }
      case 'inspection': {
        const { sku, outcome, supplier } = step;
        const inspected = await returns.inspect(returnIds.get(step.reference)!, sku, {
          outcome,
          ...(supplier ? { supplier } : {}),
          actor: ACTOR,
        });
        return inspected.posting.movements.length;
      }
      case 'count':
        return playCount(step);
    }
  }

  progress.start(
    'Creating the demo network',
    network.locations.length + network.products.length + network.suppliers.length + network.supplierItems.length,
  );
  for (const location of network.locations) {
    await catalog.createLocation(location);
    progress.tick();
  }
  for (const product of network.products) {
    await catalog.createProduct(product);
    progress.tick();
  }
  for (const supplier of network.suppliers) {
    await suppliers.create(supplier);
    progress.tick();
  }
  for (const { supplierId, sku, ...terms } of network.supplierItems) {
    await suppliers.putItem(supplierId, sku, terms);
    progress.tick();
  }

  const today = startOfDay(new Date());
  const first = today.getTime() - options.days * DAY_MS;
  progress.start(`Posting ${options.days} days of history`, options.days);
  let shownDay = 0;
  let postings = 0;
  let movements = 0;
  for (const step of demoHistory(network, options.days, random, today)) {
    const day = Math.floor((Date.parse(step.occurredAt) - first) / DAY_MS);
    if (day > shownDay) {
      progress.tick(day - shownDay);
      shownDay = day;
    }
    if (step.type !== 'movements') {
      movements += await playDocumentStep(step);
      postings += 1;
      continue;
    }
    for (const part of chunks(step.movements, MOVEMENTS_PER_POSTING)) {
      await ledger.post({
        movements: part,
        actor: ACTOR,
        occurredAt: step.occurredAt,
        ...(step.reference ? { reference: step.reference } : {}),
      });
      postings += 1;
      movements += part.length;
    }
  }
  progress.stop();
  return {
    locations: network.locations.length,
    products: network.products.length,
    suppliers: network.suppliers.length,
    postings,
    movements,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
}
