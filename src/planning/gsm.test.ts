import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateServiceTimes, extremePlacements, placeSafetyStock } from './gsm.js';
import type { GsmSolution, GsmStage } from './gsm.js';

const runs = { numRuns: Number(process.env.PROPERTY_RUNS ?? 100) };

const stage = (
  id: string,
  predecessors: string[],
  processingTime: number,
  holdingCost: number,
  safetyFactor: number,
  more: Partial<GsmStage> = {},
): GsmStage => ({ id, predecessors, processingTime, holdingCost, safetyFactor, ...more });

const outboundOf = (solution: GsmSolution) =>
  Object.fromEntries(solution.stages.map((p) => [p.id, p.outboundServiceTime]));

const withPromise = (stages: readonly GsmStage[], promises: Record<string, number>) =>
  stages.map((s) => (s.id in promises ? { ...s, maxOutboundServiceTime: promises[s.id]! } : s));

/**
 * The least cost over every outbound service time each stage could quote, computed without the module:
 * σ from the demand stages each stage reaches, SI as the latest supplier's quote.
 */
function bruteForce(stages: readonly GsmStage[]): { cost: number; outbound: Record<string, number> } {
  const byId = new Map(stages.map((s) => [s.id, s]));
  const customers = (id: string) => stages.filter((s) => s.predecessors.includes(id));
  const variance = (id: string): number =>
    (byId.get(id)!.demand?.sd ?? 0) ** 2 + customers(id).reduce((sum, c) => sum + variance(c.id), 0);
  const longest = (s: GsmStage): number =>
    s.processingTime + Math.max(s.externalInboundServiceTime ?? 0, ...s.predecessors.map((p) => longest(byId.get(p)!)));
  const sd = stages.map((s) => Math.sqrt(variance(s.id)));
  const choices = stages.map((s) => Math.min(longest(s), s.maxOutboundServiceTime ?? (s.demand ? 0 : Infinity)));
  let best = { cost: Infinity, outbound: {} as Record<string, number> };
  const quote = stages.map(() => 0);
  const visit = (k: number): void => {
    if (k === stages.length) {
      const outbound = Object.fromEntries(stages.map((s, j) => [s.id, quote[j]!]));
      let cost = 0;
      for (const [j, s] of stages.entries()) {
        const inbound = Math.max(s.externalInboundServiceTime ?? 0, ...s.predecessors.map((p) => outbound[p]!));
        const tau = inbound + s.processingTime - quote[j]!;
        if (tau < 0) return;
        cost += s.holdingCost * s.safetyFactor * sd[j]! * Math.sqrt(tau);
      }
      if (cost < best.cost - 1e-12) best = { cost, outbound };
      return;
    }
    for (let s = 0; s <= choices[k]!; s++) {
      quote[k] = s;
      visit(k + 1);
    }
  };
  visit(0);
  return best;
}

describe('guaranteed-service safety stock: published optima', () => {
  // Snyder & Shen, Fundamentals of Supply Chain Theory (2nd ed.), Example 6.5; stockpyl
  // tests/test_gsm_tree.py TestOptimizeCommittedServiceTimes.test_example_6_5 (instance `example_6_5`).
  const example65 = [
    stage('1', [], 2, 1, 1, { externalInboundServiceTime: 1 }),
    stage('2', ['3'], 1, 3, 1, { demand: { mean: 0, sd: 1 }, maxOutboundServiceTime: 0 }),
    stage('3', ['1'], 1, 2, 1),
    stage('4', ['3'], 1, 3, 1, { demand: { mean: 0, sd: 1 }, maxOutboundServiceTime: 1 }),
  ];

  it('reproduces Example 6.5', () => {
    const solution = placeSafetyStock(example65);
    expect(solution.cost).toBeCloseTo(2 * Math.SQRT2 + Math.sqrt(6) + 3, 12);
    expect(outboundOf(solution)).toEqual({ '1': 0, '2': 0, '3': 0, '4': 1 });
    // stockpyl's TestNetDemand: stages 1 and 3 serve both demand stages, σ = √2.
    expect(solution.stages.map((p) => p.demandSd)).toEqual([Math.SQRT2, 1, Math.SQRT2, 1]);
  });

  // Problem 6.9: two products (1, 2) from a common stage 3, itself assembled from 4 and 5 (5 fed by 6);
  // holding cost is the part's value × 20 % a year ÷ 365. stockpyl test_gsm_tree.py test_problem_6_9*.
  const problem69 = [
    stage('1', ['3'], 7, (220 * 0.2) / 365, 4, { demand: { mean: 22, sd: 4.1 }, maxOutboundServiceTime: 3 }),
    stage('2', ['3'], 7, (140 * 0.2) / 365, 4, { demand: { mean: 15.3, sd: 6.2 }, maxOutboundServiceTime: 3 }),
    stage('3', ['4', '5'], 21, (90 * 0.2) / 365, 4),
    stage('4', [], 3, (5 * 0.2) / 365, 4),
    stage('5', ['6'], 8, (20 * 0.2) / 365, 4),
    stage('6', [], 2, (7.5 * 0.2) / 365, 4),
  ];

  it('reproduces Problem 6.9 and its variants with other customer promises', () => {
    const solution = placeSafetyStock(problem69);
    expect(solution.cost).toBeCloseTo(15.649530249501, 7);
    expect(outboundOf(solution)).toEqual({ '1': 3, '2': 3, '3': 0, '4': 0, '5': 0, '6': 2 });
    // TestNetDemand: everything upstream of the products serves both, √(4.1² + 6.2²).
    expect(solution.stages[2]!.demandSd).toBeCloseTo(Math.sqrt(4.1 ** 2 + 6.2 ** 2), 12);
    expect(solution.stages[2]!.demandMean).toBeCloseTo(37.3, 12);

    const promptFirst = placeSafetyStock(withPromise(problem69, { '1': 0, '2': 7 }));
    expect(promptFirst.cost).toBeCloseTo(13.121240238718, 7);
    expect(outboundOf(promptFirst)).toEqual({ '1': 0, '2': 7, '3': 0, '4': 0, '5': 0, '6': 2 });

    const patientFirst = placeSafetyStock(withPromise(problem69, { '1': 21, '2': 5 }));
    expect(patientFirst.cost).toBeCloseTo(10.5811190103555, 7);
    expect(outboundOf(patientFirst)).toEqual({ '1': 7, '2': 5, '3': 0, '4': 0, '5': 0, '6': 2 });
  });

  // Figure 6.14: the digital-camera supply chain of Graves & Willems (2000), z = Φ⁻¹(0.95) everywhere as
  // stockpyl's instance `figure_6_14` stores it. stockpyl test_gsm_tree.py test_figure_6_14*.
  const z95 = 1.6448536269514722;
  const figure614 = [
    stage('Raw_Material', [], 2, 0.01, z95),
    stage('Process_Wafers', ['Raw_Material'], 3, 0.03, z95),
    stage('Package_Test_Wafers', ['Process_Wafers'], 2, 0.04, z95),
    stage('Imager_Base', [], 4, 0.06, z95),
    stage('Imager_Assembly', ['Package_Test_Wafers', 'Imager_Base'], 2, 0.12, z95),
    stage('Ship_to_Final_Assembly', ['Imager_Assembly'], 3, 0.13, z95),
    stage('Camera', [], 6, 0.2, z95),
    stage('Circuit_Board', [], 4, 0.08, z95),
    stage('Other_Parts', [], 3, 0.04, z95),
    stage('Build_Test_Pack', ['Camera', 'Ship_to_Final_Assembly', 'Circuit_Board', 'Other_Parts'], 2, 0.5, z95, {
      demand: { mean: 0, sd: 10 },
      maxOutboundServiceTime: 2,
    }),
  ];
  // stockpyl numbers the stages 1 … 10 in the order above.
  const figure614Outbound = (...quotes: number[]) => Object.fromEntries(figure614.map((s, i) => [s.id, quotes[i]]));

  it.each([
    { promise: 2, cost: 18.8240044725922, outbound: figure614Outbound(0, 3, 5, 4, 7, 0, 0, 0, 0, 2) },
    { promise: 5, cost: 12.4686888061037, outbound: figure614Outbound(0, 3, 5, 4, 0, 3, 3, 3, 3, 5) },
    { promise: 8, cost: 3.25788236403285, outbound: figure614Outbound(0, 3, 1, 1, 3, 6, 6, 4, 3, 8) },
    { promise: 12, cost: 0.232617430735335, outbound: figure614Outbound(0, 3, 5, 4, 7, 10, 6, 4, 3, 12) },
  ])('reproduces Figure 6.14 with $promise periods promised to customers', ({ promise, cost, outbound }) => {
    const solution = placeSafetyStock(withPromise(figure614, { Build_Test_Pack: promise }));
    expect(solution.cost).toBeCloseTo(cost, 7);
    expect(outboundOf(solution)).toEqual(outbound);
  });

  it('reproduces the serial Example 6.3 and Problems 6.7 and 6.8 (serial lines are trees)', () => {
    // Example 6.3; stockpyl tests/test_gsm_serial.py test_example_6_3 (instance `example_6_3`).
    const example63 = [
      stage('3', [], 1, 2, 1, { externalInboundServiceTime: 1 }),
      stage('2', ['3'], 0, 4, 1),
      stage('1', ['2'], 1, 7, 1, { demand: { mean: 0, sd: 1 }, maxOutboundServiceTime: 1 }),
    ];
    const solution63 = placeSafetyStock(example63);
    expect(solution63.cost).toBeCloseTo(2 * Math.SQRT2, 12);
    expect(outboundOf(solution63)).toEqual({ '1': 1, '2': 0, '3': 0 });

    // Problem 6.7, forming → firing → glazing; test_gsm_tree.py and test_gsm_serial.py test_problem_6_7.
    const problem67 = [
      stage('3', [], 1, 2, 4, { externalInboundServiceTime: 1 }),
      stage('2', ['3'], 1, 3, 4),
      stage('1', ['2'], 2, 4, 4, { demand: { mean: 45, sd: 10 }, maxOutboundServiceTime: 0 }),
    ];
    const solution67 = placeSafetyStock(problem67);
    expect(solution67.cost).toBeCloseTo(160 * Math.sqrt(5), 7);
    expect(outboundOf(solution67)).toEqual({ '1': 0, '2': 3, '3': 2 });

    // Problem 6.8, ten stages 10 → 9 → … → 1, z = Φ⁻¹(0.98); test_gsm_serial.py test_problem_6_8 (to 1 place).
    const z98 = 2.0537489106318225;
    const times = [5, 10, 2, 15, 8, 5, 9, 5, 1, 5];
    const costs = [5.73, 4.56, 3.04, 2.93, 2.47, 2.37, 1.15, 1.1, 0.98, 0.87];
    const problem68 = times.map((t, i) =>
      stage(String(i + 1), i === 9 ? [] : [String(i + 2)], t, costs[i]!, z98, {
        ...(i === 0 ? { demand: { mean: 0, sd: 15.8 }, maxOutboundServiceTime: 3 } : {}),
        ...(i === 9 ? { externalInboundServiceTime: 7 } : {}),
      }),
    );
    const solution68 = placeSafetyStock(problem68);
    expect(solution68.cost).toBeCloseTo(1378.31, 1);
    const published = [3, 10, 0, 28, 13, 5, 0, 18, 13, 12];
    expect(outboundOf(solution68)).toEqual(Object.fromEntries(published.map((s, i) => [String(i + 1), s])));
  });

  it('reproduces the single-stage instance', () => {
    // stockpyl test_gsm_tree.py test_single_stage_instance.
    const single = [stage('1', [], 1, 1, 2, { demand: { mean: 0, sd: 1 }, maxOutboundServiceTime: 0 })];
    const solution = placeSafetyStock(single);
    expect(solution.cost).toBeCloseTo(2, 12);
    expect(outboundOf(solution)).toEqual({ '1': 0 });
  });

  it('costs less than both textbook extremes on the camera chain', () => {
    const optimum = placeSafetyStock(figure614).cost;
    const { eachStageOnItsOwn, allAtDemandStages } = extremePlacements(figure614);
    expect(optimum).toBeLessThan(eachStageOnItsOwn.cost);
    expect(optimum).toBeLessThan(allAtDemandStages.cost);
    // All at the demand stage: the final assembly waits for the longest chain, 2+3+2+2+3 = 12, less the 2 promised.
    expect(allAtDemandStages.stages.at(-1)).toMatchObject({ inboundServiceTime: 12, netLeadTime: 12 });
    expect(allAtDemandStages.stages.slice(0, -1).every((p) => p.safetyStock === 0)).toBe(true);
  });
});

describe('guaranteed-service safety stock: small networks', () => {
  it('agrees with every service time a three-stage line could quote', () => {
    const line = [
      stage('supplier', [], 2, 1, 1.645, { externalInboundServiceTime: 1 }),
      stage('plant', ['supplier'], 3, 2, 1.645),
      stage('shop', ['plant'], 1, 4, 1.645, { demand: { mean: 20, sd: 5 }, maxOutboundServiceTime: 1 }),
    ];
    const solution = placeSafetyStock(line);
    const oracle = bruteForce(line);
    expect(solution.cost).toBeCloseTo(oracle.cost, 10);
    expect(outboundOf(solution)).toEqual(oracle.outbound);
  });

  it('puts stock at the distribution centre where pooling four stores makes it cheaper', () => {
    const stores = ['north', 'south', 'east', 'west'];
    const network = [
      stage('dc', [], 5, 1, 1.645),
      ...stores.map((id) => stage(id, ['dc'], 1, 1, 1.645, { demand: { mean: 30, sd: 10 } })),
    ];
    const solution = placeSafetyStock(network);
    const dc = solution.stages[0]!;
    // σ of the DC is √(4·10²) = 20, not 40: holding for 5 days there costs 20·√5 ≈ 44.7 against the
    // 40·(√6 − 1) ≈ 58 the stores would add by covering those days themselves.
    expect(dc).toMatchObject({ outboundServiceTime: 0, netLeadTime: 5, demandSd: 20, demandMean: 120 });
    expect(dc.safetyStock).toBeCloseTo(1.645 * 20 * Math.sqrt(5), 10);
    expect(solution.stages.slice(1).every((p) => p.netLeadTime === 1)).toBe(true);
    expect(solution.cost).toBeLessThan(extremePlacements(network).allAtDemandStages.cost);
    expect(solution.cost).toBeCloseTo(bruteForce(network).cost, 10);
  });

  it('evaluates service times chosen by hand, and refuses impossible ones', () => {
    const network = [
      stage('dc', [], 5, 1, 1.645),
      stage('store', ['dc'], 1, 1, 1.645, { demand: { mean: 30, sd: 10 } }),
    ];
    const quoting = (quotes: Record<string, number>) => evaluateServiceTimes(network, new Map(Object.entries(quotes)));
    const passOn = quoting({ dc: 5, store: 0 });
    expect(passOn.stages.map((p) => p.netLeadTime)).toEqual([0, 6]);
    expect(passOn.cost).toBeCloseTo(1.645 * 10 * Math.sqrt(6), 10);
    expect(() => quoting({ dc: 6, store: 0 })).toThrow(/quotes 6 periods, more than inbound 0 plus processing 5/);
    expect(() => quoting({ dc: 0, store: 1 })).toThrow(/at most 0/);
    expect(() => quoting({ dc: 0, store: 0.5 })).toThrow(/whole number of periods/);
    expect(() => quoting({ dc: 0 })).toThrow(/"store" has no outbound/);
    expect(() => quoting({ dc: 0, store: 0, depot: 0 })).toThrow(/"depot", which is not a stage/);
  });

  it('refuses fractional or negative times and networks that are not trees', () => {
    const dc = stage('dc', [], 5, 1, 1.645);
    const store = stage('store', ['dc'], 1, 1, 1.645, { demand: { mean: 30, sd: 10 } });
    expect(() => placeSafetyStock([{ ...dc, processingTime: 2.5 }, store])).toThrow(/whole number of periods/);
    expect(() => placeSafetyStock([{ ...dc, processingTime: -1 }, store])).toThrow(RangeError);
    expect(() => placeSafetyStock([{ ...dc, externalInboundServiceTime: 0.5 }, store])).toThrow(/external inbound/);
    expect(() => placeSafetyStock([dc, { ...store, maxOutboundServiceTime: -2 }])).toThrow(/maximum outbound/);
    expect(() => placeSafetyStock([dc, { ...store, holdingCost: Number.NaN }])).toThrow(/holding cost/);
    expect(() => placeSafetyStock([dc, { ...store, predecessors: ['plant'] }])).toThrow(/"plant"/);
    expect(() => placeSafetyStock([dc, store, { ...store }])).toThrow(/given twice/);
    // A store supplied by the DC directly and through a cross-dock: two ways, so a cycle.
    const crossDock = stage('cross-dock', ['dc'], 1, 1, 1.645);
    expect(() => placeSafetyStock([dc, crossDock, { ...store, predecessors: ['dc', 'cross-dock'] }])).toThrow(
      /closes a cycle/,
    );
  });

  it('places nothing for no stages', () => {
    expect(placeSafetyStock([])).toEqual({ stages: [], cost: 0 });
  });
});

/** A random tree: stage i links to an earlier one, as its supplier or as its customer. */
const trees = (size: number, longestTime: number): fc.Arbitrary<GsmStage[]> =>
  fc
    .integer({ min: 1, max: size })
    .chain((n) =>
      fc.tuple(
        fc.array(fc.record({ other: fc.nat(), supplied: fc.boolean() }), { minLength: n - 1, maxLength: n - 1 }),
        fc.array(
          fc.record({
            processingTime: fc.nat(longestTime),
            holdingCost: fc.double({ min: 0, max: 5, noNaN: true }),
            safetyFactor: fc.double({ min: 0, max: 3, noNaN: true }),
            demand: fc.option(
              fc.record({
                mean: fc.double({ min: 0, max: 50, noNaN: true }),
                sd: fc.double({ min: 0, max: 10, noNaN: true }),
              }),
            ),
            externalInboundServiceTime: fc.option(fc.nat(2)),
            maxOutboundServiceTime: fc.option(fc.nat(3)),
          }),
          { minLength: n, maxLength: n },
        ),
      ),
    )
    .map(([links, data]) => {
      const predecessors = data.map(() => [] as string[]);
      links.forEach(({ other, supplied }, i) => {
        const [from, to] = supplied ? [other % (i + 1), i + 1] : [i + 1, other % (i + 1)];
        predecessors[to]!.push(`s${from}`);
      });
      return data.map(({ demand, externalInboundServiceTime, maxOutboundServiceTime, ...rest }, i) => ({
        id: `s${i}`,
        predecessors: predecessors[i]!,
        ...rest,
        ...(demand === null ? {} : { demand }),
        ...(externalInboundServiceTime === null ? {} : { externalInboundServiceTime }),
        ...(maxOutboundServiceTime === null ? {} : { maxOutboundServiceTime }),
      }));
    });

describe('guaranteed-service safety stock: properties', () => {
  it('finds the least cost over every choice of service times', () => {
    fc.assert(
      fc.property(trees(5, 2), (stages) => {
        const cost = placeSafetyStock(stages).cost;
        expect(cost).toBeCloseTo(bruteForce(stages).cost, 9);
      }),
      runs,
    );
  });

  it('never costs more than either textbook extreme, and its placement is feasible', () => {
    fc.assert(
      fc.property(trees(10, 4), (stages) => {
        const optimum = placeSafetyStock(stages);
        const { eachStageOnItsOwn, allAtDemandStages } = extremePlacements(stages);
        const slack = 1e-9 * (1 + optimum.cost);
        expect(optimum.cost).toBeLessThanOrEqual(eachStageOnItsOwn.cost + slack);
        expect(optimum.cost).toBeLessThanOrEqual(allAtDemandStages.cost + slack);
        // Its service times, evaluated as given, cost what it says.
        const again = evaluateServiceTimes(stages, new Map(optimum.stages.map((p) => [p.id, p.outboundServiceTime])));
        expect(again.cost).toBeCloseTo(optimum.cost, 9);
        expect(optimum.stages.every((p) => p.netLeadTime >= 0)).toBe(true);
      }),
      runs,
    );
  });

  it('does not depend on the order the stages are listed in', () => {
    fc.assert(
      fc.property(
        trees(8, 3).chain((stages) =>
          fc.tuple(fc.constant(stages), fc.shuffledSubarray(stages, { minLength: stages.length })),
        ),
        ([stages, shuffled]) => {
          expect(placeSafetyStock(shuffled).cost).toBeCloseTo(placeSafetyStock(stages).cost, 9);
        },
      ),
      runs,
    );
  });
});
