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

/** Where an OpenAPI document leaves a reader guessing: operations and properties without a description. */
function undescribed(document: {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}): string[] {
  const missing: string[] = [];
  const walk = (schema: JsonSchema | undefined, where: string) => {
    if (!schema || typeof schema !== 'object') return;
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      // A property that is a reference is described where the referenced schema is.
      if (!property.description && !property.$ref) missing.push(`${where}.${name}`);
      walk(property, `${where}.${name}`);
    }
    for (const part of [schema.items, schema.additionalProperties, ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])])
      if (part && typeof part === 'object') walk(part, where);
  };
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const at = `${method.toUpperCase()} ${path}`;
      if (!operation.summary) missing.push(`${at}: summary`);
      if (!operation.description) missing.push(`${at}: description`);
      for (const parameter of operation.parameters ?? [])
        if (!parameter.description) missing.push(`${at}: ${parameter.in} parameter ${parameter.name}`);
      for (const [type, { schema }] of Object.entries(operation.requestBody?.content ?? {}))
        if (type === 'application/json') walk(schema, `${at} body`);
      for (const [status, response] of Object.entries(operation.responses ?? {}))
        for (const { schema } of Object.values(response.content ?? {})) walk(schema, `${at} ${status}`);
    }
  }
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) walk(schema, name);
  return missing;
}

interface JsonSchema {
  description?: string;
  $ref?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}
interface Operation {
  summary?: string;
  description?: string;
  parameters?: { name: string; in: string; description?: string }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: JsonSchema }> }>;
}

it('describes every operation, parameter and property, and lists the error codes of every route', async () => {
  const api = await testApi(sqlite);
  const document = (await api.as(undefined)('GET', '/api/v1/openapi.json')).body;
  expect(undescribed(document)).toEqual([]);
  for (const [path, methods] of Object.entries(document.paths as Record<string, Record<string, Operation>>)) {
    for (const [method, operation] of Object.entries(methods)) {
      const problems = Object.entries(operation.responses ?? {}).filter(([status]) => Number(status) >= 400);
      // Every route but the process's own health check can at least find its database away.
      if (!path.endsWith('/health')) expect(problems.length, `${method} ${path}`).toBeGreaterThan(0);
      for (const [, response] of problems) {
        expect(response.content?.['application/problem+json'], `${method} ${path}`).toBeDefined();
        expect(response.description).toMatch(/`code` is one of: `[a-z_]+`/);
      }
    }
  }
});
