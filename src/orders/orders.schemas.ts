import { z } from 'zod';
import { Cursor, LocationId, PageLimit, Sku } from '../catalog/index.js';
import { instant } from '../input/index.js';
import { Actor, IdempotencyKey, Quantity, Reference } from '../ledger/index.js';
import { DocumentId, FilterKey, oncePerSku } from '../procedures/index.js';
import { createdAt, updatedAt } from '../output/index.js';
import { SourcingCosts, SourcingPlan, skuUnits } from '../sourcing/index.js';
import { ORDER_CHANNELS, ORDER_STATUSES } from './order.js';

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
  idempotencyKey: IdempotencyKey.optional(),
});
export type ShipOrder = z.input<typeof ShipOrder>;

export const CancelOrder = z.strictObject({ actor: Actor, idempotencyKey: IdempotencyKey.optional() });
export type CancelOrder = z.input<typeof CancelOrder>;

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

// What orders answer with: these shapes are the domain types and the API's documented responses.

export const Order = z
  .object({
    id: z.string().describe("The order's id"),
    channel: z
      .enum(ORDER_CHANNELS)
      .describe(
        '`online` (shipped to a destination), `pickup` (collected at a store) or `store_sale` (sold at a store)',
      ),
    status: Status.describe(
      '`allocated` (every unit reserved) or `backordered` (some units could not be found); then `partially_shipped`, `shipped`, or `cancelled` (its reservations released)',
    ),
    destination: z
      .object({
        latitude: z.number().describe('Latitude in degrees'),
        longitude: z.number().describe('Longitude in degrees'),
      })
      .nullable()
      .describe('Where an online order goes; null for pickups and store sales'),
    pickupLocationId: z.string().nullable().describe('The store a pickup or store sale is at; null for online orders'),
    reference: z
      .string()
      .nullable()
      .describe("The caller's reference (the web shop's order number, say); null if none"),
    lines: z.array(z.object(skuUnits)).describe('What was ordered, one line per SKU'),
    allocations: z
      .array(
        z.object({
          sku: z.string().describe('The product'),
          locationId: z.string().describe('Where the units are reserved'),
          quantity: z.number().int().describe('Units reserved there'),
          reservationId: z.string().describe('The reservation holding them'),
        }),
      )
      .describe('Where its units are reserved: per SKU and location'),
    plan: SourcingPlan,
    createdBy: z.string().describe('Who placed it'),
    createdAt,
    updatedAt,
  })
  .meta({ id: 'Order', description: 'A customer order, its allocation and the plan it was allocated by' });
export type Order = z.output<typeof Order>;

/** What a location holds for others: open orders allocated there, and other active reservations. */
export const LocationImpact = z.object({
  locationId: z.string().describe('The location asked about'),
  orders: z
    .array(
      z.object({
        orderId: z.string().describe("The order's id"),
        status: Status.describe("The order's status: `allocated`, `backordered` or `partially_shipped`"),
        units: z.number().int().describe('Units of the order reserved at the location, all its SKUs together'),
      }),
    )
    .describe('The open orders with units reserved at the location'),
  reservations: z
    .array(
      z.object({
        reservationId: z.string().describe("The reservation's id"),
        sku: z.string().describe('The SKU reserved'),
        quantity: z.number().int().describe('Units reserved'),
        reference: z.string().nullable().describe('The reference given when it was taken; null if none'),
      }),
    )
    .describe('Active reservations at the location that belong to no order (taken through POST /reservations)'),
});
export type LocationImpact = z.output<typeof LocationImpact>;

/** What rerouting a location's open orders did: the orders moved, and those left as they were. */
export const RerouteReport = z.object({
  locationId: z.string().describe('The location the orders were moved from'),
  moved: z
    .array(
      z.object({
        orderId: z.string().describe("The order's id"),
        status: Status.describe('`allocated`, or `backordered` when some units were found nowhere else'),
        to: z.array(z.string()).describe('The locations that now ship it, nearest first'),
      }),
    )
    .describe('The orders planned again and reserved anew'),
  skipped: z
    .array(
      z.object({
        orderId: z.string().describe("The order's id"),
        reason: z.string().describe('Why it was left as it is, for people to read'),
      }),
    )
    .describe('The orders left as they were'),
});
export type RerouteReport = z.output<typeof RerouteReport>;
