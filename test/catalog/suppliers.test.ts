import { expect, it } from 'vitest';
import { createSuppliers } from '../../src/catalog/index.js';
import { forEachDatabase } from '../support/databases.js';
import { smallNetwork } from '../support/network.js';

forEachDatabase((database) => {
  it('keeps suppliers with lead times and order rules, and the terms of each item', async () => {
    const { store } = await smallNetwork(database);
    const suppliers = createSuppliers(store);
    const created = await suppliers.create({ id: 'nordkaffee', name: 'Nordkaffee', leadTimeDays: 6.5, packSize: 12 });
    expect(created).toMatchObject({ leadTimeDays: 6.5, leadTimeSdDays: 0, minOrderQuantity: 1, packSize: 12 });
    await expect(suppliers.create({ id: 'nordkaffee', name: 'Again', leadTimeDays: 1 })).rejects.toMatchObject({
      code: 'already_exists',
    });
    expect(await suppliers.update('nordkaffee', { leadTimeSdDays: 1.5, minOrderQuantity: 24 })).toMatchObject({
      leadTimeDays: 6.5,
      leadTimeSdDays: 1.5,
      minOrderQuantity: 24,
    });
    await suppliers.create({ id: 'acme', name: 'Acme', leadTimeDays: 2 });
    expect((await suppliers.list()).items.map((s) => s.id)).toEqual(['acme', 'nordkaffee']);
    expect((await suppliers.list({ limit: 1 })).nextCursor).toBe('acme');

    await suppliers.putItem('nordkaffee', 'TEA', { supplierSku: 'NK-1', unitCost: 2.25 });
    const replaced = await suppliers.putItem('nordkaffee', 'TEA', { unitCost: 2.5, leadTimeDays: 9 });
    expect(replaced).toMatchObject({ supplierSku: null, unitCost: 2.5, leadTimeDays: 9 });
    expect(await suppliers.items('nordkaffee')).toEqual([replaced]);
  });

  it('refuses unknown suppliers and products and bad terms, naming the field', async () => {
    const { store } = await smallNetwork(database);
    const suppliers = createSuppliers(store);
    await expect(suppliers.get('ghost')).rejects.toMatchObject({ code: 'unknown_supplier' });
    await expect(suppliers.update('ghost', { name: 'X' })).rejects.toMatchObject({ code: 'unknown_supplier' });
    await expect(suppliers.create({ id: 's', name: 'S', leadTimeDays: -1 })).rejects.toMatchObject({
      code: 'validation_failed',
      details: { issues: [{ path: 'leadTimeDays' }] },
    });
    await expect(suppliers.create({ id: 's', name: 'S', leadTimeDays: 1, packSize: 0 })).rejects.toMatchObject({
      details: { issues: [{ path: 'packSize' }] },
    });
    await suppliers.create({ id: 's', name: 'S', leadTimeDays: 1 });
    await expect(suppliers.putItem('s', 'NOPE', {})).rejects.toMatchObject({ code: 'unknown_sku' });
    await expect(suppliers.putItem('s', 'TEA', { unitCost: -2 })).rejects.toMatchObject({
      details: { issues: [{ path: 'unitCost' }] },
    });
    expect(await suppliers.items('s')).toEqual([]);
  });
});
