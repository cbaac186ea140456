import { Transform } from 'node:stream';
import { DomainError } from '../errors/index.js';

/** Passes a stream (an upload) through, failing it with a clear error past `limit` bytes. */
export function limitBytes(limit: number): Transform {
  let size = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > limit)
        done(new DomainError('validation_failed', `The file is larger than ${Math.round(limit / 2 ** 20)} MiB`));
      else done(null, chunk);
    },
  });
}
