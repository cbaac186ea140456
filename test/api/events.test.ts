import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it, onTestFinished } from 'vitest';
import { relayEvents, sign } from '../../src/events/index.js';
import { forEachDatabase } from '../support/databases.js';
import { testApi } from '../support/api.js';

interface Received {
  id: string;
  event: string;
  data: { position: number; type: string; locations: string[]; skus: string[]; data: unknown };
}

/** Opens an SSE stream and collects its events until `stop` is called. */
async function listen(url: string, headers: Record<string, string>) {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const events: Received[] = [];
  const reading = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = Object.fromEntries(
            block
              .split('\n')
              .filter((line) => !line.startsWith(':') && line.includes(': '))
              .map((line) => [line.slice(0, line.indexOf(': ')), line.slice(line.indexOf(': ') + 2)]),
          );
          if (fields.data) events.push({ id: fields.id!, event: fields.event!, data: JSON.parse(fields.data) });
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    events,
    async until(count: number) {
      for (let waited = 0; events.length < count && waited < 10_000; waited += 50) await sleep(50);
      return events;
    },
    async stop() {
      controller.abort();
      await reading;
    },
  };
}

forEachDatabase((database) => {
  it('streams committed changes as SSE, filtered, and resumes after Last-Event-ID without losing one', async () => {
    const api = await testApi(database, { background: true });
    await api.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(api.app.server.address() as AddressInfo).port}/api/v1`;
    const auth = { authorization: `Bearer ${api.tokens.viewer}` };
    const admin = api.as(api.tokens.admin);
    const receive = (location: string, quantity: number) =>
      admin('POST', '/api/v1/movements/receive', { location, lines: [{ sku: 'TEA', quantity }] });

    const stream = await listen(`${base}/events?location=store-1`, auth);
    await receive('store-1', 1);
    await receive('store-2', 1); // filtered out
    await receive('store-1', 2);
    const [first, second] = await stream.until(2);
    await stream.stop();
    expect(first).toMatchObject({
      event: 'movements.posted',
      data: { type: 'movements.posted', locations: expect.arrayContaining(['store-1']) },
    });
    expect(second!.data.data).toMatchObject({ movements: [{ quantity: 2 }] });
    expect(Number(second!.id)).toBeGreaterThan(Number(first!.id));

    // While nobody listens: a refused sale (no event), a posting, a reservation, a status change.
    expect(
      (await admin('POST', '/api/v1/movements/sell', { location: 'store-1', lines: [{ sku: 'TEA', quantity: 99 }] }))
        .status,
    ).toBe(409);
    await receive('store-1', 3);
    await admin('POST', '/api/v1/reservations', { sku: 'TEA', location: 'store-1', quantity: 1 });
    await admin('PATCH', '/api/v1/locations/store-1', { status: 'disrupted' });

    const resumed = await listen(`${base}/events?location=store-1`, { ...auth, 'last-event-id': second!.id });
    const missed = await resumed.until(3);
    await resumed.stop();
    expect(missed.map((e) => e.event)).toEqual(['movements.posted', 'reservation.taken', 'location.status_changed']);
    expect(missed[0]!.data.data).toMatchObject({ movements: [{ quantity: 3 }] });
    expect(missed.every((e) => Number(e.id) > Number(second!.id))).toBe(true);

    const typed = await listen(`${base}/events?after=0&types=location.status_changed`, auth);
    expect((await typed.until(1)).map((e) => e.event)).toEqual(['location.status_changed']);
    await typed.stop();
  });

  it('delivers signed webhooks, retries a failed delivery, and shows the attempts', async () => {
    const api = await testApi(database);
    const received: { body: string; signature: string | undefined }[] = [];
    let failuresLeft = 1;
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        if (failuresLeft-- > 0) {
          response.writeHead(503).end();
          return;
        }
        received.push({ body, signature: request.headers['omnistock-signature'] as string | undefined });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/omnistock`;

    const admin = api.as(api.tokens.admin);
    const hook = await admin('POST', '/api/v1/webhooks', { url, eventTypes: ['movements.posted'] });
    expect(hook.status).toBe(201);
    expect(hook.body.secret).toEqual(expect.any(String));
    await admin('POST', '/api/v1/movements/receive', { location: 'dc-1', lines: [{ sku: 'MUG', quantity: 4 }] });
    await admin('POST', '/api/v1/reservations', { sku: 'MUG', location: 'dc-1', quantity: 1 }); // not subscribed

    await relayEvents(api.store);
    expect(await api.services.webhooks.deliverDue()).toBe(1); // answered 503
    expect(received).toHaveLength(0);
    expect(await api.services.webhooks.deliverDue()).toBe(0); // not due yet: backoff
    expect(await api.services.webhooks.deliverDue(new Date(Date.now() + 5_000))).toBe(1);

    expect(received).toHaveLength(1);
    const [delivery] = received;
    expect(delivery!.signature).toBe(sign(hook.body.secret, delivery!.body));
    expect(JSON.parse(delivery!.body)).toMatchObject({
      type: 'movements.posted',
      skus: ['MUG'],
      data: { movements: [{ quantity: 4 }] },
    });

    const attempts = await admin('GET', `/api/v1/webhooks/${hook.body.id}/deliveries`);
    expect(attempts.body.items).toEqual([
      expect.objectContaining({ status: 'delivered', attempts: 2, lastStatusCode: 204 }),
    ]);
    expect((await admin('DELETE', `/api/v1/webhooks/${hook.body.id}`)).status).toBe(204);
    expect((await admin('GET', '/api/v1/webhooks')).body.items).toEqual([]);
  });
});
