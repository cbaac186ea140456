import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/**
 * The dependency rules of docs/architecture.md, as `npm run lint` runs them, checked by `npm test` too so
 * that CI (which runs the tests) fails on an import that breaks them.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const config = join(root, '.dependency-cruiser.mjs');
const depcruise = join(root, 'node_modules', '.bin', 'depcruise');

async function cruise(cwd: string): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout } = await promisify(execFile)(depcruise, ['src', '--config', config, '--output-type', 'err'], {
      cwd,
    });
    return { ok: true, output: stdout };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

describe('dependency rules', () => {
  it('hold for the source tree', { timeout: 60_000 }, async () => {
    const { ok, output } = await cruise(root);
    expect(output, output).not.toMatch(/error /);
    expect(ok).toBe(true);
  });

  it(
    'refuse an import of internals, of the store from pure logic, of node I/O and of the API',
    {
      timeout: 60_000,
    },
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'omnistock-rules-'));
      try {
        const files: Record<string, string> = {
          'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext' } }),
          'src/ledger/movement.ts': 'export const kinds = [];\n',
          'src/ledger/index.ts': "export { kinds } from './movement.js';\n",
          'src/store/schema.ts': 'export interface Database { x: number }\n',
          'src/api/app.ts': 'export const app = 1;\n',
          'src/orders/orders.service.ts': "import { kinds } from '../ledger/movement.js';\nexport const k = kinds;\n",
          'src/planning/plan.ts':
            "import type { Database } from '../store/schema.js';\nimport { readFileSync } from 'node:fs';\nexport const read = (d: Database) => [d, readFileSync];\n",
          'src/catalog/catalog.service.ts': "import { app } from '../api/app.js';\nexport const a = app;\n",
        };
        for (const [path, text] of Object.entries(files)) {
          await mkdir(join(dir, path, '..'), { recursive: true });
          await writeFile(join(dir, path), text);
        }
        const { ok, output } = await cruise(dir);
        expect(ok).toBe(false);
        expect(output).toMatch(/capability-internals: src\/orders\/orders\.service\.ts → src\/ledger\/movement\.ts/);
        expect(output).toMatch(/pure-no-store-or-api: src\/planning\/plan\.ts → src\/store\/schema\.ts/);
        expect(output).toMatch(/pure-no-node-io: src\/planning\/plan\.ts → (node:)?fs/);
        expect(output).toMatch(/nothing-imports-api-or-cli: src\/catalog\/catalog\.service\.ts → src\/api\/app\.ts/);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
});
