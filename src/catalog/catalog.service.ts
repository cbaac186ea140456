import { DomainError, parseInput } from '../errors/index.js';
import { recordEvent } from '../events/index.js';
import { toPage } from '../store/index.js';
import type { Db, Page, Store, StoreCapabilities } from '../store/index.js';
import { findLocations, toLocation, toProduct } from './catalog.repository.js';
import {
  LocationChanges,
  LocationFilter,
  NewLocation,
  NewProduct,
  ProductChanges,
  ProductFilter,
} from './catalog.schemas.js';
import { isRealKind, REAL_LOCATION_KINDS } from './location.js';
import type { Location } from './catalog.schemas.js';
import type { Product } from './catalog.schemas.js';

/** Locations and products: the network's places and what it stocks. */
export interface Catalog {
  createLocation(input: NewLocation): Promise<Location>;
  updateLocation(id: string, changes: LocationChanges): Promise<Location>;
  getLocation(id: string): Promise<Location>;
  listLocations(filter?: LocationFilter): Promise<Page<Location>>;
  createProduct(input: NewProduct): Promise<Product>;
  updateProduct(sku: string, changes: ProductChanges): Promise<Product>;
  getProduct(sku: string): Promise<Product>;
  listProducts(filter?: ProductFilter): Promise<Page<Product>>;
}

/**
 * @example
 * const catalog = createCatalog(store);
 * await catalog.createLocation({ id: 'dc-north', name: 'North DC', kind: 'distribution_centre' });
 */
export function createCatalog(store: Store): Catalog {
  const { db } = store;

  async function checkParent(id: string, parentId: string | null | undefined): Promise<void> {
    if (parentId == null) return;
    if (parentId === id)
      throw new DomainError('validation_failed', 'A location cannot replenish itself', {
        issues: [{ path: 'parentId', message: 'must name another location' }],
      });
    const parent = (await findLocations(db, [parentId])).get(parentId);
    if (!parent || !isRealKind(parent.kind)) {
      throw new DomainError('unknown_location', `Parent location '${parentId}' does not exist`, { location: parentId });
    }
  }

  async function getLocation(id: string): Promise<Location> {
    const row = await db.selectFrom('locations').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new DomainError('unknown_location', `Location '${id}' does not exist`, { location: id });
    return toLocation(row);
  }

  async function getProduct(sku: string): Promise<Product> {
    const row = await db.selectFrom('products').selectAll().where('sku', '=', sku).executeTakeFirst();
    if (!row) throw new DomainError('unknown_sku', `Product '${sku}' does not exist`, { sku });
    return toProduct(row);
  }

  return {
    async createLocation(input) {
      const location = parseInput(NewLocation, input);
      await checkParent(location.id, location.parentId);
      const now = new Date().toISOString();
      return store.transaction(async (trx) => {
        const existing = await trx
          .selectFrom('locations')
          .select('id')
          .where('id', '=', location.id)
          .executeTakeFirst();
        if (existing) {
          throw new DomainError('already_exists', `Location '${location.id}' already exists`, {
            location: location.id,
          });
        }
        const row = await trx
          .insertInto('locations')
          .values({
            id: location.id,
            name: location.name,
            kind: location.kind,
            region: location.region,
            latitude: location.latitude,
            longitude: location.longitude,
            status: location.status,
            parent_id: location.parentId,
            allow_negative_stock: location.allowNegativeStock ? 1 : 0,
            ships_online: location.shipsOnline === undefined ? null : location.shipsOnline ? 1 : 0,
            created_at: now,
            updated_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toLocation(row);
      });
    },

    async updateLocation(id, input) {
      const changes = parseInput(LocationChanges, input);
      const current = await getLocation(id);
      if (!isRealKind(current.kind)) {
        throw new DomainError('invalid_movement', `Virtual location '${id}' cannot be edited`, { location: id });
      }
      await checkParent(id, changes.parentId);
      const latitude = changes.latitude === undefined ? current.latitude : changes.latitude;
      const longitude = changes.longitude === undefined ? current.longitude : changes.longitude;
      if ((latitude == null) !== (longitude == null)) {
        throw new DomainError('validation_failed', 'Give latitude and longitude together', {
          issues: [{ path: 'longitude', message: 'give latitude and longitude together' }],
        });
      }
      return store.transaction(async (trx) => {
        const row = await trx
          .updateTable('locations')
          .set({
            ...(changes.name !== undefined && { name: changes.name }),
            ...(changes.kind !== undefined && { kind: changes.kind }),
            ...(changes.region !== undefined && { region: changes.region }),
            ...(changes.latitude !== undefined && { latitude: changes.latitude }),
            ...(changes.longitude !== undefined && { longitude: changes.longitude }),
            ...(changes.status !== undefined && { status: changes.status }),
            ...(changes.parentId !== undefined && { parent_id: changes.parentId }),
            ...(changes.allowNegativeStock !== undefined && {
              allow_negative_stock: changes.allowNegativeStock ? 1 : 0,
            }),
            ...(changes.shipsOnline !== undefined && { ships_online: changes.shipsOnline ? 1 : 0 }),
            updated_at: new Date().toISOString(),
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        const location = toLocation(row);
        await recordStatusChange(trx, store.capabilities, location, current.status);
        return location;
      });
    },

    getLocation,

    async listLocations(input = {}) {
      const filter = parseInput(LocationFilter, input);
      let query = db
        .selectFrom('locations')
        .selectAll()
        .where('kind', 'in', [...REAL_LOCATION_KINDS])
        .orderBy('id')
        .limit(filter.limit + 1);
      if (filter.kind) query = query.where('kind', '=', filter.kind);
      if (filter.region) query = query.where('region', '=', filter.region);
      if (filter.status) query = query.where('status', '=', filter.status);
      if (filter.after) query = query.where('id', '>', filter.after);
      return toPage((await query.execute()).map(toLocation), filter.limit, (l) => l.id);
    },

    async createProduct(input) {
      const product = parseInput(NewProduct, input);
      const now = new Date().toISOString();
      return store.transaction(async (trx) => {
        const clash = await trx
          .selectFrom('products')
          .select(['sku', 'gtin'])
          .where((eb) => eb.or([eb('sku', '=', product.sku), ...(product.gtin ? [eb('gtin', '=', product.gtin)] : [])]))
          .executeTakeFirst();
        if (clash) {
          const what =
            clash.sku === product.sku ? `Product '${product.sku}'` : `GTIN ${product.gtin} (on '${clash.sku}')`;
          throw new DomainError('already_exists', `${what} already exists`, { sku: clash.sku });
        }
        const row = await trx
          .insertInto('products')
          .values({
            sku: product.sku,
            name: product.name,
            category: product.category,
            unit: product.unit,
            unit_cost: product.unitCost,
            price: product.price,
            weight_kg: product.weightKg,
            gtin: product.gtin,
            created_at: now,
            updated_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toProduct(row);
      });
    },

    async updateProduct(sku, input) {
      const changes = parseInput(ProductChanges, input);
      await getProduct(sku);
      if (changes.gtin) {
        const clash = await db
          .selectFrom('products')
          .select('sku')
          .where('gtin', '=', changes.gtin)
          .where('sku', '<>', sku)
          .executeTakeFirst();
        if (clash)
          throw new DomainError('already_exists', `GTIN ${changes.gtin} already belongs to '${clash.sku}'`, {
            sku: clash.sku,
          });
      }
      const row = await db
        .updateTable('products')
        .set({
          ...(changes.name !== undefined && { name: changes.name }),
          ...(changes.category !== undefined && { category: changes.category }),
          ...(changes.unit !== undefined && { unit: changes.unit }),
          ...(changes.unitCost !== undefined && { unit_cost: changes.unitCost }),
          ...(changes.price !== undefined && { price: changes.price }),
          ...(changes.weightKg !== undefined && { weight_kg: changes.weightKg }),
          ...(changes.gtin !== undefined && { gtin: changes.gtin }),
          updated_at: new Date().toISOString(),
        })
        .where('sku', '=', sku)
        .returningAll()
        .executeTakeFirstOrThrow();
      return toProduct(row);
    },

    getProduct,

    async listProducts(input = {}) {
      const filter = parseInput(ProductFilter, input);
      let query = db
        .selectFrom('products')
        .selectAll()
        .orderBy('sku')
        .limit(filter.limit + 1);
      if (filter.category) query = query.where('category', '=', filter.category);
      if (filter.after) query = query.where('sku', '>', filter.after);
      return toPage((await query.execute()).map(toProduct), filter.limit, (p) => p.sku);
    },
  };
}

/** Tells subscribers a location's status changed (new orders route around a disrupted one), if it did. */
export async function recordStatusChange(
  trx: Db,
  capabilities: StoreCapabilities,
  location: Location,
  previousStatus: Location['status'],
): Promise<void> {
  if (location.status === previousStatus) return;
  await recordEvent(trx, capabilities, {
    type: 'location.status_changed',
    locations: [location.id],
    skus: [],
    data: { location, previousStatus },
  });
}
