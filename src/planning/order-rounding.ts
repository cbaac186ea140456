/**
 * What a supplier accepts on one order line: at least its minimum order quantity, in whole packs.
 * Below the minimum an order is raised to it; then it is rounded up to the next whole pack.
 *
 * @example
 * roundOrder(13, { packSize: 6, minOrderQuantity: 20 }); // 24: raised to 20, then 4 packs of 6
 * roundOrder(0, { packSize: 6, minOrderQuantity: 20 }); // 0: nothing to order
 */
export function roundOrder(quantity: number, terms: { packSize: number; minOrderQuantity: number }): number {
  if (!(quantity > 0)) return 0;
  const pack = Math.max(1, Math.round(terms.packSize));
  const least = Math.max(1, Math.ceil(terms.minOrderQuantity));
  return Math.ceil(Math.max(quantity, least) / pack - 1e-9) * pack;
}
