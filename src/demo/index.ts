export { clearNetwork, DEFAULT_DEMO, isEmptyNetwork, loadDemo, SMALL_DEMO } from './demo.service.js';
export type { DemoOptions, DemoSummary } from './demo.service.js';
export { demoNetwork, DEMO_SUPPLIERS, supplierOf } from './network.js';
export type { DemandProfile, DemoNetwork, DemoSize, DemoStore } from './network.js';
export { expectedSales } from './history.js';
export { BENCH_SIMULATION, compareOnDemo, simulatedDemo, SMALL_SIMULATION } from './simulated-network.js';
export type { SimulatedDemo, SimulatedDemoSize } from './simulated-network.js';
