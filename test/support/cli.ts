import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The `omnistock` executable, as users run it. */
export const bin = fileURLToPath(new URL('../../bin/omnistock.js', import.meta.url));

/**
 * Runs `omnistock …args` as a child process on the SQLite database in `dataDir` (never on
 * `DATABASE_URL`), and answers its exit code and output, whatever the code.
 */
export async function runOmnistock(
  dataDir: string,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
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

/** A scratch data directory for CLI tests: files written into it, and `omnistock` run on its database. */
export interface ScratchDataDir {
  /** Writes `text` to `name` in the directory and answers its path. */
  file(name: string, text: string): string;
  omnistock(...args: string[]): ReturnType<typeof runOmnistock>;
}

/** Runs `use` with a fresh data directory, removed afterwards whatever happens. */
export async function withDataDir(use: (dir: ScratchDataDir) => Promise<void>): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'omnistock-cli-'));
  try {
    await use({
      file: (name, text) => {
        const path = join(dataDir, name);
        writeFileSync(path, text);
        return path;
      },
      omnistock: (...args) => runOmnistock(dataDir, ...args),
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
