import { createCatalog, createSuppliers } from '../catalog/index.js';
import type { Catalog, Suppliers } from '../catalog/index.js';
import { createWebhooks, EventFeed, relayEvents } from '../events/index.js';
import { createExchange } from '../exchange/index.js';
import type { Exchange } from '../exchange/index.js';
import type { Webhooks } from '../events/index.js';
import { createLedger, createReservations, createStockViews } from '../ledger/index.js';
import type { Ledger, Reservations, StockViews } from '../ledger/index.js';
import { createAudit, createTokens } from '../security/index.js';
import type { Audit, Tokens } from '../security/index.js';
import {
  createCycleCounts,
  createPurchaseOrders,
  createReturns,
  createTransferOrders,
  onOrder,
} from '../procedures/index.js';
import type { CycleCounts, PurchaseOrders, Returns, TransferOrders } from '../procedures/index.js';
import { createForecastList, createForecasts, createPromotions } from '../forecasting/index.js';
import { createOrders } from '../orders/index.js';
import type { Orders, SourcingCosts } from '../orders/index.js';
import type { ForecastList, Forecasts, Promotions } from '../forecasting/index.js';
import { createOverview } from '../overview/index.js';
import { createPlans } from '../plans/index.js';
import type { Plans } from '../plans/index.js';
import type { Overview } from '../overview/index.js';
import type { Store } from '../store/index.js';

/** Everything the API calls, built once over one store. Routes get these, never the store itself. */
export interface Services {
  /**
   * The database's state, without its tables: readiness asks it, and background work waits for it
   * while it is away.
   */
  database: Pick<Store, 'capabilities' | 'health' | 'ping'>;
  /** Moves committed events from the outbox into the feed; the background relay calls it. */
  relayEvents(): Promise<number>;
  exchange: Exchange;
  catalog: Catalog;
  suppliers: Suppliers;
  purchaseOrders: PurchaseOrders;
  transferOrders: TransferOrders;
  cycleCounts: CycleCounts;
  returns: Returns;
  forecasts: Forecasts;
  /** The latest run's series as lists, filtered by location, SKU and region. */
  forecastList: ForecastList;
  /** The promotions calendar the forecast reads. */
  promotions: Promotions;
  orders: Orders;
  /** Plan runs, the stock policies they set and the suggestions planners approve or dismiss. */
  plans: Plans;
  ledger: Ledger;
  reservations: Reservations;
  stock: StockViews;
  overview: Overview;
  tokens: Tokens;
  audit: Audit;
  webhooks: Webhooks;
  /** Committed events, read once per process for every live listener. */
  feed: EventFeed;
}

export function createServices(
  store: Store,
  options: { send?: typeof fetch; sourcing?: SourcingCosts } = {},
): Services {
  const stock = createStockViews(store, { onOrder });
  const forecasts = createForecasts(store);
  const purchaseOrders = createPurchaseOrders(store);
  const transferOrders = createTransferOrders(store);
  return {
    database: store,
    relayEvents: () => relayEvents(store),
    exchange: createExchange(store),
    catalog: createCatalog(store),
    suppliers: createSuppliers(store),
    purchaseOrders,
    transferOrders,
    cycleCounts: createCycleCounts(store),
    returns: createReturns(store),
    forecasts,
    forecastList: createForecastList(store, forecasts),
    promotions: createPromotions(store),
    orders: createOrders(store, options.sourcing),
    plans: createPlans(store, { stock, purchaseOrders, transferOrders }),
    ledger: createLedger(store),
    reservations: createReservations(store),
    stock,
    overview: createOverview(store, { stock, forecasts }),
    tokens: createTokens(store),
    audit: createAudit(store),
    webhooks: createWebhooks(store, options.send),
    feed: new EventFeed(store),
  };
}
