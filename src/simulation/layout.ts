/**
 * A network compiled into typed arrays, checked once, so that the day loop reads numbers by index and
 * allocates nothing. Demand points are the cells that meet customers: each store's carried SKUs (in
 * store order, then SKU order as listed), then every SKU of each online DC.
 */
import { validationFailed } from '../errors/index.js';
import type { FieldIssue } from '../errors/index.js';
import { leadTimeBound } from './draws.js';
import type { LeadTime, SimulationCosts, SimulationNetwork } from './network.js';

export interface Layout {
  readonly skus: number;
  readonly stores: number;
  readonly dcs: number;
  readonly locations: number;
  /** Location × SKU cells. */
  readonly cells: number;
  readonly unitCost: Float64Array;
  /** Price − unit cost: what a lost unit costs. */
  readonly margin: Float64Array;
  readonly storeDc: Int32Array;
  /** The stores of DC d are `dcStores[dcStoreStart[d] … dcStoreStart[d + 1])`. */
  readonly dcStoreStart: Int32Array;
  readonly dcStores: Int32Array;
  readonly transferMean: Float64Array;
  readonly transferSd: Float64Array;
  /** Transport cost of one unit of each SKU to each store (store × SKU). */
  readonly laneUnitCost: Float64Array;
  /** Supplier lead time per DC × SKU. */
  readonly supplierMean: Float64Array;
  readonly supplierSd: Float64Array;
  readonly rebalanceLeadTime: LeadTime;
  /** Demand points of location l are `pointCell[pointStart[l] … pointStart[l + 1])`. */
  readonly pointStart: Int32Array;
  readonly pointCell: Int32Array;
  readonly pointSku: Int32Array;
  /** The demand point of each cell, or −1 where no customer buys (a SKU a store does not carry). */
  readonly cellPoint: Int32Array;
  /** Points `[0, storePoints)` are stores', the rest online DCs'. */
  readonly storePoints: number;
  /** Days a delivery can take at most, plus one: the length of the ring of arrivals. */
  readonly horizon: number;
  /** The network's own order rounding per cell: supplier packs and MOQ at DCs, store packs at stores. */
  readonly orderMultiple: Float64Array;
  readonly minimumOrder: Float64Array;
  readonly costs: SimulationCosts;
}

/** Checks the network and compiles it; throws `validation_failed` listing every problem. */
export function compileNetwork(network: SimulationNetwork): Layout {
  const issues: FieldIssue[] = [];
  const issue = (path: string, message: string) => issues.push({ path, message });
  const K = network.skus.length;
  const S = network.stores.length;
  const D = network.dcs.length;
  if (K === 0) issue('skus', 'at least one SKU');
  if (D === 0) issue('dcs', 'at least one DC');
  const L = S + D;
  const C = L * K;
  let longest = checkLeadTime(network.rebalanceLeadTime ?? { mean: 1, sd: 0 }, 'rebalanceLeadTime', issue);

  const unitCost = new Float64Array(K);
  const margin = new Float64Array(K);
  const weight = new Float64Array(K);
  const orderMultiple = new Float64Array(C).fill(1);
  const minimumOrder = new Float64Array(C);
  network.skus.forEach((sku, k) => {
    const at = `skus.${k}`;
    if (!atLeast(sku.unitCost, 0)) issue(`${at}.unitCost`, 'a finite number ≥ 0');
    if (!atLeast(sku.price, 0)) issue(`${at}.price`, 'a finite number ≥ 0');
    if (!wholeAtLeast(sku.packSize, 1)) issue(`${at}.packSize`, 'a whole number ≥ 1');
    if (!wholeAtLeast(sku.storePackSize ?? 1, 1)) issue(`${at}.storePackSize`, 'a whole number ≥ 1');
    if (!wholeAtLeast(sku.minOrderQuantity, 0)) issue(`${at}.minOrderQuantity`, 'a whole number ≥ 0');
    if (!atLeast(sku.weightKg ?? 0, 0)) issue(`${at}.weightKg`, 'a finite number ≥ 0');
    unitCost[k] = sku.unitCost;
    margin[k] = sku.price - sku.unitCost;
    weight[k] = sku.weightKg ?? 0;
    for (let s = 0; s < S; s++) orderMultiple[s * K + k] = sku.storePackSize ?? 1;
    for (let d = 0; d < D; d++) {
      orderMultiple[(S + d) * K + k] = sku.packSize;
      minimumOrder[(S + d) * K + k] = sku.minOrderQuantity;
    }
  });

  const costs = network.costs;
  for (const [name, value] of Object.entries(costs))
    if (!atLeast(value as number, 0)) issue(`costs.${name}`, 'a finite number ≥ 0');

  const supplierMean = new Float64Array(D * K);
  const supplierSd = new Float64Array(D * K);
  network.dcs.forEach((dc, d) => {
    const lead = dc.supplierLeadTime;
    if (isLeadTimeList(lead) && lead.length !== K) issue(`dcs.${d}.supplierLeadTime`, `one per SKU (${K})`);
    for (let k = 0; k < K; k++) {
      const one = isLeadTimeList(lead) ? lead[k] : lead;
      if (one === undefined) continue;
      longest = Math.max(longest, checkLeadTime(one, `dcs.${d}.supplierLeadTime`, issue));
      supplierMean[d * K + k] = one.mean;
      supplierSd[d * K + k] = one.sd;
    }
  });

  const storeDc = new Int32Array(S);
  const transferMean = new Float64Array(S);
  const transferSd = new Float64Array(S);
  const laneUnitCost = new Float64Array(S * K);
  const carried = new Uint8Array(C);
  network.stores.forEach((store, s) => {
    const at = `stores.${s}`;
    if (!Number.isInteger(store.dc) || store.dc < 0 || store.dc >= D) issue(`${at}.dc`, `a DC index below ${D}`);
    storeDc[s] = store.dc;
    longest = Math.max(longest, checkLeadTime(store.transferLeadTime, `${at}.transferLeadTime`, issue));
    transferMean[s] = store.transferLeadTime.mean;
    transferSd[s] = store.transferLeadTime.sd;
    const perUnit = store.transportPerUnit ?? costs.transportPerUnit;
    const perKg = store.transportPerKg ?? costs.transportPerKg ?? 0;
    if (!atLeast(perUnit, 0)) issue(`${at}.transportPerUnit`, 'a finite number ≥ 0');
    if (!atLeast(perKg, 0)) issue(`${at}.transportPerKg`, 'a finite number ≥ 0');
    for (let k = 0; k < K; k++) laneUnitCost[s * K + k] = perUnit + perKg * weight[k]!;
    const carries = store.carries ?? Array.from({ length: K }, (_, k) => k);
    for (const k of carries) {
      if (!Number.isInteger(k) || k < 0 || k >= K) issue(`${at}.carries`, `SKU indices below ${K}`);
      else if (carried[s * K + k] === 1) issue(`${at}.carries`, `SKU ${k} listed twice`);
      else carried[s * K + k] = 1;
    }
  });
  if (issues.length > 0) throw validationFailed(issues);

  const dcStoreStart = new Int32Array(D + 1);
  for (let s = 0; s < S; s++) dcStoreStart[storeDc[s]! + 1]! += 1;
  for (let d = 0; d < D; d++) dcStoreStart[d + 1]! += dcStoreStart[d]!;
  const dcStores = new Int32Array(S);
  const filled = dcStoreStart.slice(0, D);
  for (let s = 0; s < S; s++) dcStores[filled[storeDc[s]!]!++] = s;

  const online = network.dcs.map((dc) => dc.online === true);
  const pointStart = new Int32Array(L + 1);
  const cells: number[] = [];
  for (let l = 0; l < L; l++) {
    pointStart[l] = cells.length;
    for (let k = 0; k < K; k++) if (l < S ? carried[l * K + k] === 1 : online[l - S]) cells.push(l * K + k);
  }
  pointStart[L] = cells.length;
  const pointCell = Int32Array.from(cells);
  const pointSku = pointCell.map((cell) => cell % K);
  const cellPoint = new Int32Array(C).fill(-1);
  pointCell.forEach((cell, p) => (cellPoint[cell] = p));

  return {
    skus: K,
    stores: S,
    dcs: D,
    locations: L,
    cells: C,
    unitCost,
    margin,
    storeDc,
    dcStoreStart,
    dcStores,
    transferMean,
    transferSd,
    laneUnitCost,
    supplierMean,
    supplierSd,
    rebalanceLeadTime: network.rebalanceLeadTime ?? { mean: 1, sd: 0 },
    pointStart,
    pointCell,
    pointSku,
    cellPoint,
    storePoints: pointStart[S]!,
    horizon: longest + 1,
    orderMultiple,
    minimumOrder,
    costs,
  };
}

/** The longest delivery a lead time can draw, in days; notes an issue if it is no lead time. */
function checkLeadTime(lead: LeadTime, path: string, issue: (path: string, message: string) => void): number {
  if (!atLeast(lead.mean, 0) || !atLeast(lead.sd, 0)) {
    issue(path, 'mean and sd finite numbers ≥ 0');
    return 1;
  }
  return leadTimeBound(lead.mean, lead.sd);
}

const isLeadTimeList = (lead: LeadTime | readonly LeadTime[]): lead is readonly LeadTime[] => Array.isArray(lead);
const atLeast = (value: number, low: number) => Number.isFinite(value) && value >= low;
const wholeAtLeast = (value: number, low: number) => Number.isInteger(value) && value >= low;
