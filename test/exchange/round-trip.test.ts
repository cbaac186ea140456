import { expect, it } from 'vitest';
import { loadDemo, SMALL_DEMO } from '../../src/demo/index.js';
import { DATASET_NAMES } from '../../src/exchange/index.js';
import { verifyLedger } from '../../src/ledger/index.js';
import { forEachDatabase } from '../support/databases.js';
import { exported, imported } from './support.js';

const quiet = { start() {}, tick() {}, stop() {} };
/** What a network is made of: every dataset but the export-only forecasts and policies (runs make them). */
const NETWORK = DATASET_NAMES.filter((name) => name !== 'forecasts' && name !== 'policies');

forEachDatabase((database) => {
  it('exports a network and imports it into an empty database with the same stock, twice without change', async () => {
    const source = await database.open();
    await loadDemo(source, { ...SMALL_DEMO, days: 30 }, quiet);
    const files = new Map<string, string>();
    for (const name of NETWORK) files.set(name, await exported(source, name));

    const target = await database.open();
    for (const name of NETWORK) {
      if (name === 'stock') continue; // the movements make the stock; opening stock is for networks without history
      const report = await imported(target, name, files.get(name)!);
      expect(report, name).toMatchObject({ errorCount: 0, applied: true, unchanged: 0 });
      expect(report.created, name).toBe(report.rows);
    }
    for (const name of NETWORK) expect(await exported(target, name), name).toBe(files.get(name));
    expect((await verifyLedger(target)).ok).toBe(true);

    // The same files again change nothing.
    for (const name of NETWORK) {
      const report = await imported(target, name, files.get(name)!);
      expect(report, name).toMatchObject({ errorCount: 0, created: 0, updated: 0 });
      expect(report.unchanged, name).toBe(report.rows);
    }
    expect(await exported(target, 'stock')).toBe(files.get('stock'));
  });
});
