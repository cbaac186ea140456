export { normalCdf, normalLoss, normalPdf, normalQuantile } from './normal.js';
export { countCdf, countLoss, countQuantile, countQuantiles, countShape } from './counts.js';
export { createRandom } from './random.js';
export type { Random } from './random.js';
export { correlatedSum } from './sums.js';
