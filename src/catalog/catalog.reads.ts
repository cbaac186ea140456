import { DomainError } from '../errors/index.js';
import { chunks } from '../store/index.js';
import type { Db } from '../store/index.js';
import { toLocation } from './catalog.repository.js';
import type { Location } from './catalog.schemas.js';
import { REAL_LOCATION_KINDS } from './location.js';
import type { RealLocationKind } from './location.js';

/*
 * What other capabilities read of the catalog: they never query its tables themselves, so a rule such
 * as which locations ship online, or what a product's cost is when none is set, lives here once.
 */

/** A distribution centre, warehouse or store: a place that holds stock you can touch. */
export type RealLocation = Location & { kind: RealLocationKind };

/**
 * Every real location, whatever its status, in id order, in one read: the places stock is counted
 * at and orders are sourced from (with the catalog's ships-online rule applied).
 *
 * @example
 * const regions = new Set((await realLocations(db)).map((l) => l.region));
 */
export async function realLocations(db: Db): Promise<RealLocation[]> {
  const rows = await db
    .selectFrom('locations')
    .selectAll()
    .where('kind', 'in', REAL_LOCATION_KINDS)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ ...toLocation(row), kind: row.kind as RealLocationKind }));
}

/**
 * The locations of `locations` in `region`: a region is known by the locations in it, so one that
 * has none is `not_found`.
 *
 * @example
 * const north = inRegion(await realLocations(db), 'north'); // throws not_found for a region nowhere
 */
export function inRegion<L extends Pick<Location, 'region'>>(locations: readonly L[], region: string): L[] {
  const members = locations.filter((l) => l.region === region);
  if (members.length === 0) throw new DomainError('not_found', `No location is in region '${region}'`, { region });
  return members;
}

/** What other capabilities need of a product: its name, category, what a unit costs and sells for (0 when not set), its weight. */
export interface ProductFacts {
  name: string;
  category: string | null;
  unitCost: number;
  price: number;
  weightKg: number;
}

/** SKUs or categories per statement: far below either database's limit on parameters. */
const NAMES_PER_READ = 5_000;

/**
 * The facts of each product among `skus` that exists, by SKU (an unknown SKU is missing); of every
 * product when `skus` is left out, for views of the whole network.
 *
 * @example
 * const facts = await productFacts(db, ['TEA-1']); // Map { 'TEA-1' => { name: 'Green tea', category: 'drinks', unitCost: 1.2, price: 3.5, weightKg: 0.25 } }
 */
export async function productFacts(db: Db, skus?: readonly string[]): Promise<Map<string, ProductFacts>> {
  const read = db.selectFrom('products').select(['sku', 'name', 'category', 'unit_cost', 'price', 'weight_kg']);
  const rows =
    skus === undefined
      ? await read.execute()
      : (
          await Promise.all(
            [...chunks([...new Set(skus)], NAMES_PER_READ)].map((some) => read.where('sku', 'in', some).execute()),
          )
        ).flat();
  return new Map(
    rows.map((p) => [
      p.sku,
      { name: p.name, category: p.category, unitCost: p.unit_cost, price: p.price, weightKg: p.weight_kg },
    ]),
  );
}

/**
 * The categories among `categories` that some product is in: a category is known by its products,
 * as a region is by its locations.
 *
 * @example
 * const known = await productCategories(db, ['drinks', 'toys']); // Set { 'drinks' }
 */
export async function productCategories(db: Db, categories: readonly string[]): Promise<Set<string>> {
  const rows = (
    await Promise.all(
      [...chunks([...new Set(categories)], NAMES_PER_READ)].map((some) =>
        db.selectFrom('products').select('category').distinct().where('category', 'in', some).execute(),
      ),
    )
  ).flat();
  return new Set(rows.flatMap((r) => (r.category === null ? [] : [r.category])));
}
