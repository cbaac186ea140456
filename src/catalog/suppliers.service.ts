import { DomainError, parseInput } from '../errors/index.js';
import { toPage } from '../store/index.js';
import type { Page, Store } from '../store/index.js';
import { toSupplier, toSupplierItem } from './catalog.repository.js';
import {
  NewSupplier,
  Sku,
  SupplierChanges,
  SupplierFilter,
  SupplierId,
  SupplierItemFilter,
  SupplierItemTerms,
} from './catalog.schemas.js';
import type { Supplier, SupplierItem } from './catalog.schemas.js';

/** Suppliers, their lead times and order rules, and the products each supplies. */
export interface Suppliers {
  create(input: NewSupplier): Promise<Supplier>;
  update(id: string, changes: SupplierChanges): Promise<Supplier>;
  get(id: string): Promise<Supplier>;
  list(filter?: SupplierFilter): Promise<Page<Supplier>>;
  /** Records (or replaces) the terms on which `supplierId` supplies `sku`. */
  putItem(supplierId: string, sku: string, terms: SupplierItemTerms): Promise<SupplierItem>;
  /** Every product a supplier supplies, by SKU. */
  items(supplierId: string): Promise<SupplierItem[]>;
  /** A page of the products a supplier supplies, by SKU. */
  listItems(supplierId: string, filter?: SupplierItemFilter): Promise<Page<SupplierItem>>;
}

/**
 * @example
 * const suppliers = createSuppliers(store);
 * await suppliers.create({ id: 'nordkaffee', name: 'Nordkaffee GmbH', leadTimeDays: 6, leadTimeSdDays: 1.5, packSize: 12 });
 * await suppliers.putItem('nordkaffee', 'COF-1', { supplierSku: 'NK-500', unitCost: 4.1 });
 */
export function createSuppliers(store: Store): Suppliers {
  const { db } = store;

  async function get(id: string): Promise<Supplier> {
    const row = await db.selectFrom('suppliers').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new DomainError('unknown_supplier', `Supplier '${id}' does not exist`, { supplier: id });
    return toSupplier(row);
  }

  /** A supplier's items by SKU, after `after`, at most `limit`; `unknown_supplier` if there is no such supplier. */
  async function itemsOf(supplierId: string, after?: string, limit?: number): Promise<SupplierItem[]> {
    await get(supplierId);
    let query = db.selectFrom('supplier_items').selectAll().where('supplier_id', '=', supplierId).orderBy('sku');
    if (after !== undefined) query = query.where('sku', '>', after);
    if (limit !== undefined) query = query.limit(limit);
    return (await query.execute()).map(toSupplierItem);
  }

  return {
    async create(input) {
      const supplier = parseInput(NewSupplier, input);
      const now = new Date().toISOString();
      const row = await db
        .insertInto('suppliers')
        .values({
          id: supplier.id,
          name: supplier.name,
          lead_time_days: supplier.leadTimeDays,
          lead_time_sd_days: supplier.leadTimeSdDays,
          min_order_quantity: supplier.minOrderQuantity,
          pack_size: supplier.packSize,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!row) {
        throw new DomainError('already_exists', `Supplier '${supplier.id}' already exists`, { supplier: supplier.id });
      }
      return toSupplier(row);
    },

    async update(id, input) {
      const changes = parseInput(SupplierChanges, input);
      const row = await db
        .updateTable('suppliers')
        .set({
          ...(changes.name !== undefined && { name: changes.name }),
          ...(changes.leadTimeDays !== undefined && { lead_time_days: changes.leadTimeDays }),
          ...(changes.leadTimeSdDays !== undefined && { lead_time_sd_days: changes.leadTimeSdDays }),
          ...(changes.minOrderQuantity !== undefined && { min_order_quantity: changes.minOrderQuantity }),
          ...(changes.packSize !== undefined && { pack_size: changes.packSize }),
          updated_at: new Date().toISOString(),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      if (!row) throw new DomainError('unknown_supplier', `Supplier '${id}' does not exist`, { supplier: id });
      return toSupplier(row);
    },

    get,

    async list(input = {}) {
      const filter = parseInput(SupplierFilter, input);
      let query = db
        .selectFrom('suppliers')
        .selectAll()
        .orderBy('id')
        .limit(filter.limit + 1);
      if (filter.after) query = query.where('id', '>', filter.after);
      return toPage((await query.execute()).map(toSupplier), filter.limit, (s) => s.id);
    },

    async putItem(supplierId, sku, input) {
      parseInput(SupplierId, supplierId);
      parseInput(Sku, sku);
      const terms = parseInput(SupplierItemTerms, input);
      await get(supplierId);
      const product = await db.selectFrom('products').select('sku').where('sku', '=', sku).executeTakeFirst();
      if (!product) throw new DomainError('unknown_sku', `Product '${sku}' does not exist`, { sku });
      const now = new Date().toISOString();
      const values = {
        supplier_sku: terms.supplierSku,
        unit_cost: terms.unitCost,
        lead_time_days: terms.leadTimeDays,
        updated_at: now,
      };
      const row = await db
        .insertInto('supplier_items')
        .values({ supplier_id: supplierId, sku, ...values, created_at: now })
        .onConflict((oc) => oc.columns(['supplier_id', 'sku']).doUpdateSet(values))
        .returningAll()
        .executeTakeFirstOrThrow();
      return toSupplierItem(row);
    },

    items: (supplierId) => itemsOf(supplierId),

    async listItems(supplierId, input = {}) {
      const filter = parseInput(SupplierItemFilter, input);
      return toPage(await itemsOf(supplierId, filter.after, filter.limit + 1), filter.limit, (i) => i.sku);
    },
  };
}
