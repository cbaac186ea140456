/** Someone the network buys from, with how long their deliveries take and how they sell. */
export interface Supplier {
  id: string;
  name: string;
  /** Mean days from order to receipt. */
  leadTimeDays: number;
  /** Standard deviation of that lead time, in days: safety stock covers it. */
  leadTimeSdDays: number;
  /** The least they accept on one order line, in the product's units. */
  minOrderQuantity: number;
  /** Orders are rounded up to whole packs of this many units. */
  packSize: number;
  createdAt: string;
  updatedAt: string;
}

/** A product a supplier supplies, under their own SKU and price, perhaps with a lead time of its own. */
export interface SupplierItem {
  supplierId: string;
  sku: string;
  supplierSku: string | null;
  unitCost: number | null;
  /** Overrides the supplier's lead time for this product. */
  leadTimeDays: number | null;
  createdAt: string;
  updatedAt: string;
}
