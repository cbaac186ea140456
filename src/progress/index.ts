export { terminalProgress } from './progress.js';
export type { Progress } from './progress.js';
