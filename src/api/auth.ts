import type { FastifyRequest } from 'fastify';
import { authorize, authorizeNetwork } from '../security/index.js';
import type { Access, Principal, Tokens } from '../security/index.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
  interface FastifyContextConfig {
    /** What a route needs of its caller; routes without it are public (health, readiness, docs). */
    access?: Access;
    /**
     * Whether the route acts on the whole network (the catalog, webhooks, imports, the audit log), so
     * that a token limited to some locations may not call it. Admin routes do unless they say
     * `network: false` and check the locations they touch themselves (tokens, one location's settings).
     */
    network?: boolean;
  }
}

/** The bearer token of a request, if any. */
function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const [scheme, token] = header.split(' ');
  return scheme?.toLowerCase() === 'bearer' && token ? token : undefined;
}

/** An onRequest hook: every route that declares `config.access` needs a token with that access. */
export function authenticate(tokens: Tokens) {
  return async (request: FastifyRequest) => {
    const access = request.routeOptions.config.access;
    if (!access) return;
    const principal = await tokens.authenticate(bearer(request));
    // Known before the check, so that a refused write is in the audit log too.
    request.principal = principal;
    const route = `${request.method} ${request.routeOptions.url ?? request.url}`;
    authorize(principal, access, [], route);
    const { network = access === 'admin' } = request.routeOptions.config;
    if (network) authorizeNetwork(principal, route);
  };
}

/** The caller of a route that declared `config.access` (the hook has made sure there is one). */
export function caller(request: FastifyRequest): Principal {
  if (!request.principal) throw new Error(`route ${request.routeOptions.url} has no access rule`);
  return request.principal;
}

/** Checks that the caller may write at every real location in `touched`; returns the caller. */
export function mayWriteAt(request: FastifyRequest, touched: readonly string[]): Principal {
  const principal = caller(request);
  authorize(principal, 'write', touched);
  return principal;
}
