import { DomainError } from '../errors/index.js';
import type { Order } from './orders.schemas.js';

/**
 * The locations a caller may act at: a token's scope, or null for every location. Orders check it
 * inside their own transactions, against the order as it is then.
 */
export type Scope = readonly string[] | null;

/** Throws `forbidden` unless every location in `touched` is within `scope`. */
function requireWithin(actor: string, scope: Scope, touched: readonly string[]): void {
  if (scope === null) return;
  const outside = [...new Set(touched)].filter((id) => !scope.includes(id));
  if (outside.length > 0)
    throw new DomainError(
      'forbidden',
      `Token '${actor}' may act only at ${scope.join(', ')}, not at ${outside.join(', ')}`,
      { locations: outside, allowed: [...scope] },
    );
}

/**
 * An order reserves wherever its plan picks: a caller limited to some locations may place only
 * pickup and store-sale orders at its own stores.
 *
 * @example
 * mayPlace('clerk-1', ['store-1'], { channel: 'pickup', pickupLocation: 'store-1' }); // passes
 */
export function mayPlace(
  actor: string,
  scope: Scope,
  order: { channel: Order['channel']; pickupLocation?: string | undefined },
): void {
  requireWithin(actor, scope, order.pickupLocation ? [order.pickupLocation] : []);
  if (scope !== null && (order.channel === 'online' || !order.pickupLocation))
    throw new DomainError('forbidden', `Token '${actor}' may place orders only for pickup at ${scope.join(', ')}`, {
      allowed: [...scope],
    });
}

/**
 * A caller ships or cancels an order only if its scope covers every location the order touches: where
 * it is allocated and where it is picked up. An order that touches no location (an online order found
 * nowhere, all backordered) is for callers without a scope.
 */
export function mayFulfil(actor: string, scope: Scope, order: Order): void {
  const touched = [
    ...order.allocations.map((a) => a.locationId),
    ...(order.pickupLocationId ? [order.pickupLocationId] : []),
  ];
  if (scope !== null && touched.length === 0)
    throw new DomainError(
      'forbidden',
      `Token '${actor}' may act only at ${scope.join(', ')}; order '${order.id}' is at none of them`,
      {
        allowed: [...scope],
      },
    );
  requireWithin(actor, scope, touched);
}
