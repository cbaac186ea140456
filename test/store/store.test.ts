import pg from 'pg';
import { expect, it } from 'vitest';
import { migrateToLatest, openStore } from '../../src/store/index.js';
import { forEachDatabase } from '../support/databases.js';

forEachDatabase((database) => {
  it('applies each migration once, and seeds the virtual locations', async () => {
    const store = await database.open();
    expect(await migrateToLatest(store)).toEqual([]);
    const virtual = await store.db.selectFrom('locations').select(['id', 'kind']).orderBy('id').execute();
    expect(virtual).toEqual([
      { id: 'adjustment', kind: 'adjustment' },
      { id: 'customer', kind: 'customer' },
      { id: 'scrap', kind: 'scrap' },
      { id: 'supplier', kind: 'supplier' },
    ]);
  });

  it('runs a transaction again when the database reports a lost race, and only then', async () => {
    const store = await database.open();
    const race = Object.assign(new Error('lost a race'), {
      code: store.capabilities.name === 'postgres' ? '40001' : 'SQLITE_BUSY_SNAPSHOT',
    });
    let attempts = 0;
    const result = await store.transaction(async () => {
      attempts++;
      if (attempts < 3) throw race;
      return 'done';
    });
    expect({ result, attempts }).toEqual({ result: 'done', attempts: 3 });

    attempts = 0;
    const broken = store.transaction(async () => {
      attempts++;
      throw new Error('a bug');
    });
    await expect(broken).rejects.toThrow('a bug');
    expect(attempts).toBe(1);
  });
});

it.skipIf(!process.env.DATABASE_URL?.startsWith('postgres'))(
  'keeps tables in the schema named by ?schema= in the URL',
  async () => {
    const schema = `url_schema_${Math.random().toString(36).slice(2, 10)}`;
    const store = await openStore(`${process.env.DATABASE_URL}?schema=${schema}`);
    try {
      expect(store.location).toContain(`(schema ${schema})`);
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      try {
        const { rows } = await client.query(
          `select count(*)::int as n from information_schema.tables where table_schema = $1 and table_name = 'movements'`,
          [schema],
        );
        expect(rows[0].n).toBe(1);
        await client.query(`drop schema ${schema} cascade`);
      } finally {
        await client.end();
      }
    } finally {
      await store.close();
    }
  },
);
