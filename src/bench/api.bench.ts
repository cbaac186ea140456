import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { buildApp, createServices } from '../api/index.js';
import type { Progress } from '../progress/index.js';
import { dropSchema, openStore } from '../store/index.js';

export interface ApiBenchOptions {
  postgresUrl?: string | undefined;
  /** Seconds each measurement runs (default 5). */
  seconds?: number;
  connections?: number;
  progress: Progress;
}

export interface ApiFigure {
  database: 'sqlite' | 'postgres';
  measure: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Requests per second relative to the bare route measured in the same run. */
  ratio: number;
}

const SKUS = 200;

/**
 * Loads the API with autocannon, in this process, against a bare Fastify route that answers a
 * constant (the ceiling for this machine, this load generator and this HTTP stack): reading one
 * stock row, and posting one receipt.
 */
export async function benchApi(options: ApiBenchOptions): Promise<ApiFigure[]> {
  const seconds = options.seconds ?? 5;
  const connections = options.connections ?? 10;
  const figures: ApiFigure[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'omnistock-bench-api-'));
  const bare = Fastify();
  bare.get('/constant', async () => ({
    sku: 'P0001',
    locationId: 'dc-1',
    onHand: 5,
    reserved: 0,
    available: 5,
    inbound: 0,
    outbound: 0,
  }));
  const ceilingUrl = await listen(bare);
  try {
    const targets: { url: string; schema?: string }[] = [{ url: `sqlite:${join(dir, 'bench.db')}` }];
    if (options.postgresUrl) targets.push({ url: options.postgresUrl, schema: `bench_api_${Date.now().toString(36)}` });
    for (const target of targets) {
      const store = await openStore(target.url, target.schema ? { schema: target.schema } : {});
      const services = createServices(store);
      const app = await buildApp({ services });
      try {
        const token = (await services.tokens.ensureAdmin())!;
        await services.catalog.createLocation({ id: 'dc-1', name: 'Bench DC', kind: 'distribution_centre' });
        for (let i = 0; i < SKUS; i++)
          await services.catalog.createProduct({ sku: `P${String(i).padStart(4, '0')}`, name: 'Bench' });
        await services.ledger.receive({ location: 'dc-1', lines: [{ sku: 'P0001', quantity: 5 }], actor: 'bench' });
        const base = await listen(app);
        const database = store.capabilities.name;
        const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

        const measure = async (name: string, request: Omit<Load, 'connections' | 'seconds' | 'progress'>) => {
          options.progress.start(`${database}: ${name}`, seconds);
          const figure = await load({ ...request, connections, seconds, progress: options.progress });
          return { database, measure: name, ...figure };
        };
        const ceiling = await measure('bare Fastify route (ceiling)', { url: `${ceilingUrl}/constant` });
        figures.push({ ...ceiling, ratio: 1 });
        const measured = [
          await measure('GET one stock row', { url: `${base}/api/v1/stock?sku=P0001&location=dc-1`, headers }),
          await measure('POST one movement (receive)', {
            url: `${base}/api/v1/movements/receive`,
            method: 'POST',
            body: JSON.stringify({ location: 'dc-1', lines: [{ sku: 'P0002', quantity: 1 }] }),
            headers,
          }),
        ];
        for (const figure of measured)
          figures.push({ ...figure, ratio: figure.requestsPerSecond / ceiling.requestsPerSecond });
      } finally {
        await app.close();
        await store.close();
        if (target.schema) await dropSchema(target.url, target.schema);
      }
    }
  } finally {
    options.progress.stop();
    await bare.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

interface Load {
  url: string;
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  connections: number;
  seconds: number;
  progress: Progress;
}

async function load(request: Load): Promise<{ requestsPerSecond: number; p50Ms: number; p99Ms: number }> {
  const ticker = setInterval(() => request.progress.tick(), 1000);
  try {
    const result = await autocannon({
      url: request.url,
      method: request.method ?? 'GET',
      connections: request.connections,
      duration: request.seconds,
      ...(request.headers ? { headers: request.headers } : {}),
      ...(request.body ? { body: request.body } : {}),
    });
    const failed = result.non2xx + result.errors + result.timeouts;
    if (failed > 0) throw new Error(`${request.url}: ${failed} of ${result.requests.total} requests failed`);
    return { requestsPerSecond: result.requests.average, p50Ms: result.latency.p50, p99Ms: result.latency.p99 };
  } finally {
    clearInterval(ticker);
  }
}
