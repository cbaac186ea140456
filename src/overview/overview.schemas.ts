import { z } from 'zod';
import { LOCATION_STATUSES, REAL_LOCATION_KINDS } from '../catalog/index.js';

const units = (description: string) => z.number().int().describe(description);
const money = (description: string) => z.number().describe(description);
const count = (description: string) => z.number().int().min(0).describe(description);

/** Units in disjoint buckets, as the stock views count them: every unit once. */
export const OverviewUnits = z
  .object({
    onHand: units('On hand at real locations, whatever their status'),
    reserved: units('Promised to orders, not yet shipped'),
    available: units('On hand less reserved at locations that can ship (active)'),
    unavailable: units('On hand at disrupted or closed locations: it cannot ship'),
    quarantined: units('Returned units held in quarantine until inspected'),
    inTransit: units('On transfers between our locations (for a region or a location: on their way into it)'),
    onOrder: units('On open purchase orders'),
    outbound: units('On transfers on their way out (for the network: the same as in transit)'),
    total: units('On hand + in transit + on order + quarantined: every unit once'),
  })
  .meta({ id: 'OverviewUnits', description: 'Units in disjoint buckets' });

export const OverviewValue = z
  .object({
    onHandAtCost: money("On hand valued at each product's unit cost"),
    onHandAtPrice: money("On hand valued at each product's selling price"),
    inTransitAtCost: money('In transit valued at unit cost'),
    onOrderAtCost: money('On order valued at unit cost'),
  })
  .meta({ id: 'OverviewValue', description: 'What the stock is worth, in the network currency, rounded to cents' });

export const OverviewSkus = z
  .object({
    carried: count('SKUs held here now or before, or on their way here'),
    outOfStock: count('Carried SKUs with nothing available (for a region or the network: nowhere in it)'),
    belowReorderPoint: z
      .number()
      .int()
      .min(0)
      .nullable()
      .describe(
        'Carried SKUs whose inventory position (on hand + inbound − reserved) is at or below the reorder point the latest plan sets for today, at this location (for a region or the network: at one location of it or more); null before any plan, or when the latest plan no longer covers today',
      ),
  })
  .meta({ id: 'OverviewSkus', description: 'How many SKUs are carried, and how many of them are short' });

export const OverviewOverdue = z
  .object({
    purchaseOrders: count('Open purchase orders delivering here, past their expected date'),
    transfers: count('Transfers on their way here, past their expected arrival'),
  })
  .meta({ id: 'OverviewOverdue', description: 'Documents late against their own dates' });

const figures = {
  units: OverviewUnits,
  value: OverviewValue,
  skus: OverviewSkus,
  daysOfSupply: z
    .number()
    .nullable()
    .describe(
      'On hand at cost divided by forecast daily demand at cost: how long the stock lasts at the forecast rate; null without forecast demand',
    ),
  overdue: OverviewOverdue,
};

export const LocationOverview = z
  .object({
    id: z.string().describe('The location'),
    name: z.string().describe("The location's name"),
    kind: z.enum(REAL_LOCATION_KINDS).describe('Distribution centre, warehouse or store'),
    region: z.string().nullable().describe('The region it belongs to, if any'),
    status: z.enum(LOCATION_STATUSES).describe('Whether it can ship: only active locations count as available'),
    ...figures,
  })
  .meta({ id: 'LocationOverview', description: "One location's figures" });

export const RegionOverview = z
  .object({ region: z.string().nullable().describe('The region; null for locations in none'), ...figures })
  .meta({ id: 'RegionOverview', description: "A region's figures: the sum of its locations'" });

export const NetworkOverview = z
  .object({
    at: z.string().describe('When the figures were read'),
    forecastRunId: z
      .string()
      .nullable()
      .describe('The forecast run days of supply come from; null before any forecast has run'),
    network: z.object(figures).describe('The whole network: the sum of its regions'),
    regions: z.array(RegionOverview).describe('Per region, in name order (locations in no region last)'),
    locations: z.array(LocationOverview).describe('Per real location, in id order'),
  })
  .meta({
    id: 'NetworkOverview',
    description: 'Stock, its value, shortages, cover and late documents per network, region and location',
  });

export type OverviewFigures = z.output<z.ZodObject<typeof figures>>;
export type LocationOverview = z.output<typeof LocationOverview>;
export type RegionOverview = z.output<typeof RegionOverview>;
export type NetworkOverview = z.output<typeof NetworkOverview>;

export const OverviewQuery = z.strictObject({
  region: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe('Only this region and its locations (the network stays whole)'),
});
export type OverviewQuery = z.output<typeof OverviewQuery>;
