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
