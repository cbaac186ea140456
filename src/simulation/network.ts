/**
 * The network the simulator plays, as plain data indexed by position: SKUs, DCs and stores are arrays,
 * and everything else refers to them by index. Planning fills it from the catalogue once; the
 * simulator compiles it into typed arrays (`layout.ts`).
 *
 * Locations share one index space: stores first (location `i` is `stores[i]`, the same index the demand
 * function receives), then DCs (location `stores.length + j` is `dcs[j]`). Per location × SKU tables
 * are flat, at `location * skus.length + sku`.
 */

/** Days a delivery takes, drawn per delivery as max(1, round(mean + sd · z)) for a standard normal z. */
export interface LeadTime {
  readonly mean: number;
  readonly sd: number;
}

export interface SimulationSku {
  readonly unitCost: number;
  /** Selling price: a lost unit costs its margin, price − unit cost. */
  readonly price: number;
  /** Units per pack: a DC orders from its supplier in whole packs. */
  readonly packSize: number;
  /** Units a store's order is rounded up to; whole units when absent. */
  readonly storePackSize?: number;
  /** Fewest units of a purchase order line. */
  readonly minOrderQuantity: number;
  /** Weight of one unit, for lanes priced per kg (`transportPerKg`); 0 when absent. */
  readonly weightKg?: number;
}

export interface SimulationDc {
  /** The supplier's lead time: one for every SKU, or one per SKU indexed like `skus`. */
  readonly supplierLeadTime: LeadTime | readonly LeadTime[];
  /** Whether it also sells online, from its own shelves (demand from the scenario's `onlineMeanDemand`). */
  readonly online?: boolean;
}

export interface SimulationStore {
  /** Index of the DC that replenishes it. */
  readonly dc: number;
  readonly transferLeadTime: LeadTime;
  /** Indices of the SKUs it carries (sells and orders); every SKU when absent. */
  readonly carries?: readonly number[];
  /** Cost per unit on the lane from its DC; `costs.transportPerUnit` when absent. */
  readonly transportPerUnit?: number;
  /** Cost per kg on that lane (a rate per kg·km times the lane's km); `costs.transportPerKg` when absent. */
  readonly transportPerKg?: number;
}

export interface SimulationCosts {
  /** Holding cost per year as a share of unit cost (0.25: a quarter of the stock's value a year). */
  readonly holdingRate: number;
  /** Per purchase order: one DC's lines to its suppliers on one day. */
  readonly purchaseOrder: number;
  readonly purchaseOrderLine: number;
  /** Per transfer: one DC's shipment to one store on one day. */
  readonly transfer: number;
  readonly transferLine: number;
  /** Default lane costs from a DC to a store, per unit and per kg. */
  readonly transportPerUnit: number;
  readonly transportPerKg?: number;
  /** Per unit moved from one store to another. */
  readonly rebalancePerUnit: number;
}

export interface SimulationNetwork {
  readonly skus: readonly SimulationSku[];
  readonly dcs: readonly SimulationDc[];
  readonly stores: readonly SimulationStore[];
  readonly costs: SimulationCosts;
  /** How long a transfer between two stores takes; a day when absent. */
  readonly rebalanceLeadTime?: LeadTime;
}

/**
 * The location index of DC `dc`: DCs follow the stores in the one index space of locations.
 *
 * @example
 * const dcCell = dcLocation(network, 0) * network.skus.length + sku; // DC 0's entry in a level table
 */
export const dcLocation = (network: Pick<SimulationNetwork, 'stores'>, dc: number): number =>
  network.stores.length + dc;
