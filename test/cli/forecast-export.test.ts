import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runOmnistock } from '../support/cli.js';

describe('omnistock export forecasts', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'omnistock-cli-forecasts-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('says there is no forecast yet, leaving no file behind, and refuses an import of forecasts', async () => {
    const out = join(dataDir, 'forecasts.csv');
    const exported = await runOmnistock(dataDir, 'export', 'forecasts', out);
    expect(exported.code).toBe(1);
    expect(exported.stderr).toMatch(/No forecast has been run yet/);
    expect(existsSync(out)).toBe(false);

    const file = join(dataDir, 'in.csv');
    writeFileSync(file, 'location,sku,date,mean\nstore-1,TEA,2026-01-01,3\n');
    const imported = await runOmnistock(dataDir, 'import', 'forecasts', file);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toMatch(/forecasts can be exported, not imported/);

    const help = await runOmnistock(dataDir, 'export', '--help');
    expect(help.stdout).toMatch(/forecasts\s+export only/);
  });
});
