import { DomainError } from '../errors/index.js';
import { isVirtualLocationId } from '../catalog/index.js';
import { roleAllows } from './roles.js';
import type { Access, Role } from './roles.js';

/** Who is calling: the token's name (recorded as the actor of every write), role and location scope. */
export interface Principal {
  tokenId: string;
  name: string;
  role: Role;
  /** The real locations this token may write to; null for every location. */
  locations: string[] | null;
}

/**
 * Throws `forbidden` unless `principal` has `access`, and, for writes, unless every location in
 * `touched` is within its scope. Virtual locations (supplier, customer, transit, …) are the other end
 * of a movement, never a place a clerk works, so they need no scope.
 *
 * @example
 * authorize(principal, 'write', ['store-7', 'customer']);
 */
export function authorize(principal: Principal, access: Access, touched: readonly string[] = []): void {
  if (!roleAllows(principal.role, access)) {
    throw new DomainError('forbidden', `Token '${principal.name}' (${principal.role}) may not ${describe(access)}`, {
      role: principal.role,
      needs: access,
    });
  }
  if ((access !== 'write' && access !== 'plan') || principal.locations === null) return;
  const scope = principal.locations;
  const outside = touched.filter((id) => !isVirtualLocationId(id) && !scope.includes(id));
  if (outside.length > 0) {
    throw new DomainError(
      'forbidden',
      `Token '${principal.name}' may write only at ${scope.join(', ')}, not at ${[...new Set(outside)].join(', ')}`,
      { locations: [...new Set(outside)], allowed: scope },
    );
  }
}

function describe(access: Access): string {
  const what: Record<Access, string> = {
    read: 'read',
    write: 'post stock changes',
    plan: 'place orders or approve variances',
    admin: 'administer Omnistock',
  };
  return what[access];
}
