import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { expect, it, onTestFinished } from 'vitest';
import { buildApp, createServices } from '../../src/api/index.js';
import { createCatalog } from '../../src/catalog/index.js';
import { EventFeed, relayEvents } from '../../src/events/index.js';
import { createLedger } from '../../src/ledger/index.js';
import type { Store } from '../../src/store/index.js';
import { forEachDatabase } from '../support/databases.js';
import type { TestDatabase } from '../support/databases.js';

const LISTENERS = 100;

/** Scans of the events table that PostgreSQL has counted for this schema (it counts every backend's). */
async function eventScans(store: Store): Promise<number> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ scans: string }>(
      `select coalesce(seq_scan, 0) + coalesce(idx_scan, 0) as scans
         from pg_stat_user_tables where schemaname = $1 and relname = 'events'`,
      [store.schema],
    );
    return Number(rows[0]?.scans ?? 0);
  } finally {
    await client.end();
  }
}

/** Opens an SSE stream and counts the events it carries. */
async function listen(url: string, token: string, controller: AbortController) {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
  expect(response.status).toBe(200);
  const seen = { events: 0 };
  void (async () => {
    const decoder = new TextDecoder();
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>)
      seen.events += (decoder.decode(chunk).match(/^id: \d+$/gm) ?? []).length;
  })().catch(() => {});
  return seen;
}

/** The API over HTTP on a fresh database holding dc-1 and TEA, without background work (tests relay). */
async function served(database: TestDatabase) {
  const store = await database.open();
  const catalog = createCatalog(store);
  await catalog.createLocation({ id: 'dc-1', name: 'Central DC', kind: 'distribution_centre' });
  await catalog.createProduct({ sku: 'TEA', name: 'Green tea' });
  const services = createServices(store);
  const app = await buildApp({ services, background: false });
  onTestFinished(() => app.close());
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/v1/events`;
  const token = (await services.tokens.ensureAdmin())!;
  const controller = new AbortController();
  onTestFinished(() => controller.abort());
  return { store, services, url, token, controller };
}

forEachDatabase((database) => {
  it('reads the events table once per process for a hundred idle listeners, and hands each event to all', async () => {
    const { store, services, url, token, controller } = await served(database);

    const listeners = await Promise.all(Array.from({ length: LISTENERS }, () => listen(url, token, controller)));
    expect(services.feed.subscribers).toBe(LISTENERS);

    // Idle: the one reader polls now and then, whatever the number of listeners.
    const reads = services.feed.reads;
    const scans = store.capabilities.name === 'postgres' ? await eventScans(store) : 0;
    await sleep(3_000);
    expect(services.feed.reads - reads).toBeLessThanOrEqual(6);
    if (store.capabilities.name === 'postgres') expect((await eventScans(store)) - scans).toBeLessThan(30);

    // A change reaches every listener, woken by the relay's signal rather than a poll per listener.
    const ledger = createLedger(store);
    await ledger.receive({ location: 'dc-1', lines: [{ sku: 'TEA', quantity: 3 }], actor: 'test' });
    await relayEvents(store);
    for (let waited = 0; listeners.some((l) => l.events < 1) && waited < 5_000; waited += 50) await sleep(50);
    expect(listeners.map((l) => l.events)).toEqual(Array.from({ length: LISTENERS }, () => 1));

    controller.abort();
    for (let waited = 0; services.feed.subscribers > 0 && waited < 5_000; waited += 50) await sleep(50);
    expect(services.feed.subscribers).toBe(0);
  }, 30_000);

  it('serves a listener that resumes far behind from the database, then live, missing nothing', async () => {
    const { store, url, token, controller } = await served(database);
    const ledger = createLedger(store);

    for (let i = 0; i < 30; i++)
      await ledger.receive({ location: 'dc-1', lines: [{ sku: 'TEA', quantity: 1 }], actor: 't' });
    await relayEvents(store);
    const live = await listen(url, token, controller);
    const resumed = await listen(`${url}?after=0`, token, controller);
    for (let waited = 0; resumed.events < 30 && waited < 5_000; waited += 50) await sleep(50);
    expect(resumed.events).toBe(30);
    expect(live.events).toBe(0);

    await ledger.receive({ location: 'dc-1', lines: [{ sku: 'TEA', quantity: 1 }], actor: 't' });
    await relayEvents(store);
    for (let waited = 0; (resumed.events < 31 || live.events < 1) && waited < 5_000; waited += 50) await sleep(50);
    expect({ resumed: resumed.events, live: live.events }).toEqual({ resumed: 31, live: 1 });
  });

  it('starts a new listener at the next change even after every listener left, and lets one go while it catches up', async () => {
    const store = await database.open();
    const catalog = createCatalog(store);
    await catalog.createLocation({ id: 'dc-1', name: 'Central DC', kind: 'distribution_centre' });
    await catalog.createProduct({ sku: 'TEA', name: 'Green tea' });
    const ledger = createLedger(store);
    const receive = async (times: number) => {
      for (let i = 0; i < times; i++)
        await ledger.receive({ location: 'dc-1', lines: [{ sku: 'TEA', quantity: 1 }], actor: 't' });
      await relayEvents(store);
    };
    const feed = new EventFeed(store, { pollMs: 50 });
    onTestFinished(() => feed.close());

    // A listener comes and goes; events happen while nobody listens.
    const first = await feed.subscribe(await feed.head(), () => {});
    first();
    await sleep(150);
    await receive(5);
    await sleep(1_100);
    const seen: number[] = [];
    const second = await feed.subscribe(
      await feed.head(),
      (events) => void seen.push(...events.map((e) => e.position)),
    );
    await sleep(200);
    expect(seen).toEqual([]);
    await receive(1);
    for (let waited = 0; seen.length < 1 && waited < 5_000; waited += 50) await sleep(50);
    expect(seen).toHaveLength(1);
    second();

    // A client that goes while it catches up (its first page not yet taken) leaves no subscriber behind.
    await receive(600);
    const gone = new AbortController();
    let pages = 0;
    const subscribing = feed.subscribe(
      0,
      () => {
        pages++;
        gone.abort();
        return new Promise<void>((resolve) => setTimeout(resolve, 50));
      },
      gone.signal,
    );
    const stop = await subscribing;
    expect(pages).toBe(1);
    expect(feed.subscribers).toBe(0);
    stop();
  });
});
