/**
 * Rebalancing: moving a SKU's stock from locations that will not sell it before their next replenishment
 * to locations that will run short, when the margin saved and the holding avoided pay for the move.
 *
 * Each site's expected cost over the horizon, margin · E[lost sales] + holding · E[left over], is convex
 * in its stock, so every unit moved in or out has a marginal cost that only grows: a transport problem
 * with those marginals as unit segments is a network LP that HiGHS solves exactly, and whose optimal
 * vertex is whole units. The model goes to HiGHS as arrays, not LP text: parsing text was most of the
 * time of a few hundred SKUs.
 */
import highsModule from 'highs';
import type { Highs, ModelData, VariableType } from 'highs';
import { countLoss } from '../probability/index.js';

/** One location's stock of a SKU and the demand it faces until its next replenishment arrives. */
export interface RebalancingSite {
  location: string;
  /** Whole units it can sell over the horizon: on hand, plus what arrives before the horizon ends. */
  stock: number;
  /** Demand over the horizon, as a count of units (Poisson or negative binomial, see `countLoss`). */
  demand: { mean: number; sd: number };
  /** Whole units it must not give away: its safety stock, what is reserved. 0 if absent. */
  minimumKeep?: number;
}

export interface RebalancingSku {
  sku: string;
  /** Price − cost: what a lost sale costs. */
  unitMargin: number;
  /** Holding one unit over the horizon. */
  holdingCostPerUnit: number;
  /** For the caller's transfer cost; rebalancing itself does not read it. */
  unitWeightKg?: number;
  sites: readonly RebalancingSite[];
}

export interface RebalancingRequest {
  skus: readonly RebalancingSku[];
  /** What moving one unit of `sku` from `from` to `to` costs; at least 0 (e.g. km × kg × rate). */
  unitTransferCost: (from: string, to: string, sku: RebalancingSku) => number;
  /** What each transfer (one SKU from one site to another) costs whatever its size; default 0. */
  fixedCostPerTransfer?: number;
}

/** Expected outcome of a SKU's stock over the horizon, in units and money. */
export interface ExpectedCost {
  lostSales: number;
  lostMargin: number;
  leftOver: number;
  holding: number;
  transfer: number;
  /** lostMargin + holding + transfer. */
  total: number;
}

/**
 * One suggested move. The sites' changes in lost sales and left-over stock are shared among the
 * transfers into or out of them by quantity, so the transfers of a SKU add up to its before − after.
 */
export interface Transfer {
  sku: string;
  from: string;
  to: string;
  quantity: number;
  /** Per unit × quantity, plus the fixed cost per transfer. */
  cost: number;
  /** Expected units of sales it saves at the receiver, net of those it loses at the source. */
  lostSalesAvoided: number;
  lostMarginAvoided: number;
  /** Holding of the units it stops being left over at the source, net of the receiver's. */
  holdingSaved: number;
  /** lostMarginAvoided + holdingSaved − cost. */
  saving: number;
}

export interface SiteChange {
  location: string;
  stockBefore: number;
  stockAfter: number;
  lostSalesBefore: number;
  lostSalesAfter: number;
  leftOverBefore: number;
  leftOverAfter: number;
}

export interface SkuRebalancing {
  sku: string;
  transfers: Transfer[];
  sites: SiteChange[];
  before: ExpectedCost;
  after: ExpectedCost;
}

export interface RebalancingPlan {
  skus: SkuRebalancing[];
  transfers: Transfer[];
  before: ExpectedCost;
  after: ExpectedCost;
}

/** highs is CommonJS whose module.exports is the loader; see `sourcing/exact.ts`. */
const loadHighs = highsModule as unknown as () => Promise<Highs>;
let solver: Promise<Highs> | undefined;

/**
 * Suggests transfers for every SKU of `request`: per SKU one transport LP (HiGHS) that minimises the
 * expected lost margin and holding of all its sites plus what the moves cost, within what each site can
 * spare (stock − minimumKeep). No site both gives and receives one SKU. A SKU that no move would make
 * cheaper is not solved at all.
 *
 * Fixed costs stay out of the LP, which is then exact only without them: pairs of sites that could not
 * save the fixed cost even alone are left out, and a transfer whose own saving does not cover it is
 * forbidden and the LP solved again, until every transfer pays for itself.
 *
 * @example
 * const plan = await planRebalancing({
 *   skus: [{ sku: 'TEE-M', unitMargin: 10, holdingCostPerUnit: 0.5, sites: [
 *     { location: 'store-1', stock: 30, demand: { mean: 2, sd: 1.4 } },
 *     { location: 'store-2', stock: 0, demand: { mean: 8, sd: 2.8 } },
 *   ] }],
 *   unitTransferCost: (from, to, sku) => 0.002 * distanceKm(from, to) * (sku.unitWeightKg ?? 1) + 0.3,
 * });
 * plan.transfers; // [{ sku: 'TEE-M', from: 'store-1', to: 'store-2', quantity: 12, … }]
 */
export async function planRebalancing(request: RebalancingRequest): Promise<RebalancingPlan> {
  return (await loadRebalancer())(request);
}

/** `planRebalancing` without the wait: for callers that must answer synchronously, once HiGHS is loaded. */
export type Rebalancer = (request: RebalancingRequest) => RebalancingPlan;

/**
 * Loads HiGHS (once per process) and answers a synchronous `planRebalancing`. Why: HiGHS loads
 * asynchronously, but solving is synchronous, and the simulator's day loop calls its policies
 * synchronously: a run loads the solver before it starts and rebalances every week without awaiting.
 *
 * @example
 * const rebalance = await loadRebalancer();
 * const plan = rebalance({ skus, unitTransferCost: () => 0.3 }); // as planRebalancing, without a promise
 */
export async function loadRebalancer(): Promise<Rebalancer> {
  const highs = await (solver ??= loadHighs());
  return (request) => {
    const fixed = request.fixedCostPerTransfer ?? 0;
    if (!(fixed >= 0) || !Number.isFinite(fixed)) throw new RangeError('the fixed cost per transfer must be 0 or more');
    const skus = request.skus.map((sku) => rebalanceSku(highs, sku, request.unitTransferCost, fixed));
    return {
      skus,
      transfers: skus.flatMap((s) => s.transfers),
      before: sumCosts(skus.map((s) => s.before)),
      after: sumCosts(skus.map((s) => s.after)),
    };
  };
}

/** A site's expected lost sales tabled over the stock it may end with: [stock − outCap, stock + inCap]. */
interface Curve {
  location: string;
  stock: number;
  mean: number;
  low: number;
  lost: number[];
  /** Units it may give: what it spares, and no more than the others could take. */
  outCap: number;
  /** Units it may receive: no more than the others spare, and none that would surely be left over. */
  inCap: number;
}

/** Units from one site to another (indices into the curves). */
interface Arc {
  from: number;
  to: number;
}
interface Flow extends Arc {
  quantity: number;
}

/** One SKU as the LP and the checks around it read it. */
interface Instance {
  sku: RebalancingSku;
  curves: Curve[];
  /** Expected cost of site `i` holding `x`, less holding · mean (a constant): its differences are the marginals. */
  F: (i: number, x: number) => number;
  cost: (from: number, to: number) => number;
  fixed: number;
  /** A billionth of margin + holding: savings below it are rounding. */
  tolerance: number;
}

function rebalanceSku(
  highs: Highs,
  sku: RebalancingSku,
  unitTransferCost: RebalancingRequest['unitTransferCost'],
  fixed: number,
): SkuRebalancing {
  checkSku(sku);
  const curves = tabulate(sku);
  const scale = sku.unitMargin + sku.holdingCostPerUnit;
  const unitCosts = new Map<number, number>();
  const instance: Instance = {
    sku,
    curves,
    F: (i, x) => scale * lostAt(curves[i]!, x) + sku.holdingCostPerUnit * x,
    cost: (from, to) => {
      const key = from * curves.length + to;
      let c = unitCosts.get(key);
      if (c === undefined) {
        c = unitTransferCost(curves[from]!.location, curves[to]!.location, sku);
        if (!(c >= 0) || !Number.isFinite(c))
          throw new RangeError(`${sku.sku}: the cost from ${curves[from]!.location} must be a number of 0 or more`);
        unitCosts.set(key, c);
      }
      return c;
    },
    fixed,
    tolerance: 1e-9 * scale,
  };
  const arcs = candidateArcs(instance);
  let flows = arcs.length === 0 ? [] : (settle(highs, instance, arcs, false) ?? settle(highs, instance, arcs, true)!);
  // Moves that each pay for themselves could still, together, cost more than they save: then none.
  const stocks = curves.map((c) => c.stock);
  if (costOf(instance, stocksAfter(curves, flows), flows) > costOf(instance, stocks, []) - instance.tolerance)
    flows = [];
  return explain(instance, flows);
}

function checkSku(sku: RebalancingSku): void {
  const whole = (n: number) => Number.isInteger(n) && n >= 0;
  const money = (n: number) => n >= 0 && Number.isFinite(n);
  if (!money(sku.unitMargin) || !money(sku.holdingCostPerUnit))
    throw new RangeError(`${sku.sku}: the unit margin and holding cost must be numbers of 0 or more`);
  const seen = new Set<string>();
  for (const site of sku.sites) {
    if (seen.has(site.location)) throw new RangeError(`${sku.sku}: ${site.location} is listed twice`);
    seen.add(site.location);
    if (!whole(site.stock) || !whole(site.minimumKeep ?? 0))
      throw new RangeError(`${sku.sku} at ${site.location}: stock and minimum keep must be whole units of 0 or more`);
    if (!money(site.demand.mean) || !money(site.demand.sd))
      throw new RangeError(`${sku.sku} at ${site.location}: the demand's mean and sd must be numbers of 0 or more`);
  }
}

const lostAt = (c: Curve, x: number): number => c.lost[x - c.low]!;

/**
 * Each site's expected lost sales at every stock it could end with. Receiving stops where the next unit
 * would be left over all but surely (its marginal reaches the holding cost, which no source can save
 * more than); giving stops where the next unit would be sold all but surely (its marginal reaches the
 * margin, which no receiver can gain more than), at what the site spares, and at what others could take.
 */
function tabulate(sku: RebalancingSku): Curve[] {
  const m = sku.unitMargin + sku.holdingCostPerUnit;
  const tolerance = 1e-9 * m;
  const spare = sku.sites.map((s) => Math.max(0, s.stock - (s.minimumKeep ?? 0)));
  const totalSpare = spare.reduce((a, b) => a + b, 0);
  // A mean below a billionth of a unit sells nothing; the count's sums underflow to NaN near 1e-162.
  const mean = (site: RebalancingSite) => (site.demand.mean < 1e-9 ? 0 : site.demand.mean);
  const loss = (site: RebalancingSite, x: number) => countLoss(mean(site), site.demand.sd, x);
  const above = sku.sites.map((site, i) => {
    const lost = [loss(site, site.stock)];
    while (lost.length - 1 < totalSpare - spare[i]!) {
      const next = loss(site, site.stock + lost.length);
      if (m * (next - lost[lost.length - 1]!) >= -tolerance) break;
      lost.push(next);
    }
    return lost;
  });
  const totalIn = above.reduce((sum, lost) => sum + lost.length - 1, 0);
  const curves = sku.sites.map((site, i): Curve => {
    const inCap = above[i]!.length - 1;
    const below: number[] = [];
    let previous = above[i]![0]!;
    while (below.length < Math.min(spare[i]!, totalIn - inCap)) {
      const next = loss(site, site.stock - below.length - 1);
      if (m * (next - previous) >= m - tolerance) break;
      below.push(next);
      previous = next;
    }
    const lost = [...below.reverse(), ...above[i]!];
    const low = site.stock - below.length;
    return { location: site.location, stock: site.stock, mean: mean(site), low, lost, outCap: below.length, inCap };
  });
  const totalOut = curves.reduce((sum, c) => sum + c.outCap, 0);
  for (const c of curves) c.inCap = Math.min(c.inCap, totalOut - c.outCap);
  return curves;
}

/** The marginal cost of the `q`-th unit site `i` gives, and of the `q`-th it receives: both grow with q. */
const give = ({ curves, F }: Instance, i: number, q: number) =>
  F(i, curves[i]!.stock - q) - F(i, curves[i]!.stock - q + 1);
const take = ({ curves, F }: Instance, i: number, q: number) =>
  F(i, curves[i]!.stock + q) - F(i, curves[i]!.stock + q - 1);

/**
 * The pairs of sites worth a variable: those whose best move, made alone, saves more than the fixed
 * cost. Beside other moves each unit of it is worth less still (the marginals only grow).
 */
function candidateArcs(instance: Instance): Arc[] {
  const { curves, cost, fixed, tolerance } = instance;
  const arcs: Arc[] = [];
  curves.forEach((source, from) =>
    curves.forEach((sink, to) => {
      if (from === to || source.outCap === 0 || sink.inCap === 0) return;
      let sum = 0;
      let best = 0;
      for (let q = 1; q <= Math.min(source.outCap, sink.inCap); q++) {
        const unit = give(instance, from, q) + take(instance, to, q) + cost(from, to);
        if (unit >= 0) break;
        sum += unit;
        best = Math.min(best, sum);
      }
      if (best < -(fixed + tolerance)) arcs.push({ from, to });
    }),
  );
  return arcs;
}

/**
 * Solves the transport LP over `arcs`, and again with every transfer that does not pay its fixed cost
 * forbidden, until all do. Null when the LP passes units through a site: for costs where a detour via a
 * third site is cheaper than going direct. With `exclusive` each site that could both give and receive
 * has a yes/no for receiving (a MIP), so none does.
 */
function settle(highs: Highs, instance: Instance, arcs: readonly Arc[], exclusive: boolean): Flow[] | null {
  return highs.withModel(transportModel(instance, arcs, exclusive), (model) => {
    model.options.set({ output_flag: false, mip_rel_gap: 1e-9 });
    for (;;) {
      const { modelStatus } = model.run();
      if (modelStatus !== highs.constants.modelStatus.optimal)
        throw new Error(`${instance.sku.sku}: the rebalancing model was not solved (HiGHS status ${modelStatus})`);
      const values = model.getSolution().colValue;
      const flows = arcs
        .map((arc, k) => ({ ...arc, quantity: Math.round(values[k] ?? 0) }))
        .filter((f) => f.quantity > 0);
      if (!exclusive && receivesAndGives(flows)) return null;
      const failing = unpaid(instance, flows);
      if (failing.length === 0) return flows.filter((f) => f.quantity > 0);
      for (const f of failing)
        model.changeColBounds(
          arcs.findIndex((a) => a.from === f.from && a.to === f.to),
          0,
          0,
        );
    }
  });
}

/**
 * The LP as HiGHS's arrays: a column per arc (+1 in its source's row of units out and its sink's row of
 * units in), then per site a column per run of equal marginal cost out and in (−1 in that row), bounded
 * by the run's length and filled in order because the marginals grow. A site's runs stop where even its
 * cheapest partner could not make the next unit pay. Costs are in units of margin + holding, so that a
 * margin of cents does not fall under the solver's tolerances.
 */
function transportModel(instance: Instance, arcs: readonly Arc[], exclusive: boolean): ModelData {
  const { curves, cost, tolerance, sku } = instance;
  const scale = sku.unitMargin + sku.holdingCostPerUnit;
  const columns = arcs.map((a) => ({ cost: cost(a.from, a.to) / scale, upper: 0, entries: [] as [number, number][] }));
  const rows: { lower: number; upper: number }[] = [];
  const units = (
    i: number,
    mine: readonly number[],
    marginal: (q: number) => number,
    partner: (arc: Arc) => number,
    cap: number,
  ): { row: number; cap: number; segments: number[] } | undefined => {
    if (mine.length === 0) return undefined;
    const best = Math.min(...mine.map((k) => partner(arcs[k]!)));
    let usable = 0;
    while (usable < cap && marginal(usable + 1) + best < -tolerance) usable += 1;
    const row = rows.push({ lower: 0, upper: 0 }) - 1;
    for (const k of mine) columns[k]!.entries.push([row, 1]);
    const segments = runs(usable, (q) => marginal(q) / scale).map(
      (run) => columns.push({ cost: run.cost, upper: run.length, entries: [[row, -1]] }) - 1,
    );
    return { row, cap: usable, segments };
  };
  const out: (number | undefined)[] = [];
  const into: (number | undefined)[] = [];
  curves.forEach((c, i) => {
    const outs = arcs.flatMap((a, k) => (a.from === i ? [k] : []));
    const ins = arcs.flatMap((a, k) => (a.to === i ? [k] : []));
    const gives = units(
      i,
      outs,
      (q) => give(instance, i, q),
      (a) => take(instance, a.to, 1) + cost(i, a.to),
      c.outCap,
    );
    const takes = units(
      i,
      ins,
      (q) => take(instance, i, q),
      (a) => give(instance, a.from, 1) + cost(a.from, i),
      c.inCap,
    );
    out.push(gives?.cap);
    into.push(takes?.cap);
    if (!exclusive || gives === undefined || takes === undefined) return;
    // y = 1: the site receives (Σ in ≤ cap · y) and gives nothing (Σ out ≤ cap · (1 − y)).
    const y = columns.push({ cost: 0, upper: 1, entries: [] }) - 1;
    const receiving = rows.push({ lower: -Infinity, upper: 0 }) - 1;
    const giving = rows.push({ lower: -Infinity, upper: gives.cap }) - 1;
    for (const k of takes.segments) columns[k]!.entries.push([receiving, 1]);
    for (const k of gives.segments) columns[k]!.entries.push([giving, 1]);
    columns[y]!.entries.push([receiving, -takes.cap], [giving, gives.cap]);
  });
  arcs.forEach((a, k) => (columns[k]!.upper = Math.min(out[a.from] ?? 0, into[a.to] ?? 0)));
  const starts = [0];
  for (const column of columns) starts.push(starts[starts.length - 1]! + column.entries.length);
  const entries = columns.flatMap((column) => column.entries);
  const integer: VariableType = exclusive ? 1 : 0;
  return {
    numCols: columns.length,
    numRows: rows.length,
    colCost: columns.map((column) => column.cost),
    colLower: columns.map(() => 0),
    colUpper: columns.map((column) => column.upper),
    rowLower: rows.map((row) => row.lower),
    rowUpper: rows.map((row) => row.upper),
    matrix: {
      format: 'csc',
      numRows: rows.length,
      numCols: columns.length,
      starts,
      indices: entries.map(([row]) => row),
      values: entries.map(([, value]) => value),
    },
    integrality: columns.map(() => integer),
  };
}

/** Consecutive unit marginals merged where equal (a site that sells none: every unit costs its holding). */
function runs(count: number, marginal: (q: number) => number): { cost: number; length: number }[] {
  const merged: { cost: number; length: number }[] = [];
  let floor = -Infinity;
  for (let q = 1; q <= count; q++) {
    // Rounding can dent a convex curve by 1e-16; the segments must not, or the LP would fill them out of order.
    const cost = Math.max(marginal(q), floor);
    floor = cost;
    const last = merged[merged.length - 1];
    if (last !== undefined && last.cost - cost >= -1e-12) last.length += 1;
    else merged.push({ cost, length: 1 });
  }
  return merged;
}

/**
 * Takes back each transfer's last unit while that costs nothing (an LP at a tie may move units that
 * save nothing), and returns the transfers that do not save their fixed cost: without one of them the
 * instance would cost no more.
 */
function unpaid(instance: Instance, flows: Flow[]): Flow[] {
  const { curves, F, cost, fixed, tolerance } = instance;
  const stocks = stocksAfter(curves, flows);
  const takeBack = (f: Flow, q: number) =>
    F(f.from, stocks[f.from]! + q) -
    F(f.from, stocks[f.from]!) +
    F(f.to, stocks[f.to]! - q) -
    F(f.to, stocks[f.to]!) -
    q * cost(f.from, f.to);
  for (const f of flows)
    while (f.quantity > 0 && takeBack(f, 1) <= tolerance) {
      f.quantity -= 1;
      stocks[f.from]! += 1;
      stocks[f.to]! -= 1;
    }
  return flows.filter((f) => f.quantity > 0 && takeBack(f, f.quantity) <= fixed + tolerance);
}

function receivesAndGives(flows: readonly Flow[]): boolean {
  const gives = new Set(flows.map((f) => f.from));
  return flows.some((f) => gives.has(f.to));
}

function stocksAfter(curves: readonly Curve[], flows: readonly Flow[]): number[] {
  const stocks = curves.map((c) => c.stock);
  for (const f of flows) {
    stocks[f.from]! -= f.quantity;
    stocks[f.to]! += f.quantity;
  }
  return stocks;
}

function costOf({ curves, F, cost, fixed }: Instance, stocks: readonly number[], flows: readonly Flow[]): number {
  const sites = curves.reduce((sum, _, i) => sum + F(i, stocks[i]!), 0);
  return flows.reduce((sum, f) => sum + f.quantity * cost(f.from, f.to) + fixed, sites);
}

/** The plan in the caller's words: transfers with what each saves, sites before and after, the totals. */
function explain({ sku, curves, cost, fixed }: Instance, flows: readonly Flow[]): SkuRebalancing {
  const h = sku.holdingCostPerUnit;
  const stocks = stocksAfter(curves, flows);
  const sites = curves.map((c, i): SiteChange => ({
    location: c.location,
    stockBefore: c.stock,
    stockAfter: stocks[i]!,
    lostSalesBefore: lostAt(c, c.stock),
    lostSalesAfter: lostAt(c, stocks[i]!),
    leftOverBefore: c.stock - c.mean + lostAt(c, c.stock),
    leftOverAfter: stocks[i]! - c.mean + lostAt(c, stocks[i]!),
  }));
  const moved = curves.map((_, i) => flows.reduce((sum, f) => sum + (f.from === i || f.to === i ? f.quantity : 0), 0));
  const transfers = flows.map((f): Transfer => {
    const share = (i: number) => f.quantity / moved[i]!;
    const source = sites[f.from]!;
    const sink = sites[f.to]!;
    const lostSalesAvoided =
      share(f.from) * (source.lostSalesBefore - source.lostSalesAfter) +
      share(f.to) * (sink.lostSalesBefore - sink.lostSalesAfter);
    const holdingSaved =
      h *
      (share(f.from) * (source.leftOverBefore - source.leftOverAfter) +
        share(f.to) * (sink.leftOverBefore - sink.leftOverAfter));
    const transferCost = f.quantity * cost(f.from, f.to) + fixed;
    const lostMarginAvoided = sku.unitMargin * lostSalesAvoided;
    return {
      sku: sku.sku,
      from: source.location,
      to: sink.location,
      quantity: f.quantity,
      cost: transferCost,
      lostSalesAvoided,
      lostMarginAvoided,
      holdingSaved,
      saving: lostMarginAvoided + holdingSaved - transferCost,
    };
  });
  const outcome = (lostSales: number, leftOver: number, transfer: number): ExpectedCost => {
    const lostMargin = sku.unitMargin * lostSales;
    const holding = h * leftOver;
    return { lostSales, lostMargin, leftOver, holding, transfer, total: lostMargin + holding + transfer };
  };
  const sum = (pick: (s: SiteChange) => number) => sites.reduce((total, s) => total + pick(s), 0);
  const transferred = transfers.reduce((total, t) => total + t.cost, 0);
  return {
    sku: sku.sku,
    transfers,
    sites,
    before: outcome(
      sum((s) => s.lostSalesBefore),
      sum((s) => s.leftOverBefore),
      0,
    ),
    after: outcome(
      sum((s) => s.lostSalesAfter),
      sum((s) => s.leftOverAfter),
      transferred,
    ),
  };
}

function sumCosts(costs: readonly ExpectedCost[]): ExpectedCost {
  const total = (pick: (c: ExpectedCost) => number) => costs.reduce((sum, c) => sum + pick(c), 0);
  return {
    lostSales: total((c) => c.lostSales),
    lostMargin: total((c) => c.lostMargin),
    leftOver: total((c) => c.leftOver),
    holding: total((c) => c.holding),
    transfer: total((c) => c.transfer),
    total: total((c) => c.total),
  };
}
