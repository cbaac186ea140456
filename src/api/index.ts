export { API_PREFIX, buildApp } from './app.js';
export type { AppOptions } from './app.js';
export { STATUS_OF } from './problem.js';
export { createServices } from './services.js';
export type { Services } from './services.js';
export { configFromEnvironment, startServer } from './server.js';
export type { RunningServer, ServerConfig } from './server.js';
