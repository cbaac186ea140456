import { validate } from '@readme/openapi-parser';
import { expect, it } from 'vitest';
import { testApi } from '../support/api.js';
import { sqlite } from '../support/databases.js';

it('publishes a valid OpenAPI 3.1 document that lists every route', async () => {
  const api = await testApi(sqlite);
  const document = (await api.as(undefined)('GET', '/api/v1/openapi.json')).body;
  expect(document.openapi).toBe('3.1.0');
  const result = await validate(structuredClone(document));
  expect(result.valid ? [] : result.errors).toEqual([]);
  expect(result.valid).toBe(true);

  const documented = new Set(
    Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    ),
  );
  // What Fastify actually serves under /api/v1, read from its route tree, must all be documented.
  const served: string[] = [];
  const stack: string[] = [];
  for (const line of api.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (.*) \((.*)\)$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    stack.length = depth;
    const path = (stack[depth - 1] ?? '') + match[2]!;
    stack.push(path);
    for (const method of match[3]!.split(', ')) served.push(`${method} ${path.replace(/:(\w+)/g, '{$1}')}`);
  }
  const apiRoutes = served.filter(
    (r) => / \/api\/v1\//.test(r) && !r.startsWith('HEAD ') && !r.endsWith('/openapi.json'),
  );
  expect(apiRoutes.length).toBeGreaterThan(30);
  expect(apiRoutes.filter((r) => !documented.has(r))).toEqual([]);
  expect([...documented].filter((r) => !apiRoutes.includes(r))).toEqual([]);
  const docs = await api.app.inject({ method: 'GET', url: '/docs' });
  expect(docs.statusCode).toBeLessThan(400);
});
