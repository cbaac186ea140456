import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { unservedFields, watchUnservedFields } from './served-fields.js';

const Line = z.object({ sku: z.string(), quantity: z.number() });
const Transfer = z.object({
  id: z.string(),
  expectedAt: z.string().nullable(),
  lines: z.array(Line),
  posting: z.object({ postingId: z.string() }).nullable(),
});

describe('unservedFields', () => {
  it('names every field a response schema would drop, however deep', () => {
    expect(
      unservedFields(Transfer, {
        id: 'T-1',
        expectedAt: null,
        overdue: true,
        lines: [
          { sku: 'TEA', quantity: 2, short: 0 },
          { sku: 'MUG', quantity: 1, short: 1 },
        ],
        posting: { postingId: 'p', documentId: 'T-1' },
      }),
    ).toEqual(['overdue', 'lines[].short', 'posting.documentId']);
  });

  it('finds nothing to say of a value its schema carries whole, of nulls, or of open objects', () => {
    expect(unservedFields(Transfer, { id: 'T-1', expectedAt: null, lines: [], posting: null })).toEqual([]);
    expect(unservedFields(z.object({ a: z.string() }).catchall(z.unknown()), { a: 'x', b: 1 })).toEqual([]);
    const either = z.union([z.object({ kind: z.literal('a'), a: z.number() }), z.object({ kind: z.literal('b') })]);
    expect(unservedFields(either, { kind: 'a', a: 1 })).toEqual([]);
    expect(unservedFields(z.array(Line).optional(), undefined)).toEqual([]);
  });

  it('reports what a route answers beyond its schema', async () => {
    const app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    const reported: string[] = [];
    watchUnservedFields(app, (route, status, field) => reported.push(`${route} ${status} ${field}`));
    app
      .withTypeProvider<ZodTypeProvider>()
      .get(
        '/transfers/:id',
        { schema: { response: { 200: Transfer } } },
        async () => ({ id: 'T-1', expectedAt: null, lines: [], posting: null, overdue: false }) as never,
      );
    const answer = await app.inject({ method: 'GET', url: '/transfers/T-1' });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).not.toHaveProperty('overdue');
    expect(reported).toEqual(['GET /transfers/:id 200 overdue']);
    await app.close();
  });
});
