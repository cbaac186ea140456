import { REAL_LOCATION_KINDS } from '../catalog/index.js';
import type { LocationStatus, RealLocationKind } from '../catalog/index.js';
import { DomainError } from '../errors/index.js';
import type { Forecasts } from '../forecasting/index.js';
import type { StockViews } from '../ledger/index.js';
import { lateDocuments } from '../procedures/index.js';
import type { Store } from '../store/index.js';
import { summariseNetwork } from './overview.js';
import type { NetworkOverview, OverviewQuery } from './overview.schemas.js';

export interface Overview {
  /** The network, its regions and its locations in one read; `region` narrows the parts, not the whole. */
  read(query?: OverviewQuery): Promise<NetworkOverview>;
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
      const [locations, rows, products, demand, overdue] = await Promise.all([
        db
          .selectFrom('locations')
          .select(['id', 'name', 'kind', 'region', 'status'])
          .where('kind', 'in', [...REAL_LOCATION_KINDS])
          .execute(),
        using.stock.everywhere(),
        db.selectFrom('products').select(['sku', 'unit_cost', 'price']).execute(),
        using.forecasts.dailyDemand(),
        lateDocuments(db, at),
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
        overdue,
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
