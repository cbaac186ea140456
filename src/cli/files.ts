import { open } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';

/** What a file system error means to the person who named the file. */
const MEANING: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is not a directory',
  EISDIR: 'it is a directory, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EMFILE: 'too many open files',
};

/**
 * A file the command cannot use, said in one line. Deliberately without `cause`: the CLI prints the
 * cause under the message, and the message already says all of it.
 */
function unusable(verb: 'read' | 'write', path: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const why = (code && MEANING[code]) ?? (error instanceof Error ? error.message : String(error));
  return new Error(`cannot ${verb} ${path}: ${why}`);
}

/**
 * Opens a file to read as a stream, failing at once, with a message a person can act on, when it is
 * missing, a directory or unreadable. Opening first (instead of letting the stream fail later) matters:
 * a stream's error with no listener yet ends the process with a stack trace.
 *
 * @example
 * const { stream, size } = await openInput('products.csv');
 */
export async function openInput(path: string): Promise<{ stream: Readable; size: number }> {
  const handle = await open(path, 'r').catch((error: unknown) => {
    throw unusable('read', path, error);
  });
  try {
    const stats = await handle.stat();
    if (stats.isDirectory()) throw unusable('read', path, Object.assign(new Error(), { code: 'EISDIR' }));
    return { stream: handle.createReadStream(), size: stats.size };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/**
 * Opens (creates or truncates) a file to write as a stream, failing at once, with a message a person
 * can act on, when its directory is missing, it is a directory or it is not writable.
 *
 * @example
 * const out = await openOutput('stock.csv');
 */
export async function openOutput(path: string): Promise<Writable> {
  const handle = await open(path, 'w').catch((error: unknown) => {
    throw unusable('write', path, error);
  });
  return handle.createWriteStream();
}
