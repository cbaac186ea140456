/**
 * The single-stage models every inventory text starts from: the newsvendor's base stock and the
 * economic order quantity. The stock policy reads them for lot sizes and for the service level that
 * pays; their textbook values are the tests.
 */
import { normalLoss, normalPdf, normalQuantile } from '../probability/index.js';

/**
 * The newsvendor's optimal base stock for normally distributed demand: the critical ratio p / (p + h)
 * of the demand curve, and the expected cost of holding and shortage there.
 *
 * @example
 * newsvendor({ holdingCost: 2, stockoutCost: 18, mean: 120, sd: 10 }); // { baseStock: 132.8155, cost: 35.0997 }
 */
export function newsvendor(input: { holdingCost: number; stockoutCost: number; mean: number; sd: number }): {
  baseStock: number;
  cost: number;
} {
  const { holdingCost: h, stockoutCost: p, mean, sd } = input;
  if (!(h > 0) || !(p > 0)) throw new RangeError('holding and stock-out costs must be above 0');
  const z = normalQuantile(p / (p + h));
  // At the optimum the expected cost is (h + p)·σ·φ(z).
  return { baseStock: mean + z * sd, cost: (h + p) * sd * normalPdf(z) };
}

/**
 * The expected cost of holding and shortage for a base stock `s` against normal demand, for any `s`
 * (the newsvendor's objective).
 */
export function newsvendorCost(
  input: { holdingCost: number; stockoutCost: number; mean: number; sd: number },
  s: number,
): number {
  const { holdingCost: h, stockoutCost: p, mean, sd } = input;
  const short = sd * normalLoss((s - mean) / sd);
  return h * (s - mean + short) + p * short;
}

/**
 * The economic order quantity √(2Kλ/h): the lot that balances ordering cost K per order against holding
 * h per unit and period, for demand λ per period, and its cost per period.
 *
 * @example
 * economicOrderQuantity({ orderingCost: 8, holdingCost: 0.225, demandRate: 1300 }); // { quantity: 304.0468, cost: 68.4105 }
 */
export function economicOrderQuantity(input: { orderingCost: number; holdingCost: number; demandRate: number }): {
  quantity: number;
  cost: number;
} {
  const { orderingCost: k, holdingCost: h, demandRate: lambda } = input;
  if (!(h > 0)) throw new RangeError('holding cost must be above 0');
  if (!(k >= 0) || !(lambda >= 0)) throw new RangeError('ordering cost and demand must not be negative');
  const quantity = Math.sqrt((2 * k * lambda) / h);
  return { quantity, cost: Math.sqrt(2 * k * lambda * h) };
}
