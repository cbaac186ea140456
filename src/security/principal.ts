import { DomainError } from '../errors/index.js';
import { isVirtualLocationId, locationOfQuarantine, transferOfTransit } from '../catalog/index.js';
import { roleAllows, rolesWith } from './roles.js';
import type { Access, Role } from './roles.js';

/** Who is calling: the token's name (recorded as the actor of every write), role and location scope. */
export interface Principal {
  tokenId: string;
  name: string;
  role: Role;
  /** The real locations this token may act at; null for every location. */
  locations: string[] | null;
}

/**
 * Throws `forbidden` unless `principal` has `access`, and, for anything but reading, unless every
 * location in `touched` is within its scope — for every role, admins included.
 *
 * `touched` names the real locations an act answers to. A quarantine answers to its location. A
 * transit answers to its transfer's origin or destination depending on the act, which only the
 * ledger can tell (`Ledger.scopeOf`): a transit left unresolved is outside every scope, so a
 * forgotten resolution refuses rather than leaks. The network's own ends (supplier, customer,
 * adjustment, scrap) belong to no location and need no scope.
 *
 * @example
 * authorize(principal, 'write', ['store-7', 'customer']);
 */
export function authorize(
  principal: Principal,
  access: Access,
  touched: readonly string[] = [],
  what: string = describe(access),
): void {
  if (!roleAllows(principal.role, access)) {
    const roles = rolesWith(access);
    throw new DomainError(
      'forbidden',
      `Token '${principal.name}' (${principal.role}) may not ${what}: that needs a${roles[0] === 'admin' ? 'n' : ''} ${roles.join(' or ')} token`,
      { role: principal.role, needs: access, roles },
    );
  }
  if (access === 'read' || principal.locations === null) return;
  const scope = principal.locations;
  const outside = [...new Set(touched.map(realLocation))].filter(
    (id): id is string => id !== null && !scope.includes(id),
  );
  if (outside.length > 0) {
    throw new DomainError(
      'forbidden',
      `Token '${principal.name}' may act only at ${scope.join(', ')}, not at ${outside.join(', ')}`,
      { locations: outside, allowed: scope },
    );
  }
}

/**
 * Throws `forbidden` unless `principal` is limited to no locations: `what` acts on the whole network
 * (the catalog, webhooks, imports, the audit log, the lock date), which no part of it may decide alone.
 *
 * @example
 * authorizeNetwork(principal, 'POST /api/v1/products');
 */
export function authorizeNetwork(principal: Principal, what: string): void {
  if (principal.locations === null) return;
  throw new DomainError(
    'forbidden',
    `Token '${principal.name}' is limited to ${principal.locations.join(', ')}; ${what} acts on the whole network and needs a token without location limits`,
    { allowed: principal.locations, needs: 'every location' },
  );
}

/** The real location a touched id answers to, or null for the network's own ends. */
function realLocation(id: string): string | null {
  const quarantined = locationOfQuarantine(id);
  if (quarantined !== null) return quarantined;
  if (transferOfTransit(id) !== null) return id;
  return isVirtualLocationId(id) ? null : id;
}

function describe(access: Access): string {
  const what: Record<Access, string> = {
    read: 'read',
    write: 'post stock changes',
    plan: 'plan (purchase orders, transfers, count approvals, forecasts)',
    admin: 'administer Omnistock',
  };
  return what[access];
}
