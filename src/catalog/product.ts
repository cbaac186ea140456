/**
 * What one unit of a product is. Quantities are always whole numbers of this unit, so goods sold by
 * weight or length are kept in grams, millilitres or centimetres: sums stay exact on every database.
 */
export const PRODUCT_UNITS = ['each', 'pair', 'pack', 'g', 'ml', 'cm'] as const;
export type ProductUnit = (typeof PRODUCT_UNITS)[number];
