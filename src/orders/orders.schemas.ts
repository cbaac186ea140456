import { z } from 'zod';
import { Cursor, LocationId, PageLimit, Sku } from '../catalog/index.js';
import { instant, money } from '../input/index.js';
import { Actor, IdempotencyKey, Quantity, Reference } from '../ledger/index.js';
import { DocumentId, FilterKey, oncePerSku } from '../procedures/index.js';
import { ORDER_CHANNELS, ORDER_STATUSES } from './order.js';

export const SourcingCosts = z
  .strictObject({
    perShipment: money(),
    perKgKm: money(),
    perExtraParcel: money(),
    maxParcels: z.number().int().min(1).max(20),
    storeProtection: z.boolean(),
    /** Units of each SKU a store keeps for its own shelf when protection is on. */
    protectedUnits: z.number().int().nonnegative().max(1e6),
  })
  .partial();
export type SourcingCosts = z.output<typeof SourcingCosts>;

const orderFields = z.strictObject({
  id: DocumentId.optional(),
  channel: z.enum(ORDER_CHANNELS).default('online'),
  lines: z
    .array(z.strictObject({ sku: Sku, quantity: Quantity }))
    .min(1, { error: 'give at least one line' })
    .max(500)
    .superRefine(oncePerSku),
  destination: z
    .strictObject({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) })
    .optional(),
  /** For store pickup and store sales: the store the customer is at. */
  pickupLocation: LocationId.optional(),
  reference: Reference.optional(),
  /** What to do when not every unit can be found: keep the order with the rest backordered, or refuse it. */
  onShortage: z.enum(['backorder', 'refuse']).default('backorder'),
  /** Solve exactly (mixed-integer) instead of the fast heuristic. */
  exact: z.boolean().default(false),
  costs: SourcingCosts.default({}),
  actor: Actor,
  idempotencyKey: IdempotencyKey.optional(),
});
const placed = (o: { destination?: unknown; pickupLocation?: string | undefined; channel: string }) =>
  o.channel === 'online' ? o.destination !== undefined : o.pickupLocation !== undefined;
const placedMessage = {
  message: 'an online order needs a destination; a pickup or store sale needs its pickupLocation',
  path: ['destination'],
};

export const NewOrder = orderFields.refine(placed, placedMessage);
export type NewOrder = z.input<typeof NewOrder>;
/** What an API client sends: the caller's token says who acts, the header gives the key. */
export const NewOrderBody = orderFields.omit({ actor: true, idempotencyKey: true }).refine(placed, placedMessage);

export const ShipOrder = z.strictObject({
  /** Ship these lines' allocations (default: every line still to ship). */
  skus: z.array(Sku).min(1).max(500).optional(),
  actor: Actor,
});
export type ShipOrder = z.input<typeof ShipOrder>;

const Status = z.enum(ORDER_STATUSES);

export const OrderFilter = z.strictObject({
  /** One status, or several (`status=allocated&status=backordered`). */
  status: z
    .union([Status, z.array(Status).min(1).max(ORDER_STATUSES.length)])
    .optional()
    .describe('one status, or several by repeating the parameter'),
  channel: z.enum(ORDER_CHANNELS).optional(),
  location: FilterKey.optional().describe('orders with units allocated at this location'),
  from: instant().optional().describe('placed at or after'),
  until: instant().optional().describe('placed before'),
  after: Cursor.optional(),
  limit: PageLimit,
});
export type OrderFilter = z.input<typeof OrderFilter>;
