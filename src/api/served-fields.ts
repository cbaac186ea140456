import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';

/**
 * The serializer sends what a route's response schema carries and silently drops the rest: a field a
 * domain object gains never reaches the API unless its schema gains it too. Called for every field of
 * an answer its schema would drop (tests turn it on, so that schema and domain cannot drift apart).
 */
export function watchUnservedFields(
  app: FastifyInstance,
  report: (route: string, status: number, field: string) => void,
): void {
  app.addHook('preSerialization', async (request, reply, payload) => {
    const url = request.routeOptions.url;
    const responses = (request.routeOptions.schema as { response?: Record<string, unknown> } | undefined)?.response;
    const schema = responses?.[String(reply.statusCode)];
    if (!url || !isZod(schema)) return payload;
    for (const field of unservedFields(schema, payload)) report(`${request.method} ${url}`, reply.statusCode, field);
    return payload;
  });
}

const isZod = (schema: unknown): schema is z.ZodType =>
  typeof schema === 'object' && schema !== null && '_zod' in schema;

/** Wrappers whose inner schema describes the same value (a null or missing one has no fields). */
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  getter?: () => z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  options?: z.ZodType[];
  valueType?: z.ZodType;
}

/**
 * The paths of `value`'s fields that `schema` does not carry: `lines[].short`, `transfer.overdue`.
 *
 * @example
 * unservedFields(z.object({ id: z.string() }), { id: 'a', secret: 1 }); // ['secret']
 */
export function unservedFields(schema: z.ZodType, value: unknown, path = ''): string[] {
  const def = (schema as unknown as { _zod: { def: Def } })._zod.def;
  if (WRAPPERS.has(def.type))
    return value === undefined || value === null ? [] : unservedFields(def.innerType!, value, path);
  switch (def.type) {
    case 'pipe':
      return unservedFields(def.in!, value, path);
    case 'lazy':
      return unservedFields(def.getter!(), value, path);
    case 'array':
      return Array.isArray(value)
        ? [...new Set(value.flatMap((v) => unservedFields(def.element!, v, `${path}[]`)))]
        : [];
    case 'record':
      return isObject(value) ? Object.values(value).flatMap((v) => unservedFields(def.valueType!, v, `${path}{}`)) : [];
    case 'union': {
      // The option that carries the most of the value is the one it was meant for.
      const fits = def.options!.map((option) => unservedFields(option, value, path));
      return fits.reduce((best, fit) => (fit.length < best.length ? fit : best));
    }
    case 'object': {
      if (!isObject(value)) return [];
      const open =
        def.catchall !== undefined && (def.catchall as unknown as { _zod: { def: Def } })._zod.def.type !== 'never';
      return Object.entries(value).flatMap(([key, field]) => {
        const at = path ? `${path}.${key}` : key;
        const inner = def.shape![key];
        if (inner) return unservedFields(inner, field, at);
        return open || field === undefined ? [] : [at];
      });
    }
    default:
      return [];
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
