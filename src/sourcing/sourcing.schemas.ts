import { z } from 'zod';
import { money } from '../input/index.js';

/** What a plan costs when nobody says otherwise. */
export const DEFAULT_COSTS = {
  perShipment: 4.5,
  perKgKm: 0.002,
  perExtraParcel: 3,
  maxParcels: 3,
  storeProtection: true,
};

/** A store keeps this many units of each SKU for its shelf, until planning gives it a safety stock. */
export const DEFAULT_PROTECTED_UNITS = 2;

/** What a plan costs: per parcel, per kg·km, and for every parcel after the first. */
export const CostModel = z.strictObject({
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
});
export type CostModel = z.output<typeof CostModel>;

/**
 * The sourcing settings a network or a request may give, each optional: the cost model, and the units
 * a store keeps for its shelf.
 */
export const SourcingCosts = CostModel.extend({
  protectedUnits: z
    .number()
    .int()
    .nonnegative()
    .max(1e6)
    .describe(
      `Units of each SKU a store keeps for its own shelf when protection is on, 0–1,000,000; a pickup store hands over its own shelf stock all the same (built-in default ${DEFAULT_PROTECTED_UNITS})`,
    ),
}).partial();
export type SourcingCosts = z.output<typeof SourcingCosts>;

/** Why a location was left out of a plan. */
export const EXCLUSION_REASONS = ['disrupted', 'closed', 'no_online_shipping', 'no_coordinates', 'no_stock'] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

/** How a plan was made: the fast heuristic, or the exact (mixed-integer) solver. */
export const PLAN_METHODS = ['heuristic', 'exact'] as const;

/** Units of one SKU: a line of an order, a parcel or a shortfall. */
export const skuUnits = {
  sku: z.string().describe('The product'),
  quantity: z.number().int().describe('Units'),
};

export const SourcingPlan = z
  .object({
    shipments: z
      .array(
        z.object({
          locationId: z.string().describe('Where the parcel ships from'),
          distanceKm: z.number().describe('Great-circle distance to the destination, in km'),
          weightKg: z.number().describe('Weight of the parcel, in kg'),
          cost: z
            .number()
            .describe(
              "This parcel's cost: per shipment plus weight × distance (the split penalty is in the plan's cost)",
            ),
          lines: z.array(z.object(skuUnits)).describe('What it carries'),
        }),
      )
      .describe('The parcels: one per location shipping'),
    short: z.array(z.object(skuUnits)).describe('Units no eligible location can ship, per SKU'),
    cost: z.number().describe('What the plan costs: its parcels, and a penalty for each parcel after the first'),
    optimal: z
      .boolean()
      .describe('Whether the plan is proven cheapest (by the exact solver, or a heuristic plan shown to be)'),
    method: z
      .enum(PLAN_METHODS)
      .describe('How it was planned: `heuristic` (fast, the default) or `exact` (a mixed-integer solver)'),
    excluded: z
      .array(
        z.object({
          locationId: z.string().describe('The location left out'),
          reason: z
            .enum(EXCLUSION_REASONS)
            .describe(
              'Why: `disrupted` or `closed`; `no_online_shipping` (not set up to ship orders); `no_coordinates` (no position to measure from); `no_stock` (none of the SKUs available)',
            ),
        }),
      )
      .describe('Locations that could not ship it, and why'),
    alternatives: z
      .array(
        z.object({
          locationId: z.string().describe('The location'),
          distanceKm: z.number().describe('Great-circle distance to the destination, in km'),
          covers: z.number().int().describe('Units of the order it could ship'),
          aloneCost: z
            .number()
            .nullable()
            .describe('What it would cost to ship the whole order alone; null if it cannot cover all of it'),
        }),
      )
      .describe('The other eligible locations, nearest first'),
  })
  .meta({ id: 'SourcingPlan', description: 'Where an order ships from, what that costs, and what else was weighed' });
export type SourcingPlan = z.output<typeof SourcingPlan>;
/** One parcel of a plan: from one location, with its lines. */
export type Shipment = SourcingPlan['shipments'][number];
