import { z } from 'zod';
import { Cursor, LocationId, PageLimit, Sku } from '../catalog/index.js';
import { instant, money } from '../input/index.js';
import { Actor, IdempotencyKey, Quantity, Reference } from '../ledger/index.js';
import { DocumentId, FilterKey, oncePerSku } from '../procedures/index.js';
import { DEFAULT_COSTS } from '../sourcing/index.js';
import { ORDER_CHANNELS, ORDER_STATUSES } from './order.js';

export const SourcingCosts = z
  .strictObject({
    perShipment: money().describe(
      `What each parcel costs to send, whatever it holds, in the network's currency (built-in default ${DEFAULT_COSTS.perShipment})`,
    ),
    perKgKm: money().describe(
      `What a parcel costs per kilogram and kilometre from its location to the customer (built-in default ${DEFAULT_COSTS.perKgKm})`,
    ),
    perExtraParcel: money().describe(
      `What each parcel after the first adds, so that splitting an order has its price (built-in default ${DEFAULT_COSTS.perExtraParcel})`,
    ),
    maxParcels: z
      .number()
      .int()
      .min(1)
      .max(20)
      .describe(
        `The most parcels, each from one location, an order may be split into: 1–20 (built-in default ${DEFAULT_COSTS.maxParcels})`,
      ),
    storeProtection: z
      .boolean()
      .describe(
        `Whether stores keep \`protectedUnits\` of each SKU for their own shelf, shipping only the rest (built-in default ${DEFAULT_COSTS.storeProtection})`,
      ),
    protectedUnits: z
      .number()
      .int()
      .nonnegative()
      .max(1e6)
      .describe(
        'Units of each SKU a store keeps for its own shelf when protection is on, 0–1,000,000; a pickup store hands over its own shelf stock all the same (built-in default 2)',
      ),
  })
  .partial();
export type SourcingCosts = z.output<typeof SourcingCosts>;

const orderFields = z.strictObject({
  id: DocumentId.optional().describe(
    "The order's id, such as your shop's order number; Omnistock makes one when left out. Placing an order under an id already used is refused (409 `already_exists`)",
  ),
  channel: z
    .enum(ORDER_CHANNELS)
    .default('online')
    .describe(
      '`online` (the default): shipped to `destination` from wherever the plan picks; `pickup`: collected by the customer at `pickupLocation`; `store_sale`: sold to a customer at the store `pickupLocation`',
    ),
  lines: z
    .array(z.strictObject({ sku: Sku, quantity: Quantity.describe('Units ordered, 1 to 1,000,000,000,000') }))
    .min(1, { error: 'give at least one line' })
    .max(500)
    .superRefine(oncePerSku)
    .describe('What is ordered: 1–500 lines, each SKU once'),
  destination: z
    .strictObject({
      latitude: z.number().min(-90).max(90).describe('Degrees north of the equator, −90 to 90 (south is negative)'),
      longitude: z.number().min(-180).max(180).describe('Degrees east of Greenwich, −180 to 180 (west is negative)'),
    })
    .optional()
    .describe(
      "Where an online order is delivered: required for `online`. Distances, and so costs, are measured from it; a pickup or store sale is planned from the store's place instead",
    ),
  pickupLocation: LocationId.optional().describe(
    'For `pickup` and `store_sale` (required then): the store the customer is at',
  ),
  reference: Reference.optional().describe(
    "A reference of your own, such as the shop's order number: one line of 1–200 characters",
  ),
  onShortage: z
    .enum(['backorder', 'refuse'])
    .default('backorder')
    .describe(
      'When not every unit can be found: `backorder` (the default) takes the order, reserves what there is and marks it `backordered`; `refuse` answers 409 `insufficient_stock` and keeps nothing',
    ),
  exact: z
    .boolean()
    .default(false)
    .describe(
      'true plans with the exact (mixed-integer) solver, proven cheapest but slower; false (the default) with the fast heuristic',
    ),
  costs: SourcingCosts.default({}).describe(
    "Sourcing costs for this order only: each one left out comes from the server's settings, else from the built-in default",
  ),
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
  skus: z
    .array(Sku)
    .min(1)
    .max(500)
    .optional()
    .describe('Ship only these lines (SKUs on the order); left out, every line still to ship'),
  actor: Actor,
});
export type ShipOrder = z.input<typeof ShipOrder>;

const Status = z.enum(ORDER_STATUSES);

export const OrderFilter = z.strictObject({
  status: z
    .union([Status, z.array(Status).min(1).max(ORDER_STATUSES.length)])
    .optional()
    .describe(
      'Only orders with this status — `allocated`, `backordered`, `partially_shipped`, `shipped` or `cancelled` — or one of several, repeating the parameter (`status=allocated&status=backordered`)',
    ),
  channel: z
    .enum(ORDER_CHANNELS)
    .optional()
    .describe('Only orders from this channel: `online`, `pickup` or `store_sale`'),
  location: FilterKey.optional().describe('Only orders with units allocated at this location'),
  from: instant().optional().describe('Only orders placed at or after this moment (ISO-8601 with an offset)'),
  until: instant().optional().describe('Only orders placed before this moment (ISO-8601 with an offset)'),
  after: Cursor.optional(),
  limit: PageLimit,
});
export type OrderFilter = z.input<typeof OrderFilter>;
