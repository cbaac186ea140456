import { uuidv7 } from 'uuidv7';

/**
 * A new identifier: a UUIDv7, generated here rather than by a database sequence so that ids stay unique
 * across processes and database nodes, and sort by creation time.
 */
export function newId(): string {
  return uuidv7();
}
