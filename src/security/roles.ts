/**
 * What a token may do. Rights grow down the list: a viewer reads; an operator (a clerk, a warehouse
 * lead, an order system) also posts stock movements and reservations, receives, ships and counts; a
 * planner also places purchase orders and approves count variances; an admin also manages locations,
 * products, suppliers, tokens, webhooks and reads the audit log.
 */
export const ROLES = ['viewer', 'operator', 'planner', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The kinds of access a request needs. */
export type Access = 'read' | 'write' | 'plan' | 'admin';

const ACCESS: Record<Role, readonly Access[]> = {
  viewer: ['read'],
  operator: ['read', 'write'],
  planner: ['read', 'write', 'plan'],
  admin: ['read', 'write', 'plan', 'admin'],
};

export function roleAllows(role: Role, access: Access): boolean {
  return ACCESS[role].includes(access);
}

/** The roles that have `access`, least first: ['planner', 'admin'] for planning. */
export function rolesWith(access: Access): Role[] {
  return ROLES.filter((role) => roleAllows(role, access));
}

/** Whether `role` has every right of `other` (an admin's include a planner's), so may hand them on. */
export function roleIncludes(role: Role, other: Role): boolean {
  return ACCESS[other].every((access) => ACCESS[role].includes(access));
}
