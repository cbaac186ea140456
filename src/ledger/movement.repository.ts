import { sql } from 'kysely';
import type { Selectable } from 'kysely';
import { chunks, placeholderRows, ROWS_PER_STATEMENT, runStatement, toIsoString } from '../store/index.js';
import type { Db, StoreCapabilities } from '../store/index.js';
import type { MovementTable } from '../store/index.js';
import type { Movement } from './ledger.schemas.js';
import type { DocumentType, MovementKind } from './movement.js';

export function toMovement(row: Selectable<MovementTable>): Movement {
  return {
    id: row.id,
    postingId: row.posting_id,
    line: row.line,
    sku: row.sku,
    fromLocationId: row.from_location_id,
    toLocationId: row.to_location_id,
    quantity: row.quantity,
    kind: row.kind as MovementKind,
    reason: row.reason,
    reference: row.reference,
    documentType: row.document_type as DocumentType | null,
    documentId: row.document_id,
    actor: row.actor,
    occurredAt: toIsoString(row.occurred_at),
    recordedAt: toIsoString(row.recorded_at),
  };
}

const MOVEMENT_COLUMNS = 15;

export async function insertMovements(
  trx: Db,
  capabilities: StoreCapabilities,
  movements: readonly Movement[],
): Promise<void> {
  for (const chunk of chunks(movements, ROWS_PER_STATEMENT)) {
    await runStatement(
      trx,
      capabilities,
      `insert into movements (id, posting_id, line, sku, from_location_id, to_location_id, quantity, kind, reason,
                              reference, document_type, document_id, actor, occurred_at, recorded_at)
       values ${placeholderRows(chunk.length, MOVEMENT_COLUMNS)}`,
      chunk.flatMap((m) => [
        m.id,
        m.postingId,
        m.line,
        m.sku,
        m.fromLocationId,
        m.toLocationId,
        m.quantity,
        m.kind,
        m.reason,
        m.reference,
        m.documentType,
        m.documentId,
        m.actor,
        m.occurredAt,
        m.recordedAt,
      ]),
    );
  }
}

/**
 * On-hand quantity of `sku` at `locationId` at the instant `at` (inclusive), folded from the ledger:
 * what came in minus what went out.
 */
export async function onHandAt(db: Db, sku: string, locationId: string, at: string): Promise<number> {
  const inbound = db
    .selectFrom('movements')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('quantity'), sql<number>`0`).as('q'))
    .where('to_location_id', '=', locationId)
    .where('sku', '=', sku)
    .where('occurred_at', '<=', at);
  const outbound = db
    .selectFrom('movements')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('quantity'), sql<number>`0`).as('q'))
    .where('from_location_id', '=', locationId)
    .where('sku', '=', sku)
    .where('occurred_at', '<=', at);
  const row = await db.selectNoFrom([inbound.as('inbound'), outbound.as('outbound')]).executeTakeFirstOrThrow();
  return Number(row.inbound ?? 0) - Number(row.outbound ?? 0);
}
