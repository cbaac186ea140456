import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { validationFailed } from '../errors/index.js';
import { SourcingCosts } from '../orders/index.js';

/** The file `omnistock` reads from the working directory when no other is named. */
export const DEFAULT_CONFIG_FILE = 'omnistock.json';

const Mapping = z.record(z.string(), z.string().min(1));

/**
 * The optional config file: the same settings as the environment variables (which win over it),
 * plus column mappings for CSV imports, per dataset.
 */
export const ConfigFile = z.strictObject({
  databaseUrl: z.string().min(1).optional(),
  dataDir: z.string().min(1).optional(),
  port: z.number().int().min(0).max(65_535).optional(),
  host: z.string().min(1).optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  demo: z.enum(['default', 'small', 'off']).optional(),
  corsOrigins: z.array(z.string().min(1)).optional(),
  adminToken: z.string().min(16).optional(),
  databaseConnectTimeoutMs: z.number().int().min(1).max(3_600_000).optional(),
  databaseStatementTimeoutMs: z.number().int().min(0).max(3_600_000).optional(),
  databaseLockTimeoutMs: z.number().int().min(1).max(3_600_000).optional(),
  import: z.strictObject({ mappings: z.record(z.string(), Mapping).default({}) }).optional(),
  /** The network's sourcing costs for orders (per parcel, per kg·km, per extra parcel, parcels, store protection). */
  sourcing: SourcingCosts.optional(),
});
export type ConfigFile = z.output<typeof ConfigFile>;

/** Which environment variable each setting of the file stands for. */
const VARIABLES: Record<Exclude<keyof ConfigFile, 'import' | 'sourcing'>, string> = {
  databaseUrl: 'DATABASE_URL',
  dataDir: 'OMNISTOCK_DATA_DIR',
  port: 'PORT',
  host: 'HOST',
  logLevel: 'LOG_LEVEL',
  demo: 'OMNISTOCK_DEMO',
  corsOrigins: 'OMNISTOCK_CORS_ORIGINS',
  adminToken: 'OMNISTOCK_ADMIN_TOKEN',
  databaseConnectTimeoutMs: 'OMNISTOCK_DB_CONNECT_TIMEOUT_MS',
  databaseStatementTimeoutMs: 'OMNISTOCK_DB_STATEMENT_TIMEOUT_MS',
  databaseLockTimeoutMs: 'OMNISTOCK_DB_LOCK_TIMEOUT_MS',
};

/**
 * Reads the config file at `path` (required to exist), or `omnistock.json` in the working directory
 * if there is one, and returns it; `{}` when there is none. A file that is not valid says where.
 */
export function readConfigFile(path?: string, cwd = process.cwd()): ConfigFile {
  const file = resolve(cwd, path ?? DEFAULT_CONFIG_FILE);
  if (!existsSync(file)) {
    if (path) throw new Error(`config file ${file} does not exist`);
    return {};
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`config file ${file} is not JSON: ${(error as Error).message}`);
  }
  const parsed = ConfigFile.safeParse(json);
  if (!parsed.success) {
    const failure = validationFailed(
      parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    );
    throw new Error(`config file ${file}: ${failure.message}`);
  }
  return parsed.data;
}

/**
 * The environment with the file's settings filled in where a variable is not set: variables win,
 * so a deployment can override one setting without editing the file.
 */
export function withConfigFile(config: ConfigFile, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const merged = { ...env };
  for (const [key, variable] of Object.entries(VARIABLES) as [keyof typeof VARIABLES, string][]) {
    const value = config[key];
    if (value === undefined || merged[variable] !== undefined) continue;
    merged[variable] = Array.isArray(value) ? value.join(',') : String(value);
  }
  return merged;
}
