import { REAL_LOCATION_KINDS } from '../catalog/index.js';
import type { LocationStatus, RealLocationKind } from '../catalog/index.js';
import { DomainError } from '../errors/index.js';
import type { Forecasts } from '../forecasting/index.js';
import type { StockViews } from '../ledger/index.js';
import type { Db, Store } from '../store/index.js';
import { summariseNetwork } from './overview.js';
import type { NetworkOverview, OverviewQuery } from './overview.schemas.js';

export interface Overview {
  /** The network, its regions and its locations in one read; `region` narrows the parts, not the whole. */
  read(query?: OverviewQuery): Promise<NetworkOverview>;
}

/** Open purchase orders past their expected date, per location they deliver to. */
async function overduePurchaseOrders(db: Db, now: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('purchase_orders')
    .select((eb) => ['location_id', eb.fn.countAll<number>().as('late')])
    .where('status', 'in', ['submitted', 'partially_received'])
    .where('expected_at', '<', now)
    .groupBy('location_id')
    .execute();
  return new Map(rows.map((r) => [r.location_id, Number(r.late)]));
}

/**
 * @example
 * const overview = createOverview(store, { stock, forecasts });
 * const { network, regions, locations } = await overview.read();
 */
export function createOverview(store: Store, using: { stock: StockViews; forecasts: Forecasts }): Overview {
  const { db } = store;
  return {
    async read(query = {}) {
      const at = new Date().toISOString();
      const [locations, rows, products, demand, purchaseOrders] = await Promise.all([
        db
          .selectFrom('locations')
          .select(['id', 'name', 'kind', 'region', 'status'])
          .where('kind', 'in', [...REAL_LOCATION_KINDS])
          .execute(),
        using.stock.everywhere(),
        db.selectFrom('products').select(['sku', 'unit_cost', 'price']).execute(),
        using.forecasts.dailyDemand(),
        overduePurchaseOrders(db, at),
      ]);
      if (query.region !== undefined && !locations.some((l) => l.region === query.region)) {
        throw new DomainError('not_found', `No location is in region '${query.region}'`, { region: query.region });
      }
      const overview = summariseNetwork({
        at,
        locations: locations.map((l) => ({
          ...l,
          kind: l.kind as RealLocationKind,
          status: l.status as LocationStatus,
        })),
        rows,
        prices: new Map(products.map((p) => [p.sku, { unitCost: Number(p.unit_cost), price: Number(p.price) }])),
        demand,
        overdue: { purchaseOrders, transfers: new Map() },
      });
      if (query.region === undefined) return overview;
      return {
        ...overview,
        regions: overview.regions.filter((r) => r.region === query.region),
        locations: overview.locations.filter((l) => l.region === query.region),
      };
    },
  };
}
