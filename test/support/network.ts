import { createCatalog } from '../../src/catalog/index.js';
import { createLedger, createReservations } from '../../src/ledger/index.js';
import type { TestDatabase } from './databases.js';

/**
 * A small network on a fresh database: a DC, two stores and a warehouse that may go negative, and
 * three products, one of them sold by weight.
 */
export async function smallNetwork(database: TestDatabase, options: { poolSize?: number } = {}) {
  const store = await database.open(options);
  const catalog = createCatalog(store);
  const ledger = createLedger(store);
  const reservations = createReservations(store);
  await catalog.createLocation({
    id: 'dc-1',
    name: 'Central DC',
    kind: 'distribution_centre',
    region: 'north',
    latitude: 52.5,
    longitude: 13.4,
  });
  await catalog.createLocation({
    id: 'store-1',
    name: 'High Street',
    kind: 'store',
    region: 'north',
    parentId: 'dc-1',
  });
  await catalog.createLocation({
    id: 'store-2',
    name: 'Market Square',
    kind: 'store',
    region: 'south',
    parentId: 'dc-1',
  });
  await catalog.createLocation({ id: 'wh-neg', name: 'Overflow', kind: 'warehouse', allowNegativeStock: true });
  await catalog.createProduct({
    sku: 'TEA',
    name: 'Green tea',
    category: 'drinks',
    unitCost: 2.1,
    price: 4.5,
    weightKg: 0.25,
  });
  await catalog.createProduct({
    sku: 'MUG',
    name: 'Mug',
    category: 'kitchen',
    unitCost: 3,
    price: 9,
    weightKg: 0.4,
    gtin: '4006381333931',
  });
  await catalog.createProduct({
    sku: 'RICE',
    name: 'Loose rice',
    category: 'food',
    unit: 'g',
    unitCost: 0.002,
    price: 0.005,
  });
  return { store, catalog, ledger, reservations };
}

export type SmallNetwork = Awaited<ReturnType<typeof smallNetwork>>;
