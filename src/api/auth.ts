import type { FastifyRequest } from 'fastify';
import { authorize } from '../security/index.js';
import type { Access, Principal, Tokens } from '../security/index.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
  interface FastifyContextConfig {
    /** What a route needs of its caller; routes without it are public (health, readiness, docs). */
    access?: Access;
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
    authorize(principal, access);
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
