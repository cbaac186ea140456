import type { FastifyInstance, HTTPMethods } from 'fastify';
import { buildApp, createServices } from '../../src/api/index.js';
import type { Services } from '../../src/api/index.js';
import type { TestDatabase } from './databases.js';
import type { Store } from '../../src/store/index.js';
import { loadDemo, SMALL_DEMO } from '../../src/demo/index.js';

export interface Caller {
  (
    method: HTTPMethods,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{
    status: number;
    body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test answers are read field by field
    headers: Record<string, unknown>;
  }>;
}

export interface TestApi {
  app: FastifyInstance;
  services: Services;
  /** The store under the services, for tests that check the ledger or its rows directly. */
  store: Store;
  /** Calls the API as the holder of `token` (no header when undefined). */
  as(token: string | undefined): Caller;
  tokens: Record<'admin' | 'viewer' | 'planner' | 'operator' | 'clerk', string>;
}

/**
 * The API on a fresh database, with the small network of `smallNetwork` (dc-1, store-1, store-2, wh-neg;
 * TEA, MUG, RICE) and a token per role. `clerk` is an operator scoped to store-1. With `demo`, the small
 * demo network instead (`SMALL_DEMO`: its DCs, stores, products, suppliers and history), the clerk scoped to
 * its first store.
 */
export async function testApi(
  database: TestDatabase,
  options: { background?: boolean; demo?: boolean } = {},
): Promise<TestApi> {
  const store = await database.open();
  if (options.demo) await loadDemo(store, SMALL_DEMO, { start() {}, tick() {}, stop() {} });
  const services = createServices(store);
  // Every problem a route answers must carry a code its OpenAPI document lists: checked on every test.
  const undocumented = new Set<string>();
  // Every field of an answer must be one its response schema carries: a dropped field never reaches a client.
  const unserved = new Set<string>();
  const app = await buildApp({
    services,
    background: options.background ?? false,
    onUndocumentedError: (route, status, code) => undocumented.add(`${route} → ${status} ${code}`),
    onUnservedField: (route, status, field) => unserved.add(`${route} → ${status} ${field}`),
  });
  const { expect, onTestFinished } = await import('vitest');
  onTestFinished(async () => {
    await app.close();
    expect([...undocumented], 'answers the OpenAPI document does not list').toEqual([]);
    expect([...unserved], 'fields the response schema drops').toEqual([]);
  });
  const admin = (await services.tokens.ensureAdmin())!;
  const as =
    (token: string | undefined): Caller =>
    async (method, url, body, headers = {}) => {
      const response = await app.inject({
        method,
        url,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          // A string body is sent as it is, as JSON: the way to send malformed JSON.
          ...(typeof body === 'string' ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        ...(body === undefined ? {} : { payload: body as string | object }),
      });
      const text = response.body;
      return { status: response.statusCode, body: text ? safeJson(text) : undefined, headers: response.headers };
    };
  const adminCall = as(admin);
  const clerkAt = options.demo ? await firstStore(adminCall) : 'store-1';
  for (const location of options.demo
    ? []
    : [
        {
          id: 'dc-1',
          name: 'Central DC',
          kind: 'distribution_centre',
          region: 'north',
          latitude: 52.5,
          longitude: 13.4,
        },
        { id: 'store-1', name: 'High Street', kind: 'store', region: 'north', parentId: 'dc-1' },
        { id: 'store-2', name: 'Market Square', kind: 'store', region: 'south', parentId: 'dc-1' },
        { id: 'wh-neg', name: 'Overflow', kind: 'warehouse', allowNegativeStock: true },
      ]) {
    const created = await adminCall('POST', '/api/v1/locations', location);
    if (created.status !== 201) throw new Error(`setup failed: ${JSON.stringify(created.body)}`);
  }
  for (const product of [
    { sku: 'TEA', name: 'Green tea', category: 'drinks', unitCost: 2.1, price: 4.5, weightKg: 0.25 },
    { sku: 'MUG', name: 'Mug', category: 'kitchen', unitCost: 3, price: 9, weightKg: 0.4 },
    { sku: 'RICE', name: 'Loose rice', category: 'food', unit: 'g' },
  ]) {
    if (!options.demo) await adminCall('POST', '/api/v1/products', product);
  }
  // After the locations: a token may be limited only to locations that exist.
  const make = async (name: string, role: 'viewer' | 'planner' | 'operator', locations?: string[]) =>
    (await services.tokens.create({ name, role, ...(locations ? { locations } : {}) }, 'test')).token;
  const tokens = {
    admin,
    viewer: await make('viewer', 'viewer'),
    planner: await make('planner', 'planner'),
    operator: await make('operator', 'operator'),
    clerk: await make('clerk', 'operator', [clerkAt]),
  };
  return { app, services, store, as, tokens };
}

async function firstStore(call: Caller): Promise<string> {
  const stores = await call('GET', '/api/v1/locations?kind=store&limit=1');
  return stores.body.items[0].id as string;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
