export {
  findLocations,
  findPostingSubjects,
  toLocation,
  toProduct,
  toSupplier,
  toSupplierItem,
} from './catalog.repository.js';
export type { LocationFacts } from './catalog.repository.js';
export * from './catalog.schemas.js';
export { createCatalog, recordStatusChange } from './catalog.service.js';
export type { Catalog } from './catalog.service.js';
export { gtinCheckDigit, isValidGtin } from './gtin.js';
export * from './location.js';
export * from './product.js';
export { createSuppliers } from './suppliers.service.js';
export type { Suppliers } from './suppliers.service.js';
export { findSuppliers, requireSuppliers, supplierOffers, supplierTerms } from './supplier-terms.js';
export type { SupplierOfferRow } from './supplier-terms.js';
export { inRegion, productCategories, productFacts, realLocations } from './catalog.reads.js';
export type { ProductFacts, RealLocation } from './catalog.reads.js';
