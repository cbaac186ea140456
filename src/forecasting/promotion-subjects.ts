import { productCategories, productFacts, realLocations } from '../catalog/index.js';
import type { FieldIssue } from '../errors/index.js';
import type { Db } from '../store/index.js';
import type { CheckedPromotion } from './promotions.repository.js';

type Subjects = Pick<CheckedPromotion, 'sku' | 'category' | 'location' | 'region'>;

const named = <T>(values: readonly (T | null)[]) => values.filter((v): v is T => v !== null);

/**
 * What each of `promotions` names that the catalog does not have, by field: a SKU no product has, a
 * category no product is in, a location that is not a real one, a region no location is in. One read
 * per kind of name for the whole list, so an import checks a batch of rows at once.
 *
 * @example
 * const [issues] = await promotionSubjectIssues(db, [{ sku: 'NOPE', category: null, location: null, region: null }]);
 * // [{ path: 'sku', message: "no product has SKU 'NOPE'" }]
 */
export async function promotionSubjectIssues(db: Db, promotions: readonly Subjects[]): Promise<FieldIssue[][]> {
  const skus = named(promotions.map((p) => p.sku));
  const categories = named(promotions.map((p) => p.category));
  const places = promotions.some((p) => p.location !== null || p.region !== null);
  const [products, knownCategories, locations] = await Promise.all([
    skus.length > 0 ? productFacts(db, skus) : new Map<string, unknown>(),
    productCategories(db, categories),
    places ? realLocations(db) : [],
  ]);
  const locationIds = new Set(locations.map((l) => l.id));
  const regions = new Set(named(locations.map((l) => l.region)));
  return promotions.map((p) => {
    const issues: FieldIssue[] = [];
    if (p.sku !== null && !products.has(p.sku)) issues.push({ path: 'sku', message: `no product has SKU '${p.sku}'` });
    if (p.category !== null && !knownCategories.has(p.category))
      issues.push({ path: 'category', message: `no product is in category '${p.category}'` });
    if (p.location !== null && !locationIds.has(p.location))
      issues.push({ path: 'location', message: `'${p.location}' is not a distribution centre, warehouse or store` });
    if (p.region !== null && !regions.has(p.region))
      issues.push({ path: 'region', message: `no location is in region '${p.region}'` });
    return issues;
  });
}
