import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, onTestFinished } from 'vitest';
import { dropSchema, openStore } from '../../src/store/index.js';
import type { DatabaseLimits, Store } from '../../src/store/index.js';

export interface OpenOptions {
  poolSize?: number;
  /** How long statements may wait (default: the server's limits). */
  limits?: DatabaseLimits;
  /** PostgreSQL only: connect through this port on the same host (a proxy that plays failures). */
  port?: number;
}

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  /**
   * Opens a store on a database of its own, closed and removed when the current test ends, or
   * earlier by `dispose` (a property test opens one per case).
   */
  open(options?: OpenOptions): Promise<TestStore>;
}

export type TestStore = Store & { dispose(): Promise<void> };

/** Runs `cleanup` once, now (through `dispose`) or when the test ends, whichever comes first. */
function disposable(store: Store, cleanup: () => Promise<void>): TestStore {
  let done: Promise<void> | undefined;
  const dispose = () => (done ??= cleanup());
  onTestFinished(dispose);
  return Object.assign(store, { dispose });
}

const postgresUrl =
  process.env.DATABASE_URL && /^postgres(ql)?:/.test(process.env.DATABASE_URL) ? process.env.DATABASE_URL : undefined;

export const sqlite: TestDatabase = {
  name: 'sqlite',
  async open(options = {}) {
    const dir = mkdtempSync(join(tmpdir(), 'omnistock-test-'));
    const store = await openStore(`sqlite:${join(dir, 'omnistock.db')}`, {
      ...(options.limits ? { limits: options.limits } : {}),
    });
    return disposable(store, async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });
  },
};

export const postgres: TestDatabase = {
  name: 'postgres',
  async open(options = {}) {
    if (!postgresUrl) throw new Error('DATABASE_URL is not set');
    const schema = `test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 10)}`;
    const { port, ...rest } = options;
    const url = new URL(postgresUrl);
    if (port) url.port = String(port);
    const store = await openStore(url.toString(), { schema, ...rest });
    return disposable(store, async () => {
      await store.close();
      await dropSchema(postgresUrl, schema);
    });
  },
};

/**
 * Declares the same tests for every database: SQLite always, PostgreSQL when `DATABASE_URL` names
 * one. Without it the PostgreSQL tests are listed as skipped, with the reason in their suite name.
 */
export function forEachDatabase(body: (database: TestDatabase) => void): void {
  describe('sqlite', () => body(sqlite));
  if (postgresUrl) describe('postgres', () => body(postgres));
  else describe.skip('postgres (skipped: set DATABASE_URL=postgres://… to run these)', () => body(postgres));
}
