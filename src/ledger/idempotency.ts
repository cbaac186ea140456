import { createHash } from 'node:crypto';
import { DomainError } from '../errors/index.js';
import type { Db } from '../store/index.js';

/**
 * Runs `work` once per idempotency key of the request's actor. Inside the caller's transaction it
 * claims `key`; if the actor already used the key for the same operation and request, it returns the
 * first response instead of running `work` again; if for anything else, it throws `idempotency_conflict`.
 *
 * Keys belong to whoever sent them: through the API the actor is the caller's token name, unique
 * among tokens, so one client's key never answers (nor blocks) another client's request — two tills
 * that both count their requests from 1 cannot collide.
 *
 * The claim is an insert into a primary key: a second request with the same key waits for the first
 * transaction, then sees its committed response. A failed request rolls back its claim, so a retry
 * of a refused request is tried afresh.
 *
 * @example
 * await store.transaction((trx) => idempotent(trx, input.idempotencyKey, 'receive', input, () => post(trx)));
 */
export async function idempotent<T>(
  trx: Db,
  key: string | undefined,
  operation: string,
  request: { readonly actor: string },
  work: () => Promise<T>,
): Promise<T> {
  if (key === undefined) return work();
  const requestHash = fingerprint(request);
  const stored = scopedKey(request.actor, key);
  const claim = await trx
    .insertInto('idempotency_keys')
    .values({
      key: stored,
      operation,
      request_hash: requestHash,
      response: null,
      created_at: new Date().toISOString(),
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  if (Number(claim.numInsertedOrUpdatedRows ?? 0) === 0) {
    const first = await trx
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('key', '=', stored)
      .executeTakeFirstOrThrow();
    if (first.operation !== operation || first.request_hash !== requestHash) {
      throw new DomainError(
        'idempotency_conflict',
        `Idempotency key '${key}' was already used for a different request` +
          (first.operation === operation ? '' : ` (${first.operation})`) +
          '; use a new key for a new request',
        { idempotencyKey: key, operation: first.operation },
      );
    }
    return JSON.parse(first.response ?? 'null') as T;
  }
  const response = await work();
  await trx
    .updateTable('idempotency_keys')
    .set({ response: JSON.stringify(response) })
    .where('key', '=', stored)
    .execute();
  return response;
}

/** The stored key: the actor's and the client's key as a JSON pair, which no two pairs share. */
function scopedKey(actor: string, key: string): string {
  return JSON.stringify([actor, key]);
}

/** A hash of a request that does not depend on the order of its object keys. */
function fingerprint(request: unknown): string {
  return createHash('sha256').update(canonicalJson(request)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([name, v]) => v !== undefined && name !== 'idempotencyKey')
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([name, v]) => `${JSON.stringify(name)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
