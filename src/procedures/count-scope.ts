import { productFacts } from '../catalog/index.js';
import { skusStockedAt, unitsSoldSince } from '../ledger/index.js';
import type { Db } from '../store/index.js';
import { skusCountedSince } from './count-session.repository.js';
import type { CountScope } from './cycle-counts.schemas.js';
import { DAY_MS } from '../calendar/index.js';

/** The window of sales an ABC class is judged on. */
const ABC_DAYS = 90;

/**
 * The ABC class of each SKU by its sales value: A the SKUs making the first 80 % of the value, B the
 * next 15 %, C the rest (unsold ones too). Ties go by SKU; with no sales at all, everything is C.
 *
 * @example
 * abcClasses(['TEA', 'MUG', 'PEN'], new Map([['TEA', 900], ['MUG', 90]])); // TEA A, MUG B, PEN C
 */
export function abcClasses(skus: readonly string[], value: ReadonlyMap<string, number>): Map<string, 'A' | 'B' | 'C'> {
  const ranked = [...skus].sort((a, b) => (value.get(b) ?? 0) - (value.get(a) ?? 0) || (a < b ? -1 : 1));
  const total = ranked.reduce((sum, sku) => sum + (value.get(sku) ?? 0), 0);
  let running = 0;
  const classOf = new Map<string, 'A' | 'B' | 'C'>();
  for (const sku of ranked) {
    const share = total === 0 ? 1 : running / total;
    classOf.set(sku, share < 0.8 ? 'A' : share < 0.95 ? 'B' : 'C');
    running += value.get(sku) ?? 0;
  }
  return classOf;
}

/**
 * The SKUs a scope covers at a location: a list as given; otherwise among those the location has a
 * stock record of, all, those not counted lately, or one ABC class by sales value at the location
 * over the last 90 days (units sold there at the product's price).
 */
export async function skusInScope(trx: Db, location: string, scope: CountScope): Promise<string[]> {
  if (scope.by === 'list') return scope.skus;
  const stocked = await skusStockedAt(trx, location);
  if (scope.by === 'all') return stocked;
  if (scope.by === 'not_counted_for') {
    const counted = await skusCountedSince(trx, location, new Date(Date.now() - scope.days * DAY_MS).toISOString());
    return stocked.filter((sku) => !counted.has(sku));
  }
  const sold = await unitsSoldSince(trx, location, new Date(Date.now() - ABC_DAYS * DAY_MS).toISOString());
  const prices = await productFacts(trx, [...sold.keys()]);
  const value = new Map([...sold].map(([sku, units]) => [sku, units * (prices.get(sku)?.price ?? 0)]));
  const classOf = abcClasses(stocked, value);
  return stocked.filter((sku) => classOf.get(sku) === scope.class);
}
