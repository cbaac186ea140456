import { inRegion, productFacts, realLocations } from '../catalog/index.js';
import type { Forecasts } from '../forecasting/index.js';
import type { StockViews } from '../ledger/index.js';
import { reorderPointsOn } from '../plans/index.js';
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
      const [locations, rows, prices, demand, overdue, reorderPoints] = await Promise.all([
        realLocations(db),
        using.stock.everywhere(),
        productFacts(db),
        using.forecasts.dailyDemand(),
        lateDocuments(db, at),
        reorderPointsOn(db, at.slice(0, 10)),
      ]);
      if (query.region !== undefined) inRegion(locations, query.region);
      const overview = summariseNetwork({
        at,
        locations,
        rows,
        prices,
        demand,
        reorderPoints,
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
