import { PassThrough, Readable } from 'node:stream';
import { DATASETS, exportCsv, importCsv } from '../../src/exchange/index.js';
import type { DatasetName, ImportOptions } from '../../src/exchange/index.js';
import type { Store } from '../../src/store/index.js';

/** A dataset exported to CSV text. */
export async function exported(store: Store, name: DatasetName, asOf?: string): Promise<string> {
  const sink = new PassThrough();
  const parts: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => parts.push(chunk));
  await exportCsv(store, DATASETS[name], sink, { asOf });
  sink.end();
  return Buffer.concat(parts).toString('utf8');
}

/** Imports CSV text into a dataset. */
export function imported(store: Store, name: DatasetName, text: string, options: Partial<ImportOptions> = {}) {
  return importCsv(store, DATASETS[name], Readable.from([text]), { actor: 'test', ...options });
}
