import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCatalog } from '../../src/catalog/index.js';
import { createLedger } from '../../src/ledger/index.js';
import { openStore } from '../../src/store/index.js';
import { bin, runOmnistock } from '../support/cli.js';

describe('omnistock CLI', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'omnistock-cli-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const omnistock = (...args: string[]) => runOmnistock(dataDir, ...args);

  it('creates the default database on first status and reports what it holds', async () => {
    const result = await omnistock('status', '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      driver: 'sqlite',
      database: join(dataDir, 'omnistock.db'),
      products: 0,
      movements: 0,
    });
  });

  it('creates a new database once when several commands open it at the same moment', async () => {
    // Each run migrates the new file; they take turns instead of applying the first migration twice
    // (which failed about one time in three with four at once).
    const results = await Promise.all(Array.from({ length: 4 }, () => omnistock('status', '--json')));
    expect(results.map((r) => [r.code, r.stderr])).toEqual(Array.from({ length: 4 }, () => [0, '']));
  });

  it('verifies a clean ledger with exit 0 and a drifted one with exit 1 and the rows', async () => {
    const store = await openStore(`sqlite:${join(dataDir, 'omnistock.db')}`);
    await createCatalog(store).createLocation({ id: 'dc-1', name: 'DC', kind: 'distribution_centre' });
    await createCatalog(store).createProduct({ sku: 'TEA', name: 'Tea' });
    await createLedger(store).receive({ location: 'dc-1', lines: [{ sku: 'TEA', quantity: 5 }], actor: 'ana' });
    await store.close();

    const clean = await omnistock('verify');
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('Ledger verified');

    const tampered = await openStore(`sqlite:${join(dataDir, 'omnistock.db')}`);
    await sql`update balances set on_hand = 4 where location_id = 'dc-1'`.execute(tampered.db);
    await tampered.close();
    const drifted = await omnistock('verify');
    expect(drifted.code).toBe(1);
    expect(drifted.stdout).toContain('TEA at dc-1: balance 4, ledger 5');
    expect(drifted.stdout).toContain('LEDGER DRIFT FOUND');
  });

  it('imports CSV files with a config file mapping, refuses a bad one with exit 1 and each row, and exports them back', async () => {
    const file = (name: string, text: string) => {
      writeFileSync(join(dataDir, name), text);
      return join(dataDir, name);
    };
    writeFileSync(
      join(dataDir, 'omnistock.json'),
      JSON.stringify({ import: { mappings: { products: { sku: 'Artikel', name: 'Bezeichnung' } } } }),
    );
    const locations = file('locations.csv', 'id,name,kind\ndc-1,Central,distribution_centre\n');
    const products = file('products.csv', 'Artikel,Bezeichnung\nTEA,Green tea\n');
    const stock = file('stock.csv', 'location,sku,quantity\ndc-1,TEA,12\ndc-1,COFFEE,3\nnowhere,TEA,x\n');
    const config = ['--config', join(dataDir, 'omnistock.json')];

    expect((await omnistock('import', 'locations', locations)).code).toBe(0);
    const imported = await omnistock(...config, 'import', 'products', products);
    expect(imported.stdout).toContain('products: 1 rows — 1 created');
    expect(imported.code).toBe(0);

    const refused = await omnistock('import', 'stock', stock);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain("line 3, sku: product 'COFFEE' does not exist");
    expect(refused.stdout).toContain("line 4, quantity: 'x' is not a whole number");
    expect(refused.stdout).toContain('Nothing was imported');

    const dry = await omnistock('import', 'stock', stock, '--dry-run', '--json');
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, applied: false, updated: 1, errorCount: 2 });
    const skipped = await omnistock('import', 'stock', stock, '--skip-errors');
    expect(skipped.stdout).toContain('The 2 bad rows were skipped');

    const exported = await omnistock('export', 'stock');
    expect(exported).toMatchObject({ code: 0, stdout: 'location,sku,quantity\ndc-1,TEA,12\n' });
    // --as-of names a time for stock only: on another dataset it is a usage error.
    expect((await omnistock('export', 'movements', '--as-of', '2026-01-01')).code).toBe(2);
    expect((await omnistock('import', 'nonsense', stock)).code).toBe(2);
  });

  it('exits 2 on a usage error and 0 for help', async () => {
    const unknown = await omnistock('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    const help = await omnistock('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes');
  });

  it('exits 1 with a readable message when the database cannot be opened', async () => {
    const result = await omnistock('status', '--database', 'postgres://nobody@127.0.0.1:1/none');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^omnistock: /);

    // serve says which database it could not reach and why, without the password, in one line.
    const env = { ...process.env, DATABASE_URL: 'postgres://nobody:secret@127.0.0.1:1/none', PORT: '0' };
    const served = await promisify(execFile)(process.execPath, [bin, 'serve'], { env }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(served).toMatchObject({ code: 1 });
    expect((served as { stderr: string }).stderr).toBe(
      'omnistock: cannot open the database postgres://127.0.0.1:1/none: connect ECONNREFUSED 127.0.0.1:1 (is it running, and does DATABASE_URL name it?)\n',
    );
  });
});

describe('omnistock serve and token', () => {
  it('serves the API from npm start on a fresh data directory with the demo loaded, an admin token printed once, and a clean ledger', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'omnistock-serve-'));
    // The small demo: the default one takes about a minute to load.
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      OMNISTOCK_DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'warn',
      OMNISTOCK_DEMO: 'small',
    };
    delete env.DATABASE_URL;
    delete env.OMNISTOCK_ADMIN_TOKEN;
    const start = async () => {
      const child = spawn(process.execPath, [bin, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      for (let waited = 0; !/serving at (\S+)/.test(output) && waited < 20_000; waited += 100) await sleep(100);
      const url = /serving at (\S+)/.exec(output)?.[1];
      if (!url) throw new Error(`server did not start:\n${output}`);
      await sleep(200);
      return { child, url, output: () => output };
    };
    const stop = (child: ChildProcess) =>
      new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM')));
    try {
      const first = await start();
      const token = /\n {2}(omni_\S+)\n/.exec(first.output())?.[1];
      expect(token).toBeDefined();
      expect(await (await fetch(`${first.url}/api/v1/ready`)).json()).toMatchObject({
        status: 'ready',
        database: 'sqlite',
      });
      const locations = await fetch(`${first.url}/api/v1/locations`, { headers: { authorization: `Bearer ${token}` } });
      expect(locations.status).toBe(200);
      expect(((await locations.json()) as { items: unknown[] }).items.length).toBeGreaterThan(3);
      expect(first.output()).toContain('demo    loaded');
      expect(await stop(first.child)).toBe(0);
      const verified = await promisify(execFile)(process.execPath, [bin, 'verify'], { env });
      expect(verified.stdout).toContain('Ledger verified');

      // A second start keeps the data: no new token, no second demo.
      const second = await start();
      expect(second.output()).not.toContain('omni_');
      expect(second.output()).not.toContain('demo    loaded');
      expect(
        (await fetch(`${second.url}/api/v1/locations`, { headers: { authorization: `Bearer ${token}` } })).status,
      ).toBe(200);
      await stop(second.child);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('creates, lists and revokes tokens from the command line', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'omnistock-token-'));
    const env: NodeJS.ProcessEnv = { ...process.env, OMNISTOCK_DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    const run = (...args: string[]) => promisify(execFile)(process.execPath, [bin, 'token', ...args], { env });
    try {
      // A token may be limited only to locations that exist.
      await expect(
        run('create', '--name', 'till-7', '--role', 'operator', '--location', 'store-7'),
      ).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining("Unknown location: 'store-7'") });
      const store = await openStore(`sqlite:${join(dataDir, 'omnistock.db')}`);
      await createCatalog(store).createLocation({ id: 'store-7', name: 'Store 7', kind: 'store' });
      await store.close();
      const created = await run('create', '--name', 'till-7', '--role', 'operator', '--location', 'store-7');
      expect(created.stdout.trim()).toMatch(/^omni_/);
      const listed = JSON.parse((await run('list', '--json')).stdout);
      expect(listed).toEqual([
        expect.objectContaining({ name: 'till-7', role: 'operator', locations: ['store-7'], revokedAt: null }),
      ]);
      await run('revoke', 'till-7');
      expect(JSON.parse((await run('list', '--json')).stdout)[0].revokedAt).not.toBeNull();
      await expect(run('create', '--name', 'x', '--role', 'emperor')).rejects.toMatchObject({ code: 2 });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
