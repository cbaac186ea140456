import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildApp, createServices } from '../api/index.js';
import type { Progress } from '../progress/index.js';
import { verifyLedger } from '../ledger/index.js';
import { dropSchema, openStore } from '../store/index.js';
import { tcpProxy } from './tcp-proxy.js';

export interface OutageBenchOptions {
  postgresUrl: string;
  /** How long PostgreSQL is away (default 10 s). */
  outageSeconds?: number;
  /** Clients sending requests one after the other (default 8). */
  clients?: number;
  progress: Progress;
}

/** What the clients saw in one phase of the run. */
export interface PhaseFigure {
  requests: number;
  /** Answers by HTTP status; 0 for no answer at all (connection refused or reset). */
  statuses: Record<string, number>;
  p50Ms: number;
  maxMs: number;
}

export interface OutageFigure {
  /** `down`: connections reset and refused; `frozen`: connections open, nothing answers. */
  outage: 'down' | 'frozen';
  before: PhaseFigure;
  during: PhaseFigure;
  after: PhaseFigure;
  /** From the database's return to the first request answered 2xx. */
  firstSuccessAfterMs: number;
  /** Postings answered 201, and how many of them the ledger holds (must be all). */
  acknowledged: number;
  found: number;
  ledgerVerifies: boolean;
}

interface Answer {
  sentAt: number;
  ms: number;
  status: number;
}

const BEFORE_MS = 3_000;
const AFTER_MS = 5_000;

/**
 * Serves the API on PostgreSQL through a TCP proxy, keeps clients busy (half stock reads, half
 * receipts with an Idempotency-Key each), and takes PostgreSQL away for `outageSeconds`: first by
 * resetting and refusing its connections (a server down or restarting), then by letting nothing
 * through on open ones (a frozen server, a network that drops packets). Counts what the clients got
 * before, during and after, how long after the return the first request succeeded, and whether every
 * acknowledged posting is in a ledger that verifies.
 */
export async function benchOutage(options: OutageBenchOptions): Promise<OutageFigure[]> {
  const figures: OutageFigure[] = [];
  for (const outage of ['down', 'frozen'] as const) figures.push(await oneOutage(options, outage));
  return figures;
}

async function oneOutage(options: OutageBenchOptions, outage: 'down' | 'frozen'): Promise<OutageFigure> {
  const outageMs = (options.outageSeconds ?? 10) * 1_000;
  const target = new URL(options.postgresUrl);
  const proxy = await tcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  const through = new URL(options.postgresUrl);
  through.hostname = '127.0.0.1';
  through.port = String(proxy.port);
  const schema = `bench_outage_${Date.now().toString(36)}`;
  const store = await openStore(through.toString(), { schema });
  const services = createServices(store);
  const app = await buildApp({ services, logger: { level: 'silent' } });
  try {
    await services.catalog.createLocation({ id: 'dc-1', name: 'Bench DC', kind: 'distribution_centre' });
    await services.catalog.createProduct({ sku: 'P0001', name: 'Bench' });
    const token = (await services.tokens.ensureAdmin())!;
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/v1`;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

    const answers: Answer[] = [];
    const acknowledged: string[] = [];
    let stop = false;
    let sequence = 0;
    const client = async () => {
      while (!stop) {
        const n = sequence++;
        const key = `outage-${outage}-${n}`;
        const sentAt = Date.now();
        let status = 0;
        try {
          const response =
            n % 2 === 0
              ? await fetch(`${base}/stock?sku=P0001&location=dc-1`, { headers })
              : await fetch(`${base}/movements/receive`, {
                  method: 'POST',
                  headers: { ...headers, 'idempotency-key': key },
                  body: JSON.stringify({ location: 'dc-1', reference: key, lines: [{ sku: 'P0001', quantity: 1 }] }),
                });
          status = response.status;
          await response.arrayBuffer();
          if (status === 201) acknowledged.push(key);
        } catch {
          status = 0;
        }
        answers.push({ sentAt, ms: Date.now() - sentAt, status });
        // A client that got no answer waits a little before the next request, as a polite one would.
        if (status >= 500 || status === 0) await sleep(50);
      }
    };

    options.progress.start(`outage (${outage})`, BEFORE_MS + outageMs + AFTER_MS);
    const ticking = setInterval(() => options.progress.tick(250), 250);
    const clients = Array.from({ length: options.clients ?? 8 }, client);
    await sleep(BEFORE_MS);
    const awayAt = Date.now();
    if (outage === 'down') proxy.cut();
    else proxy.freeze();
    await sleep(outageMs);
    const backAt = Date.now();
    proxy.restore();
    await sleep(AFTER_MS);
    stop = true;
    await Promise.all(clients);
    clearInterval(ticking);
    options.progress.stop();

    const phase = (from: number, until: number) =>
      summarise(answers.filter((a) => a.sentAt >= from && a.sentAt < until));
    const firstSuccess = answers
      .filter((a) => a.status >= 200 && a.status < 300 && a.sentAt + a.ms >= backAt)
      .map((a) => a.sentAt + a.ms)
      .sort((a, b) => a - b)[0];
    const posted = new Set(
      (
        await store.db
          .selectFrom('movements')
          .select('reference')
          .where('reference', 'like', `outage-${outage}-%`)
          .execute()
      ).map((row) => row.reference),
    );
    return {
      outage,
      before: phase(0, awayAt),
      during: phase(awayAt, backAt),
      after: phase(backAt, Number.POSITIVE_INFINITY),
      firstSuccessAfterMs: firstSuccess === undefined ? Number.NaN : firstSuccess - backAt,
      acknowledged: acknowledged.length,
      found: acknowledged.filter((key) => posted.has(key)).length,
      ledgerVerifies: (await verifyLedger(store)).ok,
    };
  } finally {
    await app.close();
    await store.close();
    await proxy.close();
    await dropSchema(options.postgresUrl, schema);
  }
}

function summarise(answers: readonly Answer[]): PhaseFigure {
  const statuses: Record<string, number> = {};
  for (const answer of answers) statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
  const times = answers.map((a) => a.ms).sort((a, b) => a - b);
  return {
    requests: answers.length,
    statuses,
    p50Ms: times[Math.floor(times.length / 2)] ?? 0,
    maxMs: times.at(-1) ?? 0,
  };
}
