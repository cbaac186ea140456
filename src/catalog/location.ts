import type { Location } from './catalog.schemas.js';

/** Places that hold stock you can touch. */
export const REAL_LOCATION_KINDS = ['distribution_centre', 'warehouse', 'store'] as const;
/**
 * The other ends of movements, so that every movement has two: stock comes from `supplier`, goes to
 * `customer`, waits in `transit` (one per transfer) or, returned and not yet inspected, in a location's
 * `quarantine`, and count differences and losses go to `adjustment` and `scrap`.
 */
export const VIRTUAL_LOCATION_KINDS = ['supplier', 'customer', 'transit', 'quarantine', 'adjustment', 'scrap'] as const;
export const LOCATION_KINDS = [...REAL_LOCATION_KINDS, ...VIRTUAL_LOCATION_KINDS] as const;
export const LOCATION_STATUSES = ['active', 'disrupted', 'closed'] as const;

export type RealLocationKind = (typeof REAL_LOCATION_KINDS)[number];
export type VirtualLocationKind = (typeof VIRTUAL_LOCATION_KINDS)[number];
export type LocationKind = (typeof LOCATION_KINDS)[number];
export type LocationStatus = (typeof LOCATION_STATUSES)[number];

/** Ids of the virtual locations that exist once per network. */
export const SUPPLIER = 'supplier';
export const CUSTOMER = 'customer';
export const ADJUSTMENT = 'adjustment';
export const SCRAP = 'scrap';
export const RESERVED_LOCATION_IDS: readonly string[] = [SUPPLIER, CUSTOMER, ADJUSTMENT, SCRAP];

export function isRealKind(kind: LocationKind): kind is RealLocationKind {
  return (REAL_LOCATION_KINDS as readonly string[]).includes(kind);
}

/**
 * Whether a location's stock must stay at or above zero: real locations unless they allow negative
 * stock, and transit (goods on a truck cannot be fewer than none). Suppliers, customers, adjustment
 * and scrap are sources and sinks without a floor.
 */
export function hasStockFloor(location: Pick<Location, 'kind' | 'allowNegativeStock'>): boolean {
  if (location.kind === 'transit' || location.kind === 'quarantine') return true;
  return isRealKind(location.kind) && !location.allowNegativeStock;
}

/** The transit location that holds a transfer's goods between shipping and receiving. */
export function transitLocationId(transferId: string): string {
  return `transit:${transferId}`;
}

/** The transfer whose transit location `id` is (`transit:T-7` → `T-7`), or null for any other location. */
export function transferOfTransit(id: string): string | null {
  return id.startsWith('transit:') ? id.slice('transit:'.length) : null;
}

/** Whether `id` names a virtual location: one of the network's own, or a transfer's transit. */
export function isVirtualLocationId(id: string): boolean {
  return RESERVED_LOCATION_IDS.includes(id) || id.startsWith('transit:') || id.startsWith('quarantine:');
}

/**
 * Where a location keeps returned goods until they are inspected: on its premises, but not available
 * to sell or promise. One per location, made on first use.
 */
export function quarantineLocationId(locationId: string): string {
  return `quarantine:${locationId}`;
}

/** The location whose quarantine `id` is (`quarantine:store-2` → `store-2`), or null for any other location. */
export function locationOfQuarantine(id: string): string | null {
  return id.startsWith('quarantine:') ? id.slice('quarantine:'.length) : null;
}
