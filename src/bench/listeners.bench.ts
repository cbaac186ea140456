import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { buildApp, createServices } from '../api/index.js';
import type { Progress } from '../progress/index.js';
import { openStore, runOnPostgres } from '../store/index.js';

export interface ListenersBenchOptions {
  postgresUrl: string;
  /** The numbers of idle listeners to measure with (default 0, 50, 200). */
  listeners?: readonly number[];
  /** Seconds each measurement counts transactions (default 10). */
  seconds?: number;
  progress: Progress;
}

export interface ListenersFigure {
  listeners: number;
  /** Transactions PostgreSQL committed or rolled back per second, in the whole database. */
  transactionsPerSecond: number;
  /** The same, relative to no listener at all (measured in the same run). */
  ratio: number;
  /** Reads of the events table by the server's one reader, per second. */
  feedReadsPerSecond: number;
}

const SETTLE_MS = 2_000;

/**
 * What idle Server-Sent Events listeners cost the database: the server runs with its background work
 * (event relay, webhook deliveries, reservation expiry) on PostgreSQL, `n` clients hold an SSE stream
 * open and nothing happens; PostgreSQL's own transaction counters say how busy it is, against the
 * same server with no listener. Each measurement runs in a database of its own (created and dropped),
 * since the counters are per database and others may be using the one named.
 */
export async function benchListeners(options: ListenersBenchOptions): Promise<ListenersFigure[]> {
  const seconds = options.seconds ?? 10;
  const figures: ListenersFigure[] = [];
  for (const n of options.listeners ?? [0, 50, 200]) {
    const database = `bench_listeners_${Date.now().toString(36)}`;
    await runOnPostgres(options.postgresUrl, `create database ${database}`);
    const url = new URL(options.postgresUrl);
    url.pathname = `/${database}`;
    const store = await openStore(url.toString());
    const services = createServices(store);
    const app = await buildApp({ services, logger: { level: 'silent' } });
    const controller = new AbortController();
    try {
      const token = (await services.tokens.ensureAdmin())!;
      await app.listen({ port: 0, host: '127.0.0.1' });
      const events = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/v1/events`;
      options.progress.start(`${n} idle listeners`, seconds);
      await Promise.all(
        Array.from({ length: n }, async () => {
          const response = await fetch(events, {
            headers: { authorization: `Bearer ${token}` },
            signal: controller.signal,
          });
          void response.body?.pipeTo(new WritableStream()).catch(() => {});
        }),
      );
      await sleep(SETTLE_MS);
      const transactions = async () => {
        const { rows } = await sql<{ n: number }>`
          select xact_commit + xact_rollback as n from pg_stat_database where datname = current_database()`.execute(
          store.db,
        );
        return Number(rows[0]!.n);
      };
      const before = await transactions();
      const reads = services.feed.reads;
      for (let s = 0; s < seconds; s++) {
        await sleep(1_000);
        options.progress.tick();
      }
      // Each backend reports its counts within a second of going idle.
      const after = await transactions();
      const transactionsPerSecond = (after - before) / seconds;
      figures.push({
        listeners: n,
        transactionsPerSecond,
        ratio: figures[0] ? transactionsPerSecond / figures[0].transactionsPerSecond : 1,
        feedReadsPerSecond: (services.feed.reads - reads) / seconds,
      });
    } finally {
      options.progress.stop();
      controller.abort();
      await app.close();
      await store.close();
      await runOnPostgres(options.postgresUrl, `drop database if exists ${database}`);
    }
  }
  return figures;
}
