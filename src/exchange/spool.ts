import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DomainError } from '../errors/index.js';

export interface SpooledFile {
  path: string;
  size: number;
  remove(): void;
}

/**
 * Copies a stream (standard input, an upload) into a temporary file, because an import reads its
 * file twice: once to check it, once to write. Refuses more than `limit` bytes.
 */
export async function spoolToFile(source: Readable, limit = Number.POSITIVE_INFINITY): Promise<SpooledFile> {
  const dir = mkdtempSync(join(tmpdir(), 'omnistock-import-'));
  const path = join(dir, 'upload.csv');
  const remove = () => rmSync(dir, { recursive: true, force: true });
  let size = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > limit)
        done(new DomainError('validation_failed', `The file is larger than ${Math.round(limit / 2 ** 20)} MiB`));
      else done(null, chunk);
    },
  });
  try {
    await pipeline(source, count, createWriteStream(path));
  } catch (error) {
    remove();
    throw error;
  }
  return { path, size, remove };
}
