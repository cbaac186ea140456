import { expect, it } from 'vitest';
import { createCatalog } from '../../src/catalog/index.js';
import { forEachDatabase } from '../support/databases.js';

forEachDatabase((database) => {
  it('creates, reads, updates and lists locations', async () => {
    const catalog = createCatalog(await database.open());
    const dc = await catalog.createLocation({
      id: 'dc-north',
      name: 'North DC',
      kind: 'distribution_centre',
      region: 'north',
      latitude: 53.55,
      longitude: 9.99,
    });
    expect(dc).toMatchObject({ id: 'dc-north', status: 'active', allowNegativeStock: false, parentId: null });
    await catalog.createLocation({
      id: 'store-1',
      name: 'Harbour',
      kind: 'store',
      region: 'north',
      parentId: 'dc-north',
    });
    await catalog.createLocation({
      id: 'store-2',
      name: 'Old Town',
      kind: 'store',
      region: 'south',
      parentId: 'dc-north',
    });

    const updated = await catalog.updateLocation('store-2', { status: 'disrupted', name: 'Old Town (flooded)' });
    expect(updated).toMatchObject({ status: 'disrupted', name: 'Old Town (flooded)', region: 'south' });
    expect(await catalog.getLocation('store-2')).toEqual(updated);

    expect((await catalog.listLocations({ kind: 'store' })).items.map((l) => l.id)).toEqual(['store-1', 'store-2']);
    expect((await catalog.listLocations({ region: 'north' })).items.map((l) => l.id)).toEqual(['dc-north', 'store-1']);
    const page = await catalog.listLocations({ limit: 2 });
    expect(page.items).toHaveLength(2);
    // Virtual locations are not part of the network's list.
    expect((await catalog.listLocations({ after: page.nextCursor! })).items.map((l) => l.id)).toEqual(['store-2']);
  });

  it('refuses bad locations with the field that is wrong', async () => {
    const catalog = createCatalog(await database.open());
    await catalog.createLocation({ id: 'dc-1', name: 'DC', kind: 'distribution_centre' });
    await expect(catalog.createLocation({ id: 'dc-1', name: 'Again', kind: 'store' })).rejects.toMatchObject({
      code: 'already_exists',
    });
    await expect(catalog.createLocation({ id: 'supplier', name: 'X', kind: 'store' })).rejects.toMatchObject({
      code: 'validation_failed',
      details: { issues: [{ path: 'id' }] },
    });
    await expect(catalog.createLocation({ id: 'a b', name: 'X', kind: 'store' })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(catalog.createLocation({ id: 's', name: 'X', kind: 'transit' as never })).rejects.toMatchObject({
      details: { issues: [{ path: 'kind' }] },
    });
    await expect(
      catalog.createLocation({ id: 's', name: 'X', kind: 'store', latitude: 91, longitude: 0 }),
    ).rejects.toMatchObject({
      details: { issues: [{ path: 'latitude' }] },
    });
    await expect(catalog.createLocation({ id: 's', name: 'X', kind: 'store', latitude: 50 })).rejects.toMatchObject({
      details: { issues: [{ path: 'longitude' }] },
    });
    await expect(
      catalog.createLocation({ id: 's', name: 'X', kind: 'store', parentId: 'nowhere' }),
    ).rejects.toMatchObject({
      code: 'unknown_location',
    });
    await expect(catalog.updateLocation('dc-1', { parentId: 'dc-1' })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(catalog.updateLocation('nowhere', { name: 'X' })).rejects.toMatchObject({ code: 'unknown_location' });
    await expect(catalog.updateLocation('customer', { name: 'X' })).rejects.toMatchObject({ code: 'invalid_movement' });
    expect((await catalog.listLocations()).items.map((l) => l.id)).toEqual(['dc-1']);
  });

  it('creates, updates and lists products, and checks GTINs', async () => {
    const catalog = createCatalog(await database.open());
    const mug = await catalog.createProduct({
      sku: 'MUG-1',
      name: 'Mug',
      category: 'kitchen',
      unitCost: 3.2,
      price: 8.99,
      weightKg: 0.35,
      gtin: '4006381333931',
    });
    expect(mug).toMatchObject({
      sku: 'MUG-1',
      unit: 'each',
      unitCost: 3.2,
      price: 8.99,
      weightKg: 0.35,
      gtin: '4006381333931',
    });
    await catalog.createProduct({ sku: 'RICE', name: 'Rice', category: 'food', unit: 'g' });
    expect(await catalog.updateProduct('RICE', { price: 0.004 })).toMatchObject({ price: 0.004, unit: 'g' });
    expect((await catalog.listProducts({ category: 'kitchen' })).items.map((p) => p.sku)).toEqual(['MUG-1']);

    await expect(catalog.createProduct({ sku: 'MUG-2', name: 'Mug', gtin: '4006381333932' })).rejects.toMatchObject({
      code: 'validation_failed',
      details: { issues: [{ path: 'gtin' }] },
    });
    await expect(catalog.createProduct({ sku: 'MUG-2', name: 'Mug', gtin: '4006381333931' })).rejects.toMatchObject({
      code: 'already_exists',
    });
    await expect(catalog.createProduct({ sku: 'MUG-1', name: 'Mug' })).rejects.toMatchObject({
      code: 'already_exists',
    });
    await expect(catalog.createProduct({ sku: 'X', name: 'X', price: -1 })).rejects.toMatchObject({
      details: { issues: [{ path: 'price' }] },
    });
    await expect(catalog.updateProduct('RICE', { gtin: '4006381333931' })).rejects.toMatchObject({
      code: 'already_exists',
    });
    await expect(catalog.getProduct('NOPE')).rejects.toMatchObject({ code: 'unknown_sku' });
  });
});
