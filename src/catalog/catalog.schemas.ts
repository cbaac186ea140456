import { z } from 'zod';
import { days, identifier, money, readableId, singleLine, units, weightKg } from '../input/index.js';
import { isValidGtin } from './gtin.js';
import { LOCATION_STATUSES, REAL_LOCATION_KINDS, RESERVED_LOCATION_IDS } from './location.js';
import { PRODUCT_UNITS } from './product.js';

/** A location id people type and read: `dc-north`, `STORE-042`. */
export const LocationId = readableId().refine(
  (id) => !RESERVED_LOCATION_IDS.includes(id.toLowerCase()),
  'this id is reserved for a virtual location',
);

/** Any location a movement may name, including virtual ones (`supplier`, `transit:T-1`, `quarantine:store-1`). */
export const AnyLocationId = identifier(80);

export const Sku = readableId();

/** Where a list goes on from: the previous page's `nextCursor`. */
export const Cursor = identifier(200);
/** How many items a page of a list holds. */
export const PageLimit = z.coerce.number().int().min(1).max(1000).default(100);

const Latitude = z.number().min(-90).max(90);
const Longitude = z.number().min(-180).max(180);
const Name = singleLine(200);
const Region = singleLine(100);
const Category = singleLine(100);

const locationFields = {
  name: Name,
  kind: z.enum(REAL_LOCATION_KINDS),
  region: Region.nullable(),
  latitude: Latitude.nullable(),
  longitude: Longitude.nullable(),
  status: z.enum(LOCATION_STATUSES),
  parentId: LocationId.nullable(),
  allowNegativeStock: z.boolean(),
  shipsOnline: z.boolean(),
};

const bothCoordinatesOrNeither = (value: { latitude?: number | null; longitude?: number | null }) =>
  (value.latitude == null) === (value.longitude == null);
const coordinatesMessage = { message: 'give latitude and longitude together', path: ['longitude'] };

export const NewLocation = z
  .strictObject({
    id: LocationId,
    name: locationFields.name,
    kind: locationFields.kind,
    region: locationFields.region.default(null),
    latitude: locationFields.latitude.default(null),
    longitude: locationFields.longitude.default(null),
    status: locationFields.status.default('active'),
    parentId: locationFields.parentId.default(null),
    allowNegativeStock: locationFields.allowNegativeStock.default(false),
    /** Default: yes for DCs and warehouses, no for stores. */
    shipsOnline: locationFields.shipsOnline.optional(),
  })
  .refine(bothCoordinatesOrNeither, coordinatesMessage);
export type NewLocation = z.input<typeof NewLocation>;

export const LocationChanges = z
  .strictObject({
    name: locationFields.name,
    kind: locationFields.kind,
    region: locationFields.region,
    latitude: locationFields.latitude,
    longitude: locationFields.longitude,
    status: locationFields.status,
    parentId: locationFields.parentId,
    allowNegativeStock: locationFields.allowNegativeStock,
    shipsOnline: locationFields.shipsOnline,
  })
  .partial();
export type LocationChanges = z.input<typeof LocationChanges>;

const productFields = {
  name: Name,
  category: Category.nullable(),
  unit: z.enum(PRODUCT_UNITS),
  unitCost: money(),
  price: money(),
  weightKg: weightKg(),
  gtin: z.string().max(14).refine(isValidGtin, 'not a GTIN-8/12/13/14 with a correct check digit').nullable(),
};

export const NewProduct = z.strictObject({
  sku: Sku,
  name: productFields.name,
  category: productFields.category.default(null),
  unit: productFields.unit.default('each'),
  unitCost: productFields.unitCost.default(0),
  price: productFields.price.default(0),
  weightKg: productFields.weightKg.default(0),
  gtin: productFields.gtin.default(null),
});
export type NewProduct = z.input<typeof NewProduct>;

export const ProductChanges = z.strictObject(productFields).partial();
export type ProductChanges = z.input<typeof ProductChanges>;

export const ListQuery = z.strictObject({
  /** Return items after this id (the previous page's `nextCursor`). */
  after: Cursor.optional(),
  limit: PageLimit,
});

export const LocationFilter = ListQuery.extend({
  kind: z.enum(REAL_LOCATION_KINDS).optional(),
  region: Region.optional(),
  status: z.enum(LOCATION_STATUSES).optional(),
});
export type LocationFilter = z.input<typeof LocationFilter>;

export const ProductFilter = ListQuery.extend({
  category: Category.optional(),
});
export type ProductFilter = z.input<typeof ProductFilter>;

/** A supplier id, like a location id: `acme-foods`, `SUP-12`. */
export const SupplierId = readableId();

const supplierFields = {
  name: Name,
  leadTimeDays: days(),
  leadTimeSdDays: days(),
  minOrderQuantity: units({ min: 1 }),
  packSize: units({ min: 1 }),
};

export const NewSupplier = z.strictObject({
  id: SupplierId,
  name: supplierFields.name,
  leadTimeDays: supplierFields.leadTimeDays,
  leadTimeSdDays: supplierFields.leadTimeSdDays.default(0),
  minOrderQuantity: supplierFields.minOrderQuantity.default(1),
  packSize: supplierFields.packSize.default(1),
});
export type NewSupplier = z.input<typeof NewSupplier>;

export const SupplierChanges = z.strictObject(supplierFields).partial();
export type SupplierChanges = z.input<typeof SupplierChanges>;

/** What a supplier's item says; every field but the SKU may be left out (the supplier's terms apply). */
export const SupplierItemTerms = z.strictObject({
  supplierSku: singleLine(100).nullable().default(null),
  unitCost: money().nullable().default(null),
  leadTimeDays: days().nullable().default(null),
});
export type SupplierItemTerms = z.input<typeof SupplierItemTerms>;

export const SupplierFilter = ListQuery;
export type SupplierFilter = z.input<typeof SupplierFilter>;

/** A page of a supplier's items, by SKU: `after` is the last SKU of the previous page. */
export const SupplierItemFilter = ListQuery;
export type SupplierItemFilter = z.input<typeof SupplierItemFilter>;
