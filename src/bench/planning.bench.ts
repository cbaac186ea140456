import { performance } from 'node:perf_hooks';
import { BENCH_SIMULATION, compareOnDemo } from '../demo/index.js';
import type { SimulatedDemoSize } from '../demo/index.js';
import { DEFAULT_PLAN_SETTINGS, planNetwork } from '../planning/index.js';
import type { NetworkInput } from '../planning/index.js';
import { normalQuantile } from '../probability/index.js';
import { createRandom } from '../probability/index.js';
import type { Progress } from '../progress/index.js';
import type { Comparison } from '../simulation/index.js';

export interface PlanningBenchOptions {
  /** SKU × location pairs to plan at least (default 100,000). */
  pairs?: number;
  /** Days of forecast each pair is planned over (default 28: four weekly policy rows). */
  horizon?: number;
  /** The simulated network; the benchmark's default when absent. */
  simulation?: SimulatedDemoSize;
  /** Skip the simulated year (for a quick look at planning speed alone). */
  skipSimulation?: boolean;
  progress: Progress;
}

export interface PlanningFigures {
  pairs: number;
  horizon: number;
  planSeconds: number;
  /** The bare loop: a normal quantile and a reorder point per pair and period, the least a plan must do. */
  baselineSeconds: number;
  /** planSeconds ÷ baselineSeconds. */
  ratio: number;
  rssBeforeMb: number;
  peakRssMb: number;
  heapUsedMb: number;
  simulation: (Comparison & { size: SimulatedDemoSize; seconds: number }) | null;
}

const STORES_PER_DC = 10;
const DCS = 3;

/**
 * A synthetic network of `pairs` SKU × location pairs or a few more: 3 DCs, 10 stores each, every store
 * selling every SKU (a long tail: most under one a day), suppliers with the demo's spread of lead times.
 */
function syntheticNetwork(pairs: number, horizon: number): NetworkInput {
  const random = createRandom(2026);
  const stores = DCS * STORES_PER_DC;
  const skus = Math.ceil(pairs / (stores + DCS));
  const locations: NetworkInput['locations'][number][] = [];
  for (let d = 0; d < DCS; d++)
    locations.push({ id: `dc-${d}`, kind: 'distribution_centre', parentId: null, status: 'active' });
  for (let s = 0; s < stores; s++)
    locations.push({ id: `store-${s}`, kind: 'store', parentId: `dc-${s % DCS}`, status: 'active' });
  const products: NetworkInput['products'][number][] = [];
  const offers: NetworkInput['offers'][number][] = [];
  const demand: NetworkInput['demand'][number][] = [];
  for (let k = 0; k < skus; k++) {
    const sku = `SKU-${k}`;
    const unitCost = 1 + random.float() * 30;
    products.push({ sku, unitCost, price: unitCost * (1.5 + random.float()) });
    const lead = 5 + random.int(0, 3) * 2.5;
    offers.push({
      sku,
      supplierId: `supplier-${k % 4}`,
      unitCost,
      stated: { mean: lead, sd: lead / 3 },
      observed: null,
      packSize: 6,
      minOrderQuantity: 12,
      fillRate: null,
    });
    const rate = Math.exp(random.normal() * 1.1 - 1.5);
    for (let s = 0; s < stores; s++) {
      const mean = Array.from({ length: horizon + 21 }, (_, day) => rate * (1 + 0.3 * Math.sin(day / 9 + s)));
      demand.push({
        sku,
        locationId: `store-${s}`,
        mean,
        spread: { sigmas: mean.map((m) => Math.sqrt(m + (0.2 * m) ** 2)), errorCorrelation: 0.1 },
      });
    }
  }
  return { locations, products, demand, stock: [], offers, lanes: [], defaultTransfer: { mean: 1, sd: 0.3 } };
}

/**
 * Planning's benchmark: (a) planning 100,000 SKU × location pairs with `planNetwork` (multi-echelon,
 * cost-optimal service) against a bare loop over the same pairs and periods, with the memory it took;
 * (b) a simulated year of the demo-shaped network under every policy of `comparePolicies`.
 */
export async function benchPlanning(options: PlanningBenchOptions): Promise<PlanningFigures> {
  const horizon = options.horizon ?? 28;
  const input = syntheticNetwork(options.pairs ?? 100_000, horizon);
  const rssBefore = process.memoryUsage().rss;
  const periods = Math.max(1, Math.floor(horizon / DEFAULT_PLAN_SETTINGS.periodDays));

  options.progress.start('Planning pairs', input.products.length);
  let started = performance.now();
  const plan = planNetwork(input, DEFAULT_PLAN_SETTINGS, horizon, () => options.progress.tick());
  const planSeconds = (performance.now() - started) / 1000;
  options.progress.stop();
  const heapUsed = process.memoryUsage().heapUsed;
  const peakRss = process.resourceUsage().maxRSS * 1024;

  // The baseline reads each pair's forecast and sets a reorder point from a normal quantile, per period.
  started = performance.now();
  let sink = 0;
  for (let period = 0; period < periods; period++)
    for (const d of input.demand) {
      const from = period * DEFAULT_PLAN_SETTINGS.periodDays;
      let mean = 0;
      let variance = 0;
      for (let day = from; day < from + 14; day++) {
        mean += d.mean[day] ?? 0;
        variance += (d.spread.sigmas[day] ?? 0) ** 2;
      }
      sink += mean + normalQuantile(0.95) * Math.sqrt(variance);
    }
  const baselineSeconds = Math.max(1e-9, (performance.now() - started) / 1000);
  if (!Number.isFinite(sink)) throw new Error('the baseline computed nothing');

  let simulation: PlanningFigures['simulation'] = null;
  if (!options.skipSimulation) {
    const size = options.simulation ?? BENCH_SIMULATION;
    started = performance.now();
    const comparison = await compareOnDemo(size, { progress: options.progress });
    simulation = { ...comparison, size, seconds: (performance.now() - started) / 1000 };
  }

  return {
    pairs: plan.pairs,
    horizon,
    planSeconds,
    baselineSeconds,
    ratio: planSeconds / baselineSeconds,
    rssBeforeMb: Math.round(rssBefore / 2 ** 20),
    peakRssMb: Math.round(peakRss / 2 ** 20),
    heapUsedMb: Math.round(heapUsed / 2 ** 20),
    simulation,
  };
}
