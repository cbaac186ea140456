import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runOmnistock } from '../support/cli.js';

/** Root reads any file whatever its mode, so an unreadable file can only be made for another user. */
const root = process.getuid?.() === 0;

describe('omnistock CLI on files and flags it cannot use', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'omnistock-cli-files-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const omnistock = (...args: string[]) => runOmnistock(dataDir, ...args);

  it('says in one line, without a stack trace, that a file is missing, a directory or unwritable, and exits 1', async () => {
    const missing = join(dataDir, 'missing.csv');
    // An import opens its file before the database, so these may run at once; an export opens the
    // database first (creating it), so those run one after the other.
    const results = await Promise.all([
      omnistock('import', 'products', missing),
      omnistock('import', 'products', dataDir),
      omnistock('import', 'products', join(missing, 'below-a-file.csv')),
    ]);
    results.push(await omnistock('export', 'products', join(dataDir, 'no-such-dir', 'out.csv')));
    results.push(await omnistock('export', 'products', dataDir));
    expect(results.map((r) => r.stderr)).toEqual([
      `omnistock: cannot read ${missing}: no such file or directory\n`,
      `omnistock: cannot read ${dataDir}: it is a directory, not a file\n`,
      `omnistock: cannot read ${join(missing, 'below-a-file.csv')}: no such file or directory\n`,
      `omnistock: cannot write ${join(dataDir, 'no-such-dir', 'out.csv')}: no such file or directory\n`,
      `omnistock: cannot write ${dataDir}: it is a directory, not a file\n`,
    ]);
    expect(results.map((r) => r.code)).toEqual([1, 1, 1, 1, 1]);
  });

  it.skipIf(root)('says so when a file cannot be read for its permissions', async () => {
    const locked = join(dataDir, 'locked.csv');
    writeFileSync(locked, 'sku,name\nTEA,Tea\n');
    chmodSync(locked, 0o000);
    const result = await omnistock('import', 'products', locked);
    expect(result).toMatchObject({ code: 1, stderr: `omnistock: cannot read ${locked}: permission denied\n` });
  });

  it('refuses a bad flag value as a usage error (exit 2), naming the flag, before opening anything', async () => {
    const file = join(dataDir, 'products.csv');
    writeFileSync(file, 'sku,name\nTEA,Tea\n');
    const results = await Promise.all([
      omnistock('import', 'products', file, '--map', 'sku'),
      omnistock('forecast', '--horizon', '0'),
      omnistock('demo', '--stores', 'many'),
      omnistock('export', 'stock', '--as-of', '0000-01-01'),
      omnistock('bench', 'ledger', '--scale', 'NaN'),
    ]);
    expect(results.map((r) => r.code)).toEqual([2, 2, 2, 2, 2]);
    expect(results[0]!.stderr).toContain("option '-m, --map <column=Header>' argument 'sku' is invalid");
    expect(results[1]!.stderr).toContain('expected a whole number of at least 1');
    expect(results[3]!.stderr).toContain('expected a time from 1970-01-01 to 9999-12-31');
    for (const result of results) expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
