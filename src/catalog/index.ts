export { findLocations, findPostingSubjects } from './catalog.repository.js';
export type { LocationFacts } from './catalog.repository.js';
export * from './catalog.schemas.js';
export { createCatalog } from './catalog.service.js';
export type { Catalog } from './catalog.service.js';
export { gtinCheckDigit, isValidGtin } from './gtin.js';
export * from './location.js';
export * from './product.js';
