import type { z } from 'zod';
import {
  findLocations,
  findPostingSubjects,
  isRealKind,
  NewLocation,
  NewProduct,
  NewSupplier,
  recordStatusChange,
  Sku,
  SupplierId,
  SupplierItemTerms,
  toLocation,
  toProduct,
  toSupplier,
  toSupplierItem,
  REAL_LOCATION_KINDS,
} from '../catalog/index.js';
import type { Location } from '../catalog/index.js';
import type { LocationTable } from '../store/index.js';
import { camelCase } from './cells.js';
import type { Column } from './cells.js';
import type { RowError } from './exchange.schemas.js';
import type { Dataset } from './dataset.js';
import { EXPORT_PAGE, keyedDataset, keysetPages } from './keyed-dataset.js';

/** A domain object as cells: each column's camelCase field. */
export const cellsOf = (columns: readonly Column[]) => (item: object) =>
  Object.fromEntries(columns.map((c) => [c.name, (item as Record<string, unknown>)[camelCase(c.name)]]));

const LOCATION_COLUMNS: Column[] = [
  { name: 'id', type: 'text', required: true },
  { name: 'name', type: 'text', required: true },
  { name: 'kind', type: 'text', required: true },
  { name: 'region', type: 'text' },
  { name: 'latitude', type: 'number' },
  { name: 'longitude', type: 'number' },
  { name: 'status', type: 'text' },
  { name: 'parent_id', type: 'text' },
  { name: 'allow_negative_stock', type: 'boolean' },
  { name: 'ships_online', type: 'boolean' },
];

export const LOCATIONS: Dataset<z.output<typeof NewLocation>> = keyedDataset({
  name: 'locations',
  summary: 'distribution centres, warehouses and stores, with region, coordinates, status and parent',
  columns: LOCATION_COLUMNS,
  schema: NewLocation,
  table: 'locations',
  keyColumns: ['id'],
  keyColumn: 'id',
  timestamps: true,
  values: (l) => ({
    id: l.id,
    name: l.name,
    kind: l.kind,
    region: l.region,
    latitude: l.latitude,
    longitude: l.longitude,
    status: l.status,
    parent_id: l.parentId,
    allow_negative_stock: l.allowNegativeStock ? 1 : 0,
    ships_online: l.shipsOnline === undefined ? null : l.shipsOnline ? 1 : 0,
  }),
  async references({ db }, rows, earlier) {
    const errors: RowError[] = [];
    const parents = rows.map((l) => l.row.parentId).filter((p): p is string => p !== null && !earlier(p));
    const stored = await findLocations(db, parents);
    const inFile = new Set<string>();
    for (const { line, row } of rows) {
      const parent = row.parentId;
      const known = parent === null || earlier(parent) || inFile.has(parent) || stored.has(parent);
      if (parent === row.id) errors.push({ line, column: 'parent_id', reason: 'a location cannot be its own parent' });
      else if (!known)
        errors.push({ line, column: 'parent_id', reason: `'${parent}' is neither stored nor on an earlier line` });
      else if (stored.has(parent!) && !isRealKind(stored.get(parent!)!.kind))
        errors.push({ line, column: 'parent_id', reason: `'${parent}' is not a real location` });
      inFile.add(row.id);
    }
    const existing = await findLocations(
      db,
      rows.map((l) => l.row.id),
    );
    for (const { line, row } of rows) {
      const current = existing.get(row.id);
      if (current && !isRealKind(current.kind))
        errors.push({ line, column: 'id', reason: `'${row.id}' is a virtual location` });
    }
    return errors;
  },
  async onUpdated(trx, store, values, before) {
    if (values.status === before.status) return;
    const location = (await findLocations(trx, [values.id as string])).get(values.id as string)!;
    await recordStatusChange(trx, store.capabilities, location, before.status as Location['status']);
  },
  async *exportPages(store) {
    // Parents before their children, so that the file imports in one pass.
    const rows = await store.db
      .selectFrom('locations')
      .selectAll()
      .where('kind', 'in', [...REAL_LOCATION_KINDS])
      .orderBy('id')
      .execute();
    yield parentsFirst(rows).map((row) => cellsOf(LOCATION_COLUMNS)(toLocation(row)));
  },
});

function parentsFirst<T extends Pick<LocationTable, 'id' | 'parent_id'>>(rows: T[]): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const placed = new Set<string>();
  const ordered: T[] = [];
  const place = (row: T, path: Set<string>) => {
    if (placed.has(row.id) || path.has(row.id)) return;
    const parent = row.parent_id === null ? undefined : byId.get(row.parent_id);
    if (parent) place(parent, new Set([...path, row.id]));
    placed.add(row.id);
    ordered.push(row);
  };
  for (const row of rows) place(row, new Set());
  return ordered;
}

const PRODUCT_COLUMNS: Column[] = [
  { name: 'sku', type: 'text', required: true },
  { name: 'name', type: 'text', required: true },
  { name: 'category', type: 'text' },
  { name: 'unit', type: 'text' },
  { name: 'unit_cost', type: 'number' },
  { name: 'price', type: 'number' },
  { name: 'weight_kg', type: 'number' },
  { name: 'gtin', type: 'text' },
];

export const PRODUCTS: Dataset<z.output<typeof NewProduct>> = keyedDataset({
  name: 'products',
  summary: 'SKUs with name, category, unit, cost, price, weight and GTIN',
  columns: PRODUCT_COLUMNS,
  schema: NewProduct,
  table: 'products',
  keyColumns: ['sku'],
  keyColumn: 'sku',
  timestamps: true,
  values: (p) => ({
    sku: p.sku,
    name: p.name,
    category: p.category,
    unit: p.unit,
    unit_cost: p.unitCost,
    price: p.price,
    weight_kg: p.weightKg,
    gtin: p.gtin,
  }),
  async references({ db }, rows) {
    const errors: RowError[] = [];
    const gtins = rows.map((l) => l.row.gtin).filter((g): g is string => g !== null);
    if (gtins.length === 0) return errors;
    const owners = new Map(
      (await db.selectFrom('products').select(['sku', 'gtin']).where('gtin', 'in', gtins).execute()).map((r) => [
        r.gtin!,
        r.sku,
      ]),
    );
    const inFile = new Map<string, number>();
    for (const { line, row } of rows) {
      if (row.gtin === null) continue;
      const owner = owners.get(row.gtin);
      if (owner !== undefined && owner !== row.sku)
        errors.push({ line, column: 'gtin', reason: `GTIN ${row.gtin} belongs to '${owner}'` });
      else if (inFile.has(row.gtin))
        errors.push({ line, column: 'gtin', reason: `GTIN ${row.gtin} is already on line ${inFile.get(row.gtin)}` });
      inFile.set(row.gtin, line);
    }
    return errors;
  },
  exportPages: (store) =>
    keysetPages(
      (after: { sku: string } | undefined) =>
        store.db
          .selectFrom('products')
          .selectAll()
          .$if(after !== undefined, (q) => q.where('sku', '>', after!.sku))
          .orderBy('sku')
          .limit(EXPORT_PAGE)
          .execute(),
      (row) => cellsOf(PRODUCT_COLUMNS)(toProduct(row)),
    ),
});

const SUPPLIER_COLUMNS: Column[] = [
  { name: 'id', type: 'text', required: true },
  { name: 'name', type: 'text', required: true },
  { name: 'lead_time_days', type: 'number', required: true },
  { name: 'lead_time_sd_days', type: 'number' },
  { name: 'min_order_quantity', type: 'integer' },
  { name: 'pack_size', type: 'integer' },
];

export const SUPPLIERS: Dataset<z.output<typeof NewSupplier>> = keyedDataset({
  name: 'suppliers',
  summary: 'suppliers with lead time (mean and spread in days), minimum order quantity and pack size',
  columns: SUPPLIER_COLUMNS,
  schema: NewSupplier,
  table: 'suppliers',
  keyColumns: ['id'],
  keyColumn: 'id',
  timestamps: true,
  values: (s) => ({
    id: s.id,
    name: s.name,
    lead_time_days: s.leadTimeDays,
    lead_time_sd_days: s.leadTimeSdDays,
    min_order_quantity: s.minOrderQuantity,
    pack_size: s.packSize,
  }),
  exportPages: (store) =>
    keysetPages(
      (after: { id: string } | undefined) =>
        store.db
          .selectFrom('suppliers')
          .selectAll()
          .$if(after !== undefined, (q) => q.where('id', '>', after!.id))
          .orderBy('id')
          .limit(EXPORT_PAGE)
          .execute(),
      (row) => cellsOf(SUPPLIER_COLUMNS)(toSupplier(row)),
    ),
});

const SUPPLIER_ITEM_COLUMNS: Column[] = [
  { name: 'supplier', type: 'text', required: true },
  { name: 'sku', type: 'text', required: true },
  { name: 'supplier_sku', type: 'text' },
  { name: 'unit_cost', type: 'number' },
  { name: 'lead_time_days', type: 'number' },
];

const SupplierItemRow = SupplierItemTerms.extend({ supplier: SupplierId, sku: Sku });

export const SUPPLIER_ITEMS: Dataset<z.output<typeof SupplierItemRow>> = keyedDataset({
  name: 'supplier-items',
  summary: "what each supplier supplies: their SKU, unit cost and a lead time of the item's own",
  columns: SUPPLIER_ITEM_COLUMNS,
  schema: SupplierItemRow,
  table: 'supplier_items',
  keyColumns: ['supplier_id', 'sku'],
  keyColumn: 'sku',
  timestamps: true,
  values: (i) => ({
    supplier_id: i.supplier,
    sku: i.sku,
    supplier_sku: i.supplierSku,
    unit_cost: i.unitCost,
    lead_time_days: i.leadTimeDays,
  }),
  async references(store, rows) {
    const suppliers = new Set(
      (
        await store.db
          .selectFrom('suppliers')
          .select('id')
          .where('id', 'in', [...new Set(rows.map((l) => l.row.supplier)), ''])
          .execute()
      ).map((r) => r.id),
    );
    const { skus } = await findPostingSubjects(
      store.db,
      store.capabilities,
      [],
      rows.map((l) => l.row.sku),
    );
    return rows.flatMap(({ line, row }): RowError[] => [
      ...(suppliers.has(row.supplier)
        ? []
        : [{ line, column: 'supplier', reason: `supplier '${row.supplier}' does not exist` }]),
      ...(skus.has(row.sku) ? [] : [{ line, column: 'sku', reason: `product '${row.sku}' does not exist` }]),
    ]);
  },
  exportPages: (store) =>
    keysetPages(
      (after: { supplier_id: string; sku: string } | undefined) =>
        store.db
          .selectFrom('supplier_items')
          .selectAll()
          .$if(after !== undefined, (q) =>
            q.where((eb) =>
              eb.or([
                eb('supplier_id', '>', after!.supplier_id),
                eb.and([eb('supplier_id', '=', after!.supplier_id), eb('sku', '>', after!.sku)]),
              ]),
            ),
          )
          .orderBy('supplier_id')
          .orderBy('sku')
          .limit(EXPORT_PAGE)
          .execute(),
      (row) => {
        const item = toSupplierItem(row);
        return { ...cellsOf(SUPPLIER_ITEM_COLUMNS)(item), supplier: item.supplierId };
      },
    ),
});
