export { clearNetwork, DEFAULT_DEMO, isEmptyNetwork, loadDemo, SMALL_DEMO } from './demo.service.js';
export type { DemoOptions, DemoSummary } from './demo.service.js';
export { createRandom } from './random.js';
export type { Random } from './random.js';
