import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCatalog } from '../../src/catalog/index.js';
import { createLedger } from '../../src/ledger/index.js';
import { openStore } from '../../src/store/index.js';

const bin = fileURLToPath(new URL('../../bin/omnistock.js', import.meta.url));

describe('omnistock CLI', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'omnistock-cli-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  async function omnistock(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const env: NodeJS.ProcessEnv = { ...process.env, OMNISTOCK_DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    return promisify(execFile)(process.execPath, [bin, ...args], { env }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({
        code: error.code,
        stdout: error.stdout,
        stderr: error.stderr,
      }),
    );
  }

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
  });
});
