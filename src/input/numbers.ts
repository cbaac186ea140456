import { z } from 'zod';

/*
 * Every number a caller sends has a ceiling no real retailer reaches, written into the OpenAPI
 * document. Without one, a price of 1e308 was stored, and a plan's cost (price × quantity) overflowed
 * to Infinity and was answered as `null`. With these ceilings every product of two of them (a value of
 * stock, a cost of transport) and every sum of a posting's lines stays finite. `z.number()` already
 * refuses NaN and ±Infinity, and `.int()` refuses integers beyond 2^53 − 1.
 */

/** A trillion units: more than any network holds of one SKU, even counted in grams. */
export const MAX_UNITS = 1e12;
/** A trillion in the currency's units: above any unit price or cost, even in currencies of small units. */
export const MAX_MONEY = 1e12;
/** 100 tonnes for one unit of a product: above a car, a container of goods, anything sold as one piece. */
export const MAX_WEIGHT_KG = 100_000;
/** Ten years, in days: above any supplier's lead time or any look-back a count or forecast needs. */
export const MAX_DAYS = 3650;

const group = (n: number) => n.toLocaleString('en');

/**
 * A whole number of units of a product (a quantity, a count, a pack size), from `min` to `MAX_UNITS`.
 *
 * @example
 * const Quantity = units({ min: 1 });
 */
export function units({ min = 0 }: { min?: number } = {}) {
  return z
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number of units' })
    .min(min, { error: min === 1 ? 'must be greater than zero' : `must be at least ${group(min)}` })
    .max(MAX_UNITS, { error: `must be at most ${group(MAX_UNITS)}` })
    .describe(`Whole units of the product, ${group(min)} to ${group(MAX_UNITS)}`);
}

/**
 * An amount of money in the retailer's currency (a unit cost, a price, a cost of transport):
 * zero to `MAX_MONEY`, with any decimals.
 *
 * @example
 * const price = money().default(0);
 */
export function money() {
  return z
    .number()
    .nonnegative()
    .max(MAX_MONEY, { error: `must be at most ${group(MAX_MONEY)}` })
    .describe(`An amount in the retailer's currency, 0 to ${group(MAX_MONEY)}`);
}

/** The weight of one unit of a product in kilograms: zero to `MAX_WEIGHT_KG`. */
export function weightKg() {
  return z
    .number()
    .nonnegative()
    .max(MAX_WEIGHT_KG, { error: `must be at most ${group(MAX_WEIGHT_KG)} kg` })
    .describe(`Kilograms per unit, 0 to ${group(MAX_WEIGHT_KG)}`);
}

/** A span of days, fractions allowed (a lead time, its spread): zero to `MAX_DAYS`. */
export function days() {
  return z
    .number()
    .nonnegative()
    .max(MAX_DAYS, { error: `must be at most ${group(MAX_DAYS)} days` })
    .describe(`Days, 0 to ${group(MAX_DAYS)}`);
}
