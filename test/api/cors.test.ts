import { expect, it } from 'vitest';
import { buildApp, createServices } from '../../src/api/index.js';
import { sqlite } from '../support/databases.js';

it('answers browser preflights for the configured origins only', async () => {
  const app = await buildApp({
    services: createServices(await sqlite.open()),
    background: false,
    corsOrigins: ['https://shop.example'],
  });
  try {
    const preflight = (origin: string) =>
      app.inject({
        method: 'OPTIONS',
        url: '/api/v1/movements/sell',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,idempotency-key',
        },
      });
    const allowed = await preflight('https://shop.example');
    expect(allowed.statusCode).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://shop.example');
    expect(String(allowed.headers['access-control-allow-headers'])).toContain('idempotency-key');
    const other = await preflight('https://elsewhere.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  } finally {
    await app.close();
  }
});
