import { z } from 'zod';
import { LOCATION_STATUSES } from '../catalog/index.js';

const units = (description: string) => z.number().int().describe(description);

/**
 * A location's figures for a SKU: its own (on hand, reserved, available) and what stands beside them:
 * what its quarantine holds (never available), what transfers bring it (in transit) and open purchase
 * orders (on order), and what it shipped that has not arrived (outbound).
 */
const stockFields = {
  sku: z.string().describe('The product'),
  locationId: z.string().describe('The location'),
  onHand: units('On the premises (at a transit or a quarantine: what it holds)'),
  reserved: units('Promised to orders, not yet shipped'),
  available: units('On hand less reserved; always 0 at a transit or a quarantine'),
  quarantined: units("Returned units in this location's quarantine, awaiting inspection: held, never available"),
  inTransit: units('On transfers on their way to this location'),
  onOrder: units('On open purchase orders to this location'),
  inbound: units('In transit and on order'),
  outbound: units('Shipped from this location, not yet received'),
};

/** Stock of one SKU at one location, with what is on its way in and out. */
export const StockRow = z.object(stockFields).meta({ id: 'StockRow', description: 'Stock of one SKU at one location' });
export type StockRow = z.output<typeof StockRow>;

/** A row of a shortage list: a location's own figures for a SKU, with the names a person reads it by. */
export const NamedStockRow = z
  .object({
    sku: stockFields.sku,
    locationId: stockFields.locationId,
    onHand: stockFields.onHand,
    reserved: stockFields.reserved,
    available: stockFields.available,
    productName: z.string().describe("The product's name"),
    locationName: z.string().describe("The location's name"),
    region: z.string().nullable().describe("The location's region, if any"),
  })
  .meta({
    id: 'NamedStockRow',
    description:
      "A location's own figures for a SKU (on hand, reserved, available) with the names a person reads it by",
  });
export type NamedStockRow = z.output<typeof NamedStockRow>;

/**
 * Totals over a region or the network, in disjoint buckets: a unit is in exactly one of on hand (at a
 * real location), in transit (between our locations), on order (open purchase orders) and quarantined;
 * `total` is their sum.
 */
export const StockTotals = z.object({
  onHand: units('On hand at real locations, whatever their status'),
  reserved: units('Promised to orders'),
  available: units('On hand less reserved at locations that can ship (active)'),
  unavailable: units('On hand at disrupted or closed locations: it cannot ship'),
  quarantined: units('Held in quarantines'),
  inTransit: units('On transfers between our locations (for a region: on their way into it)'),
  onOrder: units('On open purchase orders'),
  outbound: units('On transfers on their way out (for the network: the same as in transit)'),
  total: units('On hand + in transit + on order + quarantined: every unit once'),
});
export type StockTotals = z.output<typeof StockTotals>;

/** A location's row with the facts totals are sorted by: its region, and whether it can ship. */
export const PlacedStockRow = z.object({
  ...stockFields,
  region: z.string().nullable().describe("The location's region; null if none"),
  status: z.enum(LOCATION_STATUSES).describe('Whether the location can ship: only active locations count as available'),
});
export type PlacedStockRow = z.output<typeof PlacedStockRow>;

/** A region's totals, named by its region. */
export const RegionStock = StockTotals.extend({
  region: z.string().nullable().describe('The region; null for locations in none'),
});
export type RegionStock = z.output<typeof RegionStock>;

/** One SKU across the network: per real location, per region, and in all. */
export const NetworkStock = z
  .object({
    sku: z.string().describe('The product'),
    locations: z.array(PlacedStockRow).describe('Per real location that holds it, held it, or has it on the way'),
    regions: z.array(RegionStock).describe('Totals per region'),
    network: StockTotals.describe('Totals for the whole network'),
  })
  .meta({ id: 'NetworkStock', description: 'One SKU across the network: per location, per region and in all' });
export type NetworkStock = z.output<typeof NetworkStock>;
