import { DomainError } from '../errors/index.js';
import type { Db } from '../store/index.js';
import { toSupplier, toSupplierItem } from './catalog.repository.js';
import type { Supplier, SupplierItem } from './catalog.schemas.js';

/**
 * The suppliers among `ids` that exist, by id.
 *
 * @example
 * const supplier = (await findSuppliers(db, ['nordkaffee'])).get('nordkaffee'); // undefined if unknown
 */
export async function findSuppliers(db: Db, ids: readonly string[]): Promise<Map<string, Supplier>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('suppliers')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, toSupplier(row)]));
}

/**
 * Checks that every supplier in `ids` exists; `unknown_supplier` names those that do not.
 *
 * @example
 * await requireSuppliers(trx, lines.flatMap((l) => (l.supplier ? [l.supplier] : [])));
 */
export async function requireSuppliers(db: Db, ids: readonly string[]): Promise<Map<string, Supplier>> {
  const found = await findSuppliers(db, ids);
  const missing = [...new Set(ids)].filter((id) => !found.has(id));
  if (missing.length > 0)
    throw new DomainError('unknown_supplier', `Unknown supplier: ${missing.map((m) => `'${m}'`).join(', ')}`, {
      suppliers: missing,
    });
  return found;
}

/**
 * The terms on which `supplierId` supplies those of `skus` it has terms for (its unit cost, its own
 * lead time), by SKU.
 *
 * @example
 * const terms = await supplierTerms(db, 'nordkaffee', ['COF-1']);
 * terms.get('COF-1')?.unitCost; // 4.1, or null when the supplier gave no cost
 */
export async function supplierTerms(
  db: Db,
  supplierId: string,
  skus: readonly string[],
): Promise<Map<string, SupplierItem>> {
  if (skus.length === 0) return new Map();
  const rows = await db
    .selectFrom('supplier_items')
    .selectAll()
    .where('supplier_id', '=', supplierId)
    .where('sku', 'in', [...new Set(skus)])
    .execute();
  return new Map(rows.map((row) => [row.sku, toSupplierItem(row)]));
}

/** A supplier's offer of one SKU: the supplier, and its item terms for the SKU. */
export interface SupplierOfferRow {
  supplier: Supplier;
  item: SupplierItem;
}

/**
 * Every supplier's item of every SKU, in one read: who can deliver what, on which terms. A SKU no
 * supplier has an item for has no offer.
 *
 * @example
 * const offers = await supplierOffers(db);
 * offers.filter((o) => o.item.sku === 'TEA-1').map((o) => o.supplier.id); // ['nordfrisch']
 */
export async function supplierOffers(db: Db): Promise<SupplierOfferRow[]> {
  const [suppliers, items] = await Promise.all([
    db.selectFrom('suppliers').selectAll().execute(),
    db.selectFrom('supplier_items').selectAll().orderBy('sku').orderBy('supplier_id').execute(),
  ]);
  const byId = new Map(suppliers.map((row) => [row.id, toSupplier(row)]));
  return items.flatMap((row) => {
    const supplier = byId.get(row.supplier_id);
    return supplier ? [{ supplier, item: toSupplierItem(row) }] : [];
  });
}
