import { createHash, randomBytes } from 'node:crypto';
import type { ExpressionBuilder } from 'kysely';
import { z } from 'zod';
import { findLocations, isRealKind, LocationId } from '../catalog/index.js';
import { DomainError, parseInput, validationFailed } from '../errors/index.js';
import { newId, toIsoString, toIsoStringOrNull } from '../store/index.js';
import type { Database, Store } from '../store/index.js';
import type { Principal } from './principal.js';
import { ROLES, roleIncludes } from './roles.js';
import type { Role } from './roles.js';
import type { Token, TokenWithSecret } from './security.schemas.js';

export const NewToken = z.strictObject({
  name: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$/, 'use 1–100 letters, digits, ".", "_", "@" or "-"')
    .describe(
      'A name no other token has, such as `pos-store-1` or `erp@hq`: 1–100 letters, digits, ".", "_", "@" or "-". Every write it makes is recorded under this name',
    ),
  role: z
    .enum(ROLES)
    .describe(
      'What it may do, each role with the rights of those before it: a `viewer` reads; an `operator` also moves stock, reserves, receives, ships and counts; a `planner` also places purchase orders and approves count variances; an `admin` also manages the catalog, tokens, webhooks and reads the audit log',
    ),
  locations: z
    .array(LocationId)
    .min(1)
    .max(1000)
    .optional()
    .describe(
      'The real locations (1–1000, all existing) it may act at; it reads everywhere. Left out: every location. A caller limited to locations must give some of its own',
    ),
});
export type NewToken = z.input<typeof NewToken>;

const PREFIX = 'omni_';
const BOOTSTRAP_NAME = 'bootstrap-admin';
/** How long a checked token is trusted without asking the database again (revocation takes this long at most on other processes). */
const CACHE_MS = 2_000;

/** Only the SHA-256 of a token is stored: a token is 32 random bytes, so a plain hash cannot be reversed. */
export function hashToken(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export interface Tokens {
  /**
   * Creates a token; the secret is in the answer and nowhere else, ever. Its locations must exist.
   * Made by a caller through the API (`by`), it may have no more rights than the caller: no higher
   * role, and no location outside the caller's scope (a store's admin makes its clerks, never a
   * token for the whole network).
   */
  create(input: NewToken, createdBy: string, by?: Principal): Promise<TokenWithSecret>;
  /** The principal a secret stands for, or throws `unauthenticated`. */
  authenticate(secret: string | undefined): Promise<Principal>;
  /** Every token, or, for a caller limited to some locations (`by`), those within its scope. */
  list(by?: Principal): Promise<Token[]>;
  /** Revokes a token; a caller limited to some locations (`by`) only one within its scope. */
  revoke(idOrName: string, by?: Principal): Promise<Token>;
  /**
   * Makes sure an admin can get in on first start: with `secret` (OMNISTOCK_ADMIN_TOKEN), that secret
   * becomes the bootstrap admin's token; without, a token is generated if no admin token exists yet.
   * Returns the secret when one was generated, so that it can be printed once.
   */
  ensureAdmin(secret?: string): Promise<string | null>;
}

export function createTokens(store: Store): Tokens {
  const { db } = store;
  const cache = new Map<string, { principal: Principal; until: number }>();

  const toInfo = (row: {
    id: string;
    name: string;
    role: string;
    locations: string | null;
    created_at: Date | string;
    created_by: string;
    revoked_at: Date | string | null;
  }): Token => ({
    id: row.id,
    name: row.name,
    role: row.role as Role,
    locations: row.locations === null ? null : (JSON.parse(row.locations) as string[]),
    createdAt: toIsoString(row.created_at),
    createdBy: row.created_by,
    revokedAt: toIsoStringOrNull(row.revoked_at),
  });

  /** Refuses a token that would have rights its creator lacks, or a scope naming unknown places. */
  async function checkGrant(input: z.output<typeof NewToken>, by: Principal | undefined): Promise<void> {
    if (by && !roleIncludes(by.role, input.role))
      throw new DomainError(
        'forbidden',
        `Token '${by.name}' (${by.role}) may not create a token with the rights of a${input.role === 'admin' ? 'n' : ''} ${input.role}`,
        { role: by.role, wanted: input.role },
      );
    if (by && by.locations !== null) {
      const allowed = by.locations;
      if (!input.locations)
        throw new DomainError(
          'forbidden',
          `Token '${by.name}' is limited to ${allowed.join(', ')}; give the new token locations within them`,
          { allowed, wanted: 'every location' },
        );
      const outside = [...new Set(input.locations.filter((id) => !allowed.includes(id)))];
      if (outside.length > 0)
        throw new DomainError(
          'forbidden',
          `Token '${by.name}' may create tokens only for ${allowed.join(', ')}, not for ${outside.join(', ')}`,
          { allowed, locations: outside },
        );
    }
    if (!input.locations) return;
    const found = await findLocations(db, input.locations);
    const unknown = [...new Set(input.locations.filter((id) => !found.has(id)))];
    if (unknown.length > 0)
      throw new DomainError(
        'unknown_location',
        `Unknown location: ${unknown.map((id) => `'${id}'`).join(', ')}; a token can be limited only to locations that exist`,
        { locations: unknown },
      );
    const virtual = input.locations.flatMap((id, i) =>
      isRealKind(found.get(id)!.kind) ? [] : [{ path: `locations.${i}`, message: `'${id}' is not a real location` }],
    );
    if (virtual.length > 0) throw validationFailed(virtual);
  }

  /** Whether `token` acts only within `scope` (null: every location, so any token is within it). */
  const within = (token: Token, scope: readonly string[] | null) =>
    scope === null || (token.locations !== null && token.locations.every((id) => scope.includes(id)));

  async function insert(input: z.output<typeof NewToken>, secret: string, createdBy: string) {
    const clash = await db.selectFrom('api_tokens').select('id').where('name', '=', input.name).executeTakeFirst();
    if (clash)
      throw new DomainError('already_exists', `A token named '${input.name}' already exists`, { name: input.name });
    const row = await db
      .insertInto('api_tokens')
      .values({
        id: newId(),
        name: input.name,
        role: input.role,
        token_hash: hashToken(secret),
        locations: input.locations ? JSON.stringify([...new Set(input.locations)]) : null,
        created_at: new Date().toISOString(),
        created_by: createdBy,
        revoked_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toInfo(row);
  }

  return {
    async create(raw, createdBy, by) {
      const input = parseInput(NewToken, raw);
      await checkGrant(input, by);
      const token = `${PREFIX}${randomBytes(32).toString('base64url')}`;
      return { ...(await insert(input, token, createdBy)), token };
    },

    async authenticate(secret) {
      if (!secret) throw new DomainError('unauthenticated', 'Send an API token: Authorization: Bearer <token>');
      // Recently seen tokens are looked up by their hash in memory, so that a request costs no query.
      const hash = hashToken(secret);
      const cached = cache.get(hash);
      if (cached && cached.until > Date.now()) return cached.principal;
      const row = await db
        .selectFrom('api_tokens')
        .select(['id', 'name', 'role', 'locations'])
        .where('token_hash', '=', hash)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (!row) {
        cache.delete(hash);
        throw new DomainError('unauthenticated', 'The API token is unknown or revoked');
      }
      const principal: Principal = {
        tokenId: row.id,
        name: row.name,
        role: row.role as Role,
        locations: row.locations === null ? null : (JSON.parse(row.locations) as string[]),
      };
      if (cache.size > 10_000) cache.clear();
      cache.set(hash, { principal, until: Date.now() + CACHE_MS });
      return principal;
    },

    async list(by) {
      const tokens = (await db.selectFrom('api_tokens').selectAll().orderBy('created_at').execute()).map(toInfo);
      return tokens.filter((token) => within(token, by?.locations ?? null));
    },

    async revoke(idOrName, by) {
      const named = (eb: ExpressionBuilder<Database, 'api_tokens'>) =>
        eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)]);
      const target = await db
        .selectFrom('api_tokens')
        .selectAll()
        .where(named)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (!target) throw new DomainError('not_found', `No active token '${idOrName}'`, { token: idOrName });
      const scope = by?.locations ?? null;
      if (!within(toInfo(target), scope))
        throw new DomainError(
          'forbidden',
          `Token '${by?.name}' may revoke only tokens limited to ${scope?.join(', ')}`,
          { allowed: scope, token: idOrName },
        );
      const row = await db
        .updateTable('api_tokens')
        .set({ revoked_at: new Date().toISOString() })
        .where('id', '=', target.id)
        .where('revoked_at', 'is', null)
        .returningAll()
        .executeTakeFirst();
      if (!row) throw new DomainError('not_found', `No active token '${idOrName}'`, { token: idOrName });
      for (const [hash, entry] of cache) if (entry.principal.tokenId === row.id) cache.delete(hash);
      return toInfo(row);
    },

    async ensureAdmin(secret) {
      if (secret) {
        const known = await db
          .selectFrom('api_tokens')
          .select('id')
          .where('token_hash', '=', hashToken(secret))
          .executeTakeFirst();
        if (known) return null;
        const previous = await db
          .selectFrom('api_tokens')
          .select('id')
          .where('name', '=', BOOTSTRAP_NAME)
          .executeTakeFirst();
        // A new OMNISTOCK_ADMIN_TOKEN replaces the bootstrap admin's old one.
        if (previous) {
          await db
            .updateTable('api_tokens')
            .set({ token_hash: hashToken(secret), revoked_at: null })
            .where('id', '=', previous.id)
            .execute();
          return null;
        }
        await insert({ name: BOOTSTRAP_NAME, role: 'admin' }, secret, 'OMNISTOCK_ADMIN_TOKEN');
        return null;
      }
      const admin = await db
        .selectFrom('api_tokens')
        .select('id')
        .where('role', '=', 'admin')
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (admin) return null;
      const token = `${PREFIX}${randomBytes(32).toString('base64url')}`;
      const name = (await db
        .selectFrom('api_tokens')
        .select('id')
        .where('name', '=', BOOTSTRAP_NAME)
        .executeTakeFirst())
        ? `${BOOTSTRAP_NAME}-${Date.now()}`
        : BOOTSTRAP_NAME;
      await insert({ name, role: 'admin' }, token, 'first start');
      return token;
    },
  };
}
