import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { expect, it, onTestFinished } from 'vitest';
import { buildApp, createServices } from '../../src/api/index.js';
import { createCatalog } from '../../src/catalog/index.js';
import { verifyLedger } from '../../src/ledger/index.js';
import { SERVER_LIMITS } from '../../src/store/index.js';
import type { DatabaseLimits } from '../../src/store/index.js';
import { forEachDatabase, postgres } from '../support/databases.js';
import type { OpenOptions, TestDatabase } from '../support/databases.js';
import { tcpProxy } from '../../src/bench/tcp-proxy.js';

/** Short limits, so that a test sees them pass in a second or two. */
const SHORT: DatabaseLimits = { connectTimeoutMs: 1_000, statementTimeoutMs: 1_000, lockTimeoutMs: 500 };

const postgresUrl = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined;

/** The API served over HTTP (with its background work) on a fresh database holding dc-1 and TEA. */
async function serve(database: TestDatabase, options: OpenOptions = {}) {
  const store = await database.open({ limits: SHORT, ...options });
  const catalog = createCatalog(store);
  await catalog.createLocation({ id: 'dc-1', name: 'Central DC', kind: 'distribution_centre', region: 'north' });
  await catalog.createProduct({ sku: 'TEA', name: 'Green tea', category: 'drinks' });
  const services = createServices(store);
  const app = await buildApp({ services });
  onTestFinished(() => app.close());
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const token = (await services.tokens.ensureAdmin())!;
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const started = Date.now();
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
      retryAfter: response.headers.get('retry-after'),
      type: response.headers.get('content-type'),
      ms: Date.now() - started,
    };
  };
  const receive = (quantity: number, key?: string) =>
    call(
      'POST',
      '/api/v1/movements/receive',
      { location: 'dc-1', lines: [{ sku: 'TEA', quantity }] },
      key ? { 'idempotency-key': key } : {},
    );
  const onHand = async () => (await call('GET', '/api/v1/stock?sku=TEA&location=dc-1')).body.onHand;
  return { store, services, app, base, token, call, receive, onHand };
}

/** A connection of a test's own to the same PostgreSQL schema, closed when the test ends. */
async function postgresClient(schema: string) {
  const client = new pg.Client({ connectionString: postgresUrl, options: `-c search_path=${schema}` });
  client.on('error', () => {});
  await client.connect();
  onTestFinished(() => client.end().catch(() => {}));
  return client;
}

function expectUnavailable(
  answer: { status: number; body: Record<string, unknown>; retryAfter: string | null },
  failure = 'unavailable',
) {
  expect(answer.status).toBe(503);
  expect(answer.body).toMatchObject({ code: 'database_unavailable', status: 503, failure });
  expect(answer.body.detail).toMatch(failure === 'unavailable' ? /database is unavailable/ : /database is busy/);
  expect(Number(answer.retryAfter)).toBeGreaterThan(0);
}

forEachDatabase((database) => {
  it('ends a request that waits for a lock held elsewhere in bounded time, writes nothing, and serves after', async () => {
    // The server's own limits: a lock wait must end as a lock wait, before the statement's limit.
    const api = await serve(database, { limits: SERVER_LIMITS });
    expect((await api.receive(5)).status).toBe(201);
    let release: () => Promise<void>;
    if (api.store.capabilities.name === 'postgres') {
      // Another transaction holds the very row the posting must update.
      const client = await postgresClient(api.store.schema!);
      await client.query('begin');
      await client.query(`select * from balances where sku = 'TEA' and location_id = 'dc-1' for update`);
      release = async () => void (await client.query('rollback'));
    } else {
      // Another process holds SQLite's one write lock.
      const other = new Sqlite(api.store.location);
      other.exec('begin immediate');
      release = async () => {
        other.exec('rollback');
        other.close();
      };
    }

    const refused = await api.receive(3, 'held');
    expect(refused.ms).toBeLessThan(SERVER_LIMITS.statementTimeoutMs);
    expect(refused.type).toContain('application/problem+json');
    if (api.store.capabilities.name === 'postgres') {
      expect(refused).toMatchObject({ status: 409, body: { code: 'lock_timeout' } });
      expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    } else {
      expectUnavailable(refused, 'write_locked');
    }
    // A lock held elsewhere is no outage.
    expect(api.store.health.available).toBe(true);
    // Reads do not wait for writers.
    expect(await api.onHand()).toBe(5);
    expect((await api.call('GET', '/api/v1/health')).status).toBe(200);

    await release();
    // The refused request wrote nothing, so the same key now posts.
    expect((await api.receive(3, 'held')).status).toBe(201);
    expect(await api.onHand()).toBe(8);
    expect((await verifyLedger(api.store)).ok).toBe(true);
  });
});

it.skipIf(!postgresUrl)(
  'answers 503 when every pooled connection stays in use, without taking the database for down, and stays ready',
  async () => {
    const api = await serve(postgres, {
      poolSize: 1,
      limits: { connectTimeoutMs: 500, statementTimeoutMs: 4_000, lockTimeoutMs: 2_000 },
    });
    expect((await api.receive(5)).status).toBe(201);
    const holder = await postgresClient(api.store.schema!);
    await holder.query('begin');
    await holder.query(`select * from balances where sku = 'TEA' and location_id = 'dc-1' for update`);
    // The one pooled connection waits for the lock; the next request finds no connection free.
    const waiting = api.receive(1);
    await sleep(200);
    const crowded = await api.call('GET', '/api/v1/stock?sku=TEA&location=dc-1');
    expectUnavailable(crowded, 'saturated');
    expect(api.store.health.available).toBe(true);
    expect((await api.call('GET', '/api/v1/ready')).status).toBe(200);
    expect(await waiting).toMatchObject({ status: 409, body: { code: 'lock_timeout' } });
    await holder.query('rollback');
    expect(await api.onHand()).toBe(5);
  },
);

it.skipIf(!postgresUrl)(
  'lives through PostgreSQL ending its connections mid-request, and serves again at once',
  async () => {
    const api = await serve(postgres, { limits: { ...SHORT, lockTimeoutMs: 10_000 } });
    expect((await api.receive(5)).status).toBe(201);
    // A posting that waits for a lock is surely in the middle of its request when the connections end.
    const holder = await postgresClient(api.store.schema!);
    await holder.query('begin');
    await holder.query(`select * from balances where sku = 'TEA' and location_id = 'dc-1' for update`);
    const waiting = api.receive(2, 'cut-off');
    const reading = Array.from({ length: 10 }, () => api.onHand().catch(() => undefined));
    await sleep(300);

    const admin = await postgresClient('public');
    const { rowCount } = await admin.query(
      `select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1`,
      [`omnistock:${api.store.schema}`],
    );
    expect(rowCount).toBeGreaterThan(0);
    expectUnavailable(await waiting);
    await Promise.all(reading);
    await holder.query('rollback');

    // The same process, no restart: new connections, and the key that was cut off posts once.
    expect((await api.call('GET', '/api/v1/ready')).status).toBe(200);
    expect((await api.receive(2, 'cut-off')).status).toBe(201);
    expect((await api.receive(2, 'cut-off')).status).toBe(201);
    expect(await api.onHand()).toBe(7);
    expect((await verifyLedger(api.store)).ok).toBe(true);
  },
);

it.skipIf(!postgresUrl)(
  'answers 503 in bounded time while PostgreSQL is frozen or down, keeps its streams, and recovers by itself',
  async () => {
    const target = new URL(postgresUrl!);
    const proxy = await tcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    onTestFinished(() => proxy.close());
    const api = await serve(postgres, { port: proxy.port });
    expect((await api.receive(5)).status).toBe(201);

    const events: string[] = [];
    const controller = new AbortController();
    onTestFinished(() => controller.abort());
    const stream = await fetch(`${api.base}/api/v1/events?types=movements.posted`, {
      headers: { authorization: `Bearer ${api.token}` },
      signal: controller.signal,
    });
    expect(stream.status).toBe(200);
    void (async () => {
      const decoder = new TextDecoder();
      for await (const chunk of stream.body as unknown as AsyncIterable<Uint8Array>)
        events.push(...(decoder.decode(chunk).match(/^id: \d+$/gm) ?? []));
    })().catch(() => {});

    // Frozen: connections stay open, nothing answers.
    proxy.freeze();
    const frozen = await api.receive(1);
    expectUnavailable(frozen);
    expect(frozen.ms).toBeLessThan(5_000);
    const notReady = await api.call('GET', '/api/v1/ready');
    expectUnavailable(notReady);
    expect(notReady.ms).toBeLessThan(3_000);
    expect((await api.call('GET', '/api/v1/health')).status).toBe(200);

    // Down: every connection ends and new ones are refused.
    proxy.cut();
    const down = await api.receive(1);
    expectUnavailable(down);
    expect(down.ms).toBeLessThan(2_000);
    expect(api.store.health.available).toBe(false);

    // Back: the same process serves again, and the open stream carries on.
    proxy.restore();
    let back = await api.receive(4, 'after-outage');
    for (let tries = 0; back.status !== 201 && tries < 40; tries++) {
      await sleep(250);
      back = await api.receive(4, 'after-outage');
    }
    expect(back.status).toBe(201);
    expect(api.store.health.available).toBe(true);
    for (let waited = 0; events.length < 1 && waited < 10_000; waited += 100) await sleep(100);
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(await api.onHand()).toBe(9);
    expect((await verifyLedger(api.store)).ok).toBe(true);
  },
  30_000,
);
