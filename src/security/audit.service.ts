import { z } from 'zod';
import { Cursor } from '../catalog/index.js';
import { parseInput } from '../errors/index.js';
import { singleLine } from '../input/index.js';
import { newId, toIsoString, toPage } from '../store/index.js';
import type { Page, Store } from '../store/index.js';
import type { AuditEntry } from './security.schemas.js';

export const AuditFilter = z.strictObject({
  actor: singleLine(200).optional().describe('Only the writes of the token with this name'),
  after: Cursor.optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(100)
    .describe('How many entries a page holds at most, 1–1000; 100 when left out'),
});
export type AuditFilter = z.input<typeof AuditFilter>;

export interface Audit {
  record(entry: Omit<AuditEntry, 'id' | 'at'>): Promise<void>;
  list(filter?: AuditFilter): Promise<Page<AuditEntry>>;
}

export function createAudit(store: Store): Audit {
  const { db } = store;
  return {
    async record(entry) {
      await db
        .insertInto('audit_log')
        .values({
          id: newId(),
          actor: entry.actor,
          action: entry.action,
          target: entry.target,
          status: entry.status,
          idempotency_key: entry.idempotencyKey,
          at: new Date().toISOString(),
        })
        .execute();
    },
    async list(raw = {}) {
      const filter = parseInput(AuditFilter, raw);
      let query = db
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('id', 'desc')
        .limit(filter.limit + 1);
      if (filter.actor) query = query.where('actor', '=', filter.actor);
      if (filter.after) query = query.where('id', '<', filter.after);
      const entries = (await query.execute()).map((r) => ({
        id: r.id,
        actor: r.actor,
        action: r.action,
        target: r.target,
        status: r.status,
        idempotencyKey: r.idempotency_key,
        at: toIsoString(r.at),
      }));
      return toPage(entries, filter.limit, (entry) => entry.id);
    },
  };
}
