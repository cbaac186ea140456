import type { FastifyInstance } from 'fastify';
import { isDomainError } from '../errors/index.js';
import { defaultDatabaseUrl, isPostgresUrl, openStore, SERVER_LIMITS } from '../store/index.js';
import type { DatabaseLimits, Store } from '../store/index.js';
import { terminalProgress } from '../progress/index.js';
import { DEFAULT_DEMO, isEmptyNetwork, loadDemo, SMALL_DEMO } from '../demo/index.js';
import type { DemoSummary } from '../demo/index.js';
import { buildApp } from './app.js';
import { createServices } from './services.js';
import type { SourcingCosts } from '../orders/index.js';

/** How the server is configured: from the environment, documented in the README. */
export interface ServerConfig {
  port: number;
  host: string;
  databaseUrl: string;
  adminToken: string | undefined;
  logLevel: string;
  corsOrigins: string[];
  /** Load the demo network into an empty database on start: the default one, a small one, or none. */
  demo: 'default' | 'small' | 'off';
  /** The network's sourcing costs (the config file's `sourcing`), under what a request gives. */
  sourcing?: SourcingCosts;
  /** How long a request may wait on the database before it answers 503 (or 409 for a lock). */
  limits: DatabaseLimits;
}

/** The variables that set the database limits, in milliseconds. */
const LIMIT_VARIABLES: Record<keyof DatabaseLimits, string> = {
  connectTimeoutMs: 'OMNISTOCK_DB_CONNECT_TIMEOUT_MS',
  statementTimeoutMs: 'OMNISTOCK_DB_STATEMENT_TIMEOUT_MS',
  lockTimeoutMs: 'OMNISTOCK_DB_LOCK_TIMEOUT_MS',
};

function limitsFromEnvironment(env: NodeJS.ProcessEnv): DatabaseLimits {
  const limits = { ...SERVER_LIMITS };
  for (const [key, variable] of Object.entries(LIMIT_VARIABLES) as [keyof DatabaseLimits, string][]) {
    const value = env[variable];
    if (value === undefined || value === '') continue;
    const ms = Number(value);
    const least = key === 'statementTimeoutMs' ? 0 : 1;
    if (!Number.isInteger(ms) || ms < least || ms > 3_600_000)
      throw new Error(`${variable} must be a whole number of milliseconds from ${least} to 3600000, not '${value}'`);
    limits[key] = ms;
  }
  if (limits.statementTimeoutMs > 0 && limits.lockTimeoutMs >= limits.statementTimeoutMs)
    throw new Error(
      `${LIMIT_VARIABLES.lockTimeoutMs} (${limits.lockTimeoutMs}) must be below ${LIMIT_VARIABLES.statementTimeoutMs} (${limits.statementTimeoutMs}): a lock wait is part of its statement`,
    );
  return limits;
}

export function configFromEnvironment(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`PORT must be a port number, not '${env.PORT}'`);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: defaultDatabaseUrl(env),
    adminToken: env.OMNISTOCK_ADMIN_TOKEN || undefined,
    logLevel: env.LOG_LEVEL ?? 'info',
    demo: env.OMNISTOCK_DEMO === 'off' || env.OMNISTOCK_DEMO === 'small' ? env.OMNISTOCK_DEMO : 'default',
    corsOrigins: (env.OMNISTOCK_CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    limits: limitsFromEnvironment(env),
  };
}

export interface RunningServer {
  app: FastifyInstance;
  store: Store;
  url: string;
  /** The admin token made on this start, when there was none: shown once, then only its hash is kept. */
  generatedAdminToken: string | null;
  /** What was loaded when this start found an empty database. */
  demo: DemoSummary | null;
  close(): Promise<void>;
}

/** Opens the store, makes sure an admin can get in, and serves the API until `close`. */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const store = await openStore(config.databaseUrl, { limits: config.limits }).catch((error: unknown) => {
    // The database's own words (connection refused, no answer), not the advice given to API clients.
    const reason = isDomainError(error, 'database_unavailable') ? error.cause : error;
    throw new Error(
      `cannot open the database ${withoutCredentials(config.databaseUrl)}: ${(reason as Error).message} ` +
        '(is it running, and does DATABASE_URL name it?)',
    );
  });
  try {
    let demo: DemoSummary | null = null;
    if (config.demo !== 'off' && (await isEmptyNetwork(store))) {
      demo = await loadDemo(store, config.demo === 'small' ? SMALL_DEMO : DEFAULT_DEMO, terminalProgress());
    }
    const services = createServices(store, config.sourcing ? { sourcing: config.sourcing } : {});
    const generatedAdminToken = await services.tokens.ensureAdmin(config.adminToken);
    const app = await buildApp({ services, logger: { level: config.logLevel }, corsOrigins: config.corsOrigins });
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    return {
      app,
      store,
      url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
      generatedAdminToken,
      demo,
      async close() {
        await app.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** A database URL fit to print: no user name or password. */
function withoutCredentials(url: string): string {
  if (!isPostgresUrl(url)) return url;
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.toString();
}
