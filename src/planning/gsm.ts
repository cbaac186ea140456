/**
 * Where to hold safety stock in a network of stages: the guaranteed-service model of Graves & Willems
 * (2000, erratum 2003), solved by their dynamic program for spanning trees.
 *
 * Every stage quotes its customers an outbound service time S and is quoted an inbound service time SI
 * by its suppliers (the longest of their S, or the time an outside supplier guarantees). It covers the
 * net lead time τ = SI + T − S, T its processing time, with safety stock z·σ·√τ, where σ is the standard
 * deviation of the demand it serves per period: its own customers' and that of every stage below it.
 * A stage that quotes more holds less and passes the wait on; the model picks the S of every stage that
 * makes the holding cost Σ h·z·σ·√τ least while each demand-facing stage keeps its promise to customers.
 *
 * Times are whole periods: the dynamic program runs over integer service times, which is enough for
 * lead times counted in days or weeks, and a fractional or negative time is refused. The network must
 * be a tree (a forest works too, tree by tree): no cycle once directions are ignored, so an assembly may
 * have many suppliers and a distribution centre many stores, but no part reaches a stage by two ways.
 * That is what lets a stage's σ be the sum of the variances below it, and the program be exact.
 */

export interface GsmStage {
  id: string;
  /** Stages that supply this one; empty for a stage supplied from outside the network. */
  predecessors: readonly string[];
  /** T: periods from having every input to having the output ready, in whole periods. */
  processingTime: number;
  /** h: cost of holding one unit for one period here. */
  holdingCost: number;
  /** z: how many standard deviations of demand the stock covers (the demand bound constant). */
  safetyFactor: number;
  /** Demand from customers outside the network, per period. */
  demand?: { mean: number; sd: number };
  /**
   * What an outside supplier guarantees, in periods (default 0); a stage with suppliers in the network
   * too waits for the latest of them all.
   */
  externalInboundServiceTime?: number;
  /**
   * The longest outbound service time the stage may quote: for a stage with demand, the time promised
   * to its customers (default 0, they are served from the shelf); elsewhere a bound if given, none if not.
   */
  maxOutboundServiceTime?: number;
}

export interface GsmPlacement {
  id: string;
  /** SI: the longest outbound time of its suppliers, or the outside supplier's if that is later. */
  inboundServiceTime: number;
  /** S: the time the stage promises the stages and customers it serves. */
  outboundServiceTime: number;
  /** τ = SI + T − S: the periods of demand its safety stock must cover. */
  netLeadTime: number;
  /** Mean demand per period the stage serves: its own customers' and all below it. */
  demandMean: number;
  /** σ of that demand per period: the square root of the sum of the variances below it. */
  demandSd: number;
  /** z·σ·√τ. */
  safetyStock: number;
  /** h·z·σ·√τ, per period. */
  safetyStockCost: number;
}

export interface GsmSolution {
  /** One placement per stage, in the order the stages were given. */
  stages: GsmPlacement[];
  /** The holding cost of all safety stock, per period. */
  cost: number;
}

/** The stages as indices, checked once, with what every computation below reads. */
interface Network {
  stages: readonly GsmStage[];
  predecessors: number[][];
  successors: number[][];
  /** Suppliers before the stages they supply. */
  order: number[];
  inboundFloor: number[];
  maxOutbound: number[];
  demandMean: number[];
  demandSd: number[];
  /** M: the longest replenishment time to the stage, the most its inbound plus processing time can be. */
  horizon: number[];
}

/**
 * The outbound service times that make safety stock cheapest, and where that puts the stock.
 *
 * @example
 * const store = (id: string) => ({
 *   id, predecessors: ['dc'], processingTime: 1, holdingCost: 1, safetyFactor: 1.645, demand: { mean: 40, sd: 10 },
 * });
 * const network = [
 *   { id: 'dc', predecessors: [], processingTime: 5, holdingCost: 1, safetyFactor: 1.645 },
 *   store('north'), store('south'), store('east'),
 * ];
 * placeSafetyStock(network);
 * // The DC quotes 0 and holds 1.645·√300·√5 for the three stores, pooled; each store covers its own day:
 * // { stages: [{ id: 'dc', outboundServiceTime: 0, netLeadTime: 5, safetyStock: 63.71, … }, …], cost: 113.06 }
 */
export function placeSafetyStock(stages: readonly GsmStage[]): GsmSolution {
  const network = buildNetwork(stages);
  return evaluate(network, feasibleServiceTimes(network, optimalServiceTimes(network)));
}

/**
 * The safety stock and its cost for outbound service times chosen by hand, to compare with the optimum.
 * Throws where a stage quotes more than its inbound plus processing time, or more than it may promise.
 *
 * @example
 * // The network of placeSafetyStock's example with the DC passing its 5 days on: each store covers 6.
 * evaluateServiceTimes(network, new Map([['dc', 5], ['north', 0], ['south', 0], ['east', 0]])).cost; // 120.88
 */
export function evaluateServiceTimes(stages: readonly GsmStage[], outbound: ReadonlyMap<string, number>): GsmSolution {
  const network = buildNetwork(stages);
  const known = new Set(stages.map((s) => s.id));
  for (const id of outbound.keys()) {
    if (!known.has(id)) throw new Error(`outbound service time given for "${id}", which is not a stage`);
  }
  const chosen = stages.map((stage) => {
    const s = outbound.get(stage.id);
    if (s === undefined) throw new Error(`stage "${stage.id}" has no outbound service time`);
    requirePeriods(s, 'outbound service time', stage.id);
    return s;
  });
  return evaluate(network, chosen);
}

/**
 * The two placements textbooks set against the optimum. `eachStageOnItsOwn`: every stage quotes 0 and
 * covers its whole inbound plus processing time, as if each location planned alone. `allAtDemandStages`:
 * every stage quotes as late as it may (SI + T, within its bound), so stages upstream hold nothing and
 * the demand stages cover the whole chain. The optimum never costs more than either.
 *
 * @example
 * const { eachStageOnItsOwn, allAtDemandStages } = extremePlacements(network);
 * [eachStageOnItsOwn.cost, allAtDemandStages.cost]; // [113.06, 120.88]: here the optimum is each on its own
 */
export function extremePlacements(stages: readonly GsmStage[]): {
  eachStageOnItsOwn: GsmSolution;
  allAtDemandStages: GsmSolution;
} {
  const network = buildNetwork(stages);
  const quoting = (s: number) => network.stages.map(() => s);
  return {
    eachStageOnItsOwn: evaluate(network, quoting(0)),
    allAtDemandStages: evaluate(network, feasibleServiceTimes(network, quoting(Infinity))),
  };
}

function requirePeriods(value: number, what: string, id: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`stage "${id}": ${what} must be a whole number of periods, 0 or more; got ${value}`);
  }
}

function requireAmount(value: number, what: string, id: string): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`stage "${id}": ${what} must be a finite number, 0 or more; got ${value}`);
  }
}

/** Checks the stages and works out what depends only on them: order, net demand and horizons. */
function buildNetwork(stages: readonly GsmStage[]): Network {
  const index = new Map<string, number>();
  stages.forEach((stage, i) => {
    if (index.has(stage.id)) throw new Error(`stage "${stage.id}" is given twice`);
    index.set(stage.id, i);
  });
  const predecessors = stages.map(() => [] as number[]);
  const successors = stages.map(() => [] as number[]);
  // Union–find over the undirected edges: an edge between stages already joined closes a cycle.
  const component = stages.map((_, i) => i);
  const find = (i: number): number => {
    while (component[i] !== i) i = component[i] = component[component[i]!]!;
    return i;
  };
  stages.forEach((stage, j) => {
    requirePeriods(stage.processingTime, 'processing time', stage.id);
    requirePeriods(stage.externalInboundServiceTime ?? 0, 'external inbound service time', stage.id);
    if (stage.maxOutboundServiceTime !== undefined) {
      requirePeriods(stage.maxOutboundServiceTime, 'maximum outbound service time', stage.id);
    }
    requireAmount(stage.holdingCost, 'holding cost', stage.id);
    requireAmount(stage.safetyFactor, 'safety factor', stage.id);
    if (stage.demand) {
      requireAmount(stage.demand.mean, 'mean demand', stage.id);
      requireAmount(stage.demand.sd, 'demand sd', stage.id);
    }
    for (const supplier of stage.predecessors) {
      const i = index.get(supplier);
      if (i === undefined) {
        throw new Error(`stage "${stage.id}" names "${supplier}" as a predecessor, which is not a stage`);
      }
      if (i === j) throw new Error(`stage "${stage.id}" names itself as its predecessor`);
      if (find(i) === find(j)) {
        throw new Error(
          `the edge "${supplier}" → "${stage.id}" closes a cycle: the guaranteed-service model here needs a tree`,
        );
      }
      component[find(i)] = find(j);
      predecessors[j]!.push(i);
      successors[i]!.push(j);
    }
  });

  // Kahn's order; in a graph without undirected cycles it always takes every stage.
  const waiting = predecessors.map((p) => p.length);
  const order = stages.flatMap((_, i) => (waiting[i] === 0 ? [i] : []));
  for (let next = 0; next < order.length; next++) {
    for (const j of successors[order[next]!]!) if (--waiting[j]! === 0) order.push(j);
  }

  const demandMean = stages.map((s) => s.demand?.mean ?? 0);
  const variance = stages.map((s) => (s.demand?.sd ?? 0) ** 2);
  // In a tree each demand stage lies below a stage by one path only, so summing over successors counts it once.
  for (const i of [...order].reverse()) {
    for (const j of successors[i]!) {
      demandMean[i]! += demandMean[j]!;
      variance[i]! += variance[j]!;
    }
  }
  const inboundFloor = stages.map((s) => s.externalInboundServiceTime ?? 0);
  const horizon = stages.map(() => 0);
  for (const j of order) {
    const inbound = Math.max(inboundFloor[j]!, ...predecessors[j]!.map((i) => horizon[i]!));
    horizon[j] = inbound + stages[j]!.processingTime;
  }
  return {
    stages,
    predecessors,
    successors,
    order,
    inboundFloor,
    maxOutbound: stages.map((s) => s.maxOutboundServiceTime ?? (s.demand ? 0 : Infinity)),
    demandMean,
    demandSd: variance.map(Math.sqrt),
    horizon,
  };
}

function inboundServiceTime(network: Network, j: number, outbound: readonly number[]): number {
  return Math.max(network.inboundFloor[j]!, ...network.predecessors[j]!.map((i) => outbound[i]!));
}

/**
 * Makes wished outbound times feasible, suppliers first: each stage quotes no more than its inbound plus
 * processing time and its bound allow. Lowering a quote never raises a net lead time, here or below.
 */
function feasibleServiceTimes(network: Network, wished: readonly number[]): number[] {
  const outbound = [...wished];
  for (const j of network.order) {
    const latest = inboundServiceTime(network, j, outbound) + network.stages[j]!.processingTime;
    outbound[j] = Math.min(wished[j]!, latest, network.maxOutbound[j]!);
  }
  return outbound;
}

function evaluate(network: Network, outbound: readonly number[]): GsmSolution {
  const placements = network.stages.map((stage, j) => {
    const inbound = inboundServiceTime(network, j, outbound);
    const s = outbound[j]!;
    const netLeadTime = inbound + stage.processingTime - s;
    if (s > network.maxOutbound[j]!) {
      throw new RangeError(`stage "${stage.id}" quotes ${s} periods but may promise at most ${network.maxOutbound[j]}`);
    }
    if (netLeadTime < 0) {
      throw new RangeError(
        `stage "${stage.id}" quotes ${s} periods, more than inbound ${inbound} plus processing ${stage.processingTime}`,
      );
    }
    const safetyStock = stage.safetyFactor * network.demandSd[j]! * Math.sqrt(netLeadTime);
    return {
      id: stage.id,
      inboundServiceTime: inbound,
      outboundServiceTime: s,
      netLeadTime,
      demandMean: network.demandMean[j]!,
      demandSd: network.demandSd[j]!,
      safetyStock,
      safetyStockCost: stage.holdingCost * safetyStock,
    };
  });
  return { stages: placements, cost: placements.reduce((sum, p) => sum + p.safetyStockCost, 0) };
}

/** Below this relative difference two costs tie, and the smaller service time wins, whatever the rounding. */
const TIE = 1e-12;
const better = (value: number, best: number) =>
  best === Infinity ? value < best : value < best - TIE * Math.max(1, Math.abs(best));

/** A function of one service time, with the argument it was reached at, over 0 … horizon. */
interface Tabled {
  value: number[];
  at: number[];
}

/**
 * The Graves–Willems program. Stages are numbered so that each has at most one neighbour numbered later
 * (a post-order of each tree), p(k) that neighbour. The subtree N_k of k and all it reaches without p(k)
 * is solved before k, as f_k(S), its least cost when k quotes S (p(k) is a customer of k), or g_k(SI),
 * its least cost when k is quoted SI (p(k) supplies k). With
 *   c_k(S, SI) = h·z·σ·√(SI + T − S) + Σ_{supplier i in N_k} min_{x ≤ SI} f_i(x)
 *                                    + Σ_{customer j in N_k} min_{y ≥ S} g_j(y),
 * f_k(S) = min over SI of c_k and g_k(SI) = min over S of c_k; a last stage takes the least g_k.
 * Work is n·M² for n stages and the longest replenishment time M: fine for days, not for minutes.
 * The minimum lets a supplier quote less than SI and a customer be quoted more than S, which has the same
 * optimum as SI = max S (feasibleServiceTimes takes any slack back); it returns the outbound time per stage.
 */
function optimalServiceTimes(network: Network): number[] {
  const n = network.stages.length;
  const size = network.horizon.reduce((longest, m) => Math.max(longest, m), 0) + 1;
  const neighbours = network.predecessors.map((p, i) => [...p, ...network.successors[i]!]);
  const parent = new Array<number>(n).fill(-1);
  const postOrder: number[] = [];
  const seen = new Array<boolean>(n).fill(false);
  for (let root = 0; root < n; root++) {
    if (seen[root]) continue;
    seen[root] = true;
    const stack: { stage: number; next: number }[] = [{ stage: root, next: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const neighbour = neighbours[top.stage]![top.next++];
      if (neighbour === undefined) {
        postOrder.push(stack.pop()!.stage);
      } else if (!seen[neighbour]) {
        seen[neighbour] = true;
        parent[neighbour] = top.stage;
        stack.push({ stage: neighbour, next: 0 });
      }
    }
  }

  const weight = network.stages.map((s, j) => s.holdingCost * s.safetyFactor * network.demandSd[j]!);
  /** min_{x ≤ SI} f_i(x) for a supplier i whose customer p(i) is solved later. */
  const fromSuppliers: Tabled[] = [];
  /** min_{y ≥ S} g_j(y) for a customer j whose supplier p(j) is solved later. */
  const fromCustomers: Tabled[] = [];
  /** For f_k: the inbound time that reached f_k(S); for g_k: the outbound time that reached g_k(SI). */
  const choice: number[][] = [];

  for (const k of postOrder) {
    const stage = network.stages[k]!;
    const suppliers = network.predecessors[k]!.filter((i) => parent[i] === k);
    const customers = network.successors[k]!.filter((j) => parent[j] === k);
    const cost = (s: number, si: number) =>
      weight[k]! * Math.sqrt(si + stage.processingTime - s) +
      suppliers.reduce((sum, i) => sum + fromSuppliers[i]!.value[si]!, 0) +
      customers.reduce((sum, j) => sum + fromCustomers[j]!.value[s]!, 0);
    const latestInbound = network.horizon[k]! - stage.processingTime;
    const table: Tabled = { value: new Array<number>(size).fill(Infinity), at: new Array<number>(size).fill(0) };

    if (parent[k] !== -1 && network.successors[k]!.includes(parent[k]!)) {
      // f_k(S): the inbound time that makes N_k cheapest when k quotes S.
      for (let s = 0; s <= Math.min(network.horizon[k]!, network.maxOutbound[k]!); s++) {
        for (let si = Math.max(network.inboundFloor[k]!, s - stage.processingTime); si <= latestInbound; si++) {
          const value = cost(s, si);
          if (better(value, table.value[s]!)) [table.value[s], table.at[s]] = [value, si];
        }
      }
      choice[k] = table.at;
      fromSuppliers[k] = runningBest(table, 'up');
    } else {
      // g_k(SI): the outbound time that makes N_k cheapest when k is quoted SI (an outside supplier may quote later).
      for (let quoted = 0; quoted <= latestInbound; quoted++) {
        const si = Math.max(quoted, network.inboundFloor[k]!);
        for (let s = 0; s <= Math.min(si + stage.processingTime, network.maxOutbound[k]!); s++) {
          const value = cost(s, si);
          if (better(value, table.value[quoted]!)) [table.value[quoted], table.at[quoted]] = [value, s];
        }
      }
      choice[k] = table.at;
      fromCustomers[k] = runningBest(table, 'down');
    }
  }

  // Back from each last stage: p(k) is decided before k, so a reversed post-order meets parents first.
  const outbound = new Array<number>(n).fill(0);
  const inbound = new Array<number>(n).fill(0);
  for (const k of [...postOrder].reverse()) {
    const p = parent[k]!;
    if (p !== -1 && network.successors[k]!.includes(p)) {
      outbound[k] = fromSuppliers[k]!.at[inbound[p]!]!;
      inbound[k] = choice[k]![outbound[k]]!;
    } else {
      const quoted = p === -1 ? fromCustomers[k]!.at[0]! : fromCustomers[k]!.at[outbound[p]!]!;
      inbound[k] = Math.max(quoted, network.inboundFloor[k]!);
      outbound[k] = choice[k]![quoted]!;
    }
  }
  return outbound;
}

/**
 * min over x ≤ t (`up`: a supplier may quote less than asked) or over x ≥ t (`down`: a customer may be
 * quoted more than offered), with the argument; the smaller argument wins a tie.
 */
function runningBest(table: Tabled, direction: 'up' | 'down'): Tabled {
  const size = table.value.length;
  const best: Tabled = { value: [...table.value], at: table.value.map((_, t) => t) };
  for (let step = 1; step < size; step++) {
    const t = direction === 'up' ? step : size - 1 - step;
    const previous = direction === 'up' ? t - 1 : t + 1;
    // Going up the previous argument is the smaller, so it keeps a tie; going down it is the larger.
    const takePrevious =
      direction === 'up'
        ? !better(best.value[t]!, best.value[previous]!)
        : better(best.value[previous]!, best.value[t]!);
    if (takePrevious) [best.value[t], best.at[t]] = [best.value[previous]!, best.at[previous]!];
  }
  return best;
}
