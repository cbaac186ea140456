import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, createServices } from '../api/index.js';
import { REAL_LOCATION_KINDS } from '../catalog/index.js';
import type { Progress } from '../progress/index.js';
import { DEFAULT_DEMO, loadDemo } from '../demo/index.js';
import type { DemoOptions } from '../demo/index.js';
import { dropSchema, openStore } from '../store/index.js';

export interface OverviewBenchOptions {
  postgresUrl?: string | undefined;
  /** Timed reads of each kind (default 30). */
  rounds?: number;
  demo?: DemoOptions;
  progress: Progress;
}

export interface OverviewFigure {
  database: 'sqlite' | 'postgres';
  measure: string;
  /** Calls one answer takes. */
  calls: number;
  p50Ms: number;
  p95Ms: number;
  /** Median time relative to the one-call overview measured in the same run. */
  ratio: number;
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

/**
 * Times `GET /api/v1/overview` on the demo network (with a forecast, so days of supply are worked out)
 * against the calls it replaces: every location's stock and every SKU's network stock, one after the
 * other; and against the bare driver reading every balance row, the least any overview must read.
 * Requests go through the whole HTTP stack in process (inject), without sockets.
 */
export async function benchOverview(options: OverviewBenchOptions): Promise<OverviewFigure[]> {
  const rounds = options.rounds ?? 30;
  const figures: OverviewFigure[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'omnistock-bench-overview-'));
  try {
    const targets: { url: string; schema?: string }[] = [{ url: `sqlite:${join(dir, 'bench.db')}` }];
    if (options.postgresUrl)
      targets.push({ url: options.postgresUrl, schema: `bench_overview_${Date.now().toString(36)}` });
    for (const target of targets) {
      const store = await openStore(target.url, target.schema ? { schema: target.schema } : {});
      const services = createServices(store);
      const app = await buildApp({ services, background: false });
      const database = store.capabilities.name;
      try {
        await loadDemo(store, options.demo ?? DEFAULT_DEMO, options.progress);
        await services.forecasts.run({ actor: 'bench', progress: options.progress });
        const token = (await services.tokens.ensureAdmin())!;
        const get = async (url: string) => {
          const answer = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
          if (answer.statusCode !== 200) throw new Error(`${url}: ${answer.statusCode} ${answer.body}`);
        };
        const locations = await store.db
          .selectFrom('locations')
          .select('id')
          .where('kind', 'in', [...REAL_LOCATION_KINDS])
          .execute();
        const skus = await store.db.selectFrom('products').select('sku').execute();
        const kinds = [
          { measure: 'GET /overview (one call)', calls: 1, read: () => get('/api/v1/overview') },
          {
            measure: 'per-location and per-SKU stock reads',
            calls: locations.length + skus.length,
            read: async () => {
              for (const l of locations) await get(`/api/v1/locations/${l.id}/stock`);
              for (const p of skus) await get(`/api/v1/products/${p.sku}/stock`);
            },
          },
          {
            measure: 'bare driver: every balance row',
            calls: 1,
            read: async () => {
              await store.db.selectFrom('balances').selectAll().execute();
            },
          },
        ];
        const measured: Omit<OverviewFigure, 'ratio'>[] = [];
        for (const kind of kinds) {
          options.progress.start(`${database}: ${kind.measure}`, rounds);
          for (let i = 0; i < 3; i++) await kind.read();
          const times: number[] = [];
          for (let i = 0; i < rounds; i++) {
            const started = performance.now();
            await kind.read();
            times.push(performance.now() - started);
            options.progress.tick();
          }
          times.sort((a, b) => a - b);
          const round = (ms: number) => Number(ms.toFixed(1));
          measured.push({
            database,
            measure: kind.measure,
            calls: kind.calls,
            p50Ms: round(percentile(times, 0.5)),
            p95Ms: round(percentile(times, 0.95)),
          });
        }
        const overview = measured[0]!.p50Ms;
        for (const m of measured) figures.push({ ...m, ratio: overview > 0 ? m.p50Ms / overview : 0 });
      } finally {
        await app.close();
        await store.close();
        if (target.schema) await dropSchema(target.url, target.schema);
      }
    }
  } finally {
    options.progress.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}
