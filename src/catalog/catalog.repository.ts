import type { Selectable } from 'kysely';
import { placeholderRows, runStatement, toIsoString } from '../store/index.js';
import type { Db, StoreCapabilities } from '../store/index.js';
import type { LocationTable, ProductTable, SupplierItemTable, SupplierTable } from '../store/index.js';
import type { Location } from './catalog.schemas.js';
import type { LocationKind, LocationStatus } from './location.js';
import type { Product } from './catalog.schemas.js';
import type { ProductUnit } from './product.js';
import type { Supplier, SupplierItem } from './catalog.schemas.js';

export function toLocation(row: Selectable<LocationTable>): Location {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as LocationKind,
    region: row.region,
    latitude: row.latitude,
    longitude: row.longitude,
    status: row.status as LocationStatus,
    parentId: row.parent_id,
    allowNegativeStock: row.allow_negative_stock === 1,
    shipsOnline: row.ships_online === null ? row.kind !== 'store' : row.ships_online === 1,
    createdAt: toIsoString(row.created_at),
    updatedAt: toIsoString(row.updated_at),
  };
}

export function toProduct(row: Selectable<ProductTable>): Product {
  return {
    sku: row.sku,
    name: row.name,
    category: row.category,
    unit: row.unit as ProductUnit,
    unitCost: row.unit_cost,
    price: row.price,
    weightKg: row.weight_kg,
    gtin: row.gtin,
    createdAt: toIsoString(row.created_at),
    updatedAt: toIsoString(row.updated_at),
  };
}

/** The locations among `ids` that exist, by id. */
export async function findLocations(db: Db, ids: readonly string[]): Promise<Map<string, Location>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('locations')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, toLocation(row)]));
}

/** What a posting needs to know of a location. */
export type LocationFacts = Pick<Location, 'id' | 'kind' | 'status' | 'allowNegativeStock'>;

/**
 * The locations among `locationIds` and the SKUs among `skus` that exist, in one statement: a
 * posting asks this on every write, so it is one round trip rather than two. The values of the
 * settings named by `settingKeys` (the ledger's lock date) come back in the same round trip.
 */
export async function findPostingSubjects(
  db: Db,
  capabilities: StoreCapabilities,
  locationIds: readonly string[],
  skus: readonly string[],
  settingKeys: readonly string[] = [],
): Promise<{ locations: Map<string, LocationFacts>; skus: Set<string>; settings: Map<string, string | null> }> {
  const ids = [...new Set(locationIds)];
  const codes = [...new Set(skus)];
  const keys = [...new Set(settingKeys)];
  // `in ()` is an error on PostgreSQL: an empty list matches nothing instead.
  const list = (n: number) => (n > 0 ? placeholderRows(1, n, (m) => m) : 'null');
  const { rows } = await runStatement<{
    subject: string;
    id: string;
    kind: string | null;
    status: string | null;
    allow_negative_stock: number | null;
    value: string | null;
  }>(
    db,
    capabilities,
    `select 'location' as subject, id, kind, status, allow_negative_stock, null as value from locations where id in (${list(ids.length)})
     union all
     select 'product', sku, null, null, null, null from products where sku in (${list(codes.length)})${
       keys.length > 0
         ? `
     union all
     select 'setting', key, null, null, null, value from settings where key in (${list(keys.length)})`
         : ''
     }`,
    [...ids, ...codes, ...keys],
  );
  const found = {
    locations: new Map<string, LocationFacts>(),
    skus: new Set<string>(),
    settings: new Map<string, string | null>(),
  };
  for (const row of rows) {
    if (row.subject === 'product') found.skus.add(row.id);
    else if (row.subject === 'setting') found.settings.set(row.id, row.value);
    else
      found.locations.set(row.id, {
        id: row.id,
        kind: row.kind as LocationKind,
        status: row.status as LocationStatus,
        allowNegativeStock: row.allow_negative_stock === 1,
      });
  }
  return found;
}

export function toSupplier(row: Selectable<SupplierTable>): Supplier {
  return {
    id: row.id,
    name: row.name,
    leadTimeDays: row.lead_time_days,
    leadTimeSdDays: row.lead_time_sd_days,
    minOrderQuantity: row.min_order_quantity,
    packSize: row.pack_size,
    createdAt: toIsoString(row.created_at),
    updatedAt: toIsoString(row.updated_at),
  };
}

export function toSupplierItem(row: Selectable<SupplierItemTable>): SupplierItem {
  return {
    supplierId: row.supplier_id,
    sku: row.sku,
    supplierSku: row.supplier_sku,
    unitCost: row.unit_cost,
    leadTimeDays: row.lead_time_days,
    createdAt: toIsoString(row.created_at),
    updatedAt: toIsoString(row.updated_at),
  };
}
