import { z } from 'zod';
import { createdAt, updatedAt } from '../output/index.js';
import { days, identifier, money, readableId, singleLine, units, weightKg } from '../input/index.js';
import { isValidGtin } from './gtin.js';
import { LOCATION_KINDS, LOCATION_STATUSES, REAL_LOCATION_KINDS, RESERVED_LOCATION_IDS } from './location.js';
import { PRODUCT_UNITS } from './product.js';

/** A location id people type and read: `dc-north`, `STORE-042`. */
export const LocationId = readableId()
  .refine((id) => !RESERVED_LOCATION_IDS.includes(id.toLowerCase()), 'this id is reserved for a virtual location')
  .describe(
    'A location\'s id, such as `dc-north` or `STORE-042`: 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit',
  );

/** Any location a movement may name, including virtual ones (`supplier`, `transit:T-1`, `quarantine:store-1`). */
export const AnyLocationId = identifier(80).describe(
  "A location's id: a real one (`store-1`) or a virtual one (`supplier`, `customer`, `adjustment`, `scrap`, `transit:T-1`, `quarantine:store-1`)",
);

export const Sku = readableId().describe(
  'A product\'s SKU, such as `TEA-250G`: 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit',
);

/** Where a list goes on from: the previous page's `nextCursor`. */
export const Cursor = identifier(200).describe(
  "Where the page starts: the previous page's `nextCursor`. Leave out for the first page",
);
/** How many items a page of a list holds. */
export const PageLimit = z.coerce
  .number()
  .int()
  .min(1)
  .max(1000)
  .default(100)
  .describe('How many items a page holds at most, 1–1000; 100 when left out');

const Latitude = z.number().min(-90).max(90);
const Longitude = z.number().min(-180).max(180);
const Name = singleLine(200);
const Region = singleLine(100);
const Category = singleLine(100);

const locationFields = {
  name: Name.describe('The name people know the place by, such as `High Street`; up to 200 characters'),
  kind: z
    .enum(REAL_LOCATION_KINDS)
    .describe(
      "What the place is: a `distribution_centre` that replenishes stores, a `warehouse`, or a `store`. Virtual locations (supplier, transit …) are Omnistock's own and cannot be made",
    ),
  region: Region.nullable().describe('The region it belongs to, for reports and filters (`north`); null: none'),
  latitude: Latitude.nullable().describe(
    'Degrees north (negative: south), −90 to 90. Give it with longitude, or neither; a location without both is never chosen to ship online orders',
  ),
  longitude: Longitude.nullable().describe(
    'Degrees east (negative: west), −180 to 180; given with latitude, or neither',
  ),
  status: z
    .enum(LOCATION_STATUSES)
    .describe(
      '`active`; `disrupted`: online orders are not sourced from it; `closed`: not sourced from either, and no stock may be moved in',
    ),
  parentId: LocationId.nullable().describe(
    "The real location that normally replenishes this one (a store's DC); never itself. Null: none",
  ),
  allowNegativeStock: z
    .boolean()
    .describe('Whether stock here may go below zero. Off: a movement taking more than is available is refused'),
  shipsOnline: z.boolean().describe('Whether it may ship online orders to customers'),
};

const bothCoordinatesOrNeither = (value: { latitude?: number | null; longitude?: number | null }) =>
  (value.latitude == null) === (value.longitude == null);
const coordinatesMessage = { message: 'give latitude and longitude together', path: ['longitude'] };

export const NewLocation = z
  .strictObject({
    id: LocationId.describe(
      'The new location\'s id, which cannot be changed later: 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit. `supplier`, `customer`, `adjustment` and `scrap` are taken',
    ),
    name: locationFields.name,
    kind: locationFields.kind,
    region: locationFields.region.default(null),
    latitude: locationFields.latitude.default(null),
    longitude: locationFields.longitude.default(null),
    status: locationFields.status.default('active'),
    parentId: locationFields.parentId.default(null),
    allowNegativeStock: locationFields.allowNegativeStock.default(false),
    shipsOnline: locationFields.shipsOnline
      .optional()
      .describe(
        'Whether it may ship online orders to customers. Left out: yes for distribution centres and warehouses, no for stores',
      ),
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
  name: Name.describe("The product's name as people read it, such as `Green tea 250 g`; up to 200 characters"),
  category: Category.nullable().describe('The category it belongs to, for reports and filters (`drinks`); null: none'),
  unit: z
    .enum(PRODUCT_UNITS)
    .describe(
      'What one unit is. Quantities are whole units, so goods sold by weight, volume or length are kept in `g`, `ml` or `cm`',
    ),
  unitCost: money().describe(
    "What one unit costs to buy, in the retailer's currency; it values stock. 0: not known, so a purchase-order line without a cost needs the supplier's",
  ),
  price: money().describe("What one unit sells for, in the retailer's currency"),
  weightKg: weightKg().describe('The weight of one unit in kilograms, up to 100,000; shipping costs depend on it'),
  gtin: z
    .string()
    .max(14)
    .refine(isValidGtin, 'not a GTIN-8/12/13/14 with a correct check digit')
    .nullable()
    .describe(
      'The barcode number: a GTIN-8, -12, -13 or -14 with a correct check digit, held by one product only. Null: none',
    ),
};

export const NewProduct = z.strictObject({
  sku: Sku.describe(
    'The new product\'s SKU, which cannot be changed later: 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit',
  ),
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
  after: Cursor.optional(),
  limit: PageLimit,
});

export const LocationFilter = ListQuery.extend({
  kind: z.enum(REAL_LOCATION_KINDS).optional().describe('Only locations of this kind'),
  region: Region.optional().describe('Only locations in this region (exact match)'),
  status: z.enum(LOCATION_STATUSES).optional().describe('Only locations with this status'),
});
export type LocationFilter = z.input<typeof LocationFilter>;

export const ProductFilter = ListQuery.extend({
  category: Category.optional().describe('Only products in this category (exact match)'),
});
export type ProductFilter = z.input<typeof ProductFilter>;

/** A supplier id, like a location id: `acme-foods`, `SUP-12`. */
export const SupplierId = readableId().describe(
  'A supplier\'s id, such as `acme-foods`: 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit',
);

const supplierFields = {
  name: Name.describe("The supplier's name, such as `Nordkaffee GmbH`; up to 200 characters"),
  leadTimeDays: days().describe(
    'Mean days from order to receipt, fractions allowed; a purchase order without a date of its own is expected this long after it is submitted',
  ),
  leadTimeSdDays: days().describe(
    'How much the lead time varies: its standard deviation in days, for safety stock to cover; 0: always on time',
  ),
  minOrderQuantity: units({ min: 1 }).describe(
    'The fewest units the supplier accepts on one order line, as they state it (purchase orders do not check it)',
  ),
  packSize: units({ min: 1 }).describe(
    'The supplier sells whole packs of this many units, as they state it (purchase orders do not round to it)',
  ),
};

export const NewSupplier = z.strictObject({
  id: SupplierId.describe(
    'The new supplier\'s id, which cannot be changed later: 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit',
  ),
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
  supplierSku: singleLine(100)
    .nullable()
    .default(null)
    .describe("The supplier's own code for the product, up to 100 characters; null: not known"),
  unitCost: money()
    .nullable()
    .default(null)
    .describe(
      "What this supplier charges for one unit, in the retailer's currency; purchase-order lines without a cost take it. Null: the product's own unit cost applies",
    ),
  leadTimeDays: days()
    .nullable()
    .default(null)
    .describe(
      "Days from order to receipt for this product. A purchase order is expected after the longest of its lines' and the supplier's lead times; null: the supplier's applies",
    ),
});
export type SupplierItemTerms = z.input<typeof SupplierItemTerms>;

export const SupplierFilter = ListQuery;
export type SupplierFilter = z.input<typeof SupplierFilter>;

/** A page of a supplier's items, by SKU: `after` is the last SKU of the previous page. */
export const SupplierItemFilter = ListQuery;
export type SupplierItemFilter = z.input<typeof SupplierItemFilter>;

// What the catalog answers with: these shapes are the domain types and the API's documented responses.

export const Location = z
  .object({
    id: z
      .string()
      .describe(
        "The location's id (`dc-north`); virtual ones have reserved ids: `supplier`, `customer`, `adjustment`, `scrap`, `transit:<transfer>`, `quarantine:<location>`",
      ),
    name: z.string().describe('Its name, as people know it'),
    kind: z
      .enum(LOCATION_KINDS)
      .describe(
        'A place that holds stock (`distribution_centre`, `warehouse`, `store`), or a virtual end of movements: `supplier`, `customer`, `transit` (goods on a transfer), `quarantine` (returns awaiting inspection), `adjustment`, `scrap`',
      ),
    region: z.string().nullable().describe('The region it belongs to, for totals and filters; null if none'),
    latitude: z
      .number()
      .nullable()
      .describe('Latitude in degrees; null if unknown, and then it is never chosen to ship online orders'),
    longitude: z.number().nullable().describe('Longitude in degrees; null exactly when latitude is'),
    status: z
      .enum(LOCATION_STATUSES)
      .describe(
        '`active`: ships and takes stock; `disrupted`: its stock counts as unavailable and cannot be promised; `closed`: takes no stock',
      ),
    parentId: z
      .string()
      .nullable()
      .describe("The location that normally replenishes this one (a store's DC); null if none"),
    allowNegativeStock: z
      .boolean()
      .describe(
        'Whether stock here may go below zero; when false (the default) taking out more than the books show is refused',
      ),
    shipsOnline: z
      .boolean()
      .describe('Whether it may ship online orders: DCs and warehouses by default, stores only when set up for it'),
    createdAt,
    updatedAt,
  })
  .meta({ id: 'Location', description: 'A place that holds stock, or a virtual end of movements' });
export type Location = z.output<typeof Location>;

export const Product = z
  .object({
    sku: z.string().describe("The product's stock-keeping unit: its id (`TEA-250G`)"),
    name: z.string().describe('Its name, as customers and staff know it'),
    category: z.string().nullable().describe('Its category, for reports and forecast accuracy; null if none'),
    unit: z
      .enum(PRODUCT_UNITS)
      .describe(
        'What one unit is: `each`, `pair`, `pack`, or `g`, `ml`, `cm` for goods sold by weight, volume or length; every quantity counts whole units',
      ),
    unitCost: z
      .number()
      .describe(
        'What one unit costs the retailer: values stock at cost, and prices purchase-order lines when the supplier gives no cost; 0 if unknown',
      ),
    price: z.number().describe('Selling price of one unit; 0 if not set'),
    weightKg: z.number().describe('Weight of one unit in kilograms; the shipping cost of online orders depends on it'),
    gtin: z.string().nullable().describe('Its barcode number (GTIN-8, -12, -13 or -14); null if none'),
    createdAt,
    updatedAt,
  })
  .meta({ id: 'Product', description: "A product the network stocks; amounts are in the retailer's currency" });
export type Product = z.output<typeof Product>;

export const Supplier = z
  .object({
    id: z.string().describe("The supplier's id (`acme-foods`)"),
    name: z.string().describe('Its name'),
    leadTimeDays: z
      .number()
      .describe('Mean days from submitting an order to receiving it; an item may have a lead time of its own'),
    leadTimeSdDays: z.number().describe('Standard deviation of that lead time, in days: safety stock covers it'),
    minOrderQuantity: z.number().int().describe('The fewest units they accept on one order line'),
    packSize: z.number().int().describe('They sell whole packs of this many units: orders are rounded up to them'),
    createdAt,
    updatedAt,
  })
  .meta({ id: 'Supplier', description: 'Someone the network buys from, with how long their deliveries take' });
export type Supplier = z.output<typeof Supplier>;

export const SupplierItem = z
  .object({
    supplierId: z.string().describe('The supplier'),
    sku: z.string().describe('The product, by our SKU'),
    supplierSku: z.string().nullable().describe("The supplier's own code for it; null if not known"),
    unitCost: z
      .number()
      .nullable()
      .describe("What the supplier charges per unit; null: purchase orders take the product's unit cost"),
    leadTimeDays: z
      .number()
      .nullable()
      .describe("Days from order to receipt for this product; null: the supplier's lead time applies"),
    createdAt,
    updatedAt,
  })
  .meta({ id: 'SupplierItem', description: 'A product a supplier supplies, under its own code, price and lead time' });
export type SupplierItem = z.output<typeof SupplierItem>;
