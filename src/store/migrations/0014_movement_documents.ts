import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { VersionedMigration } from './migration.js';

/**
 * Each movement names the document whose procedure posted it (a purchase order, a transfer, a count,
 * a return, an order), apart from the free reference its caller gave: a transfer's movements are found
 * by the transfer's id even when the caller referenced them by its own number. Movements posted before
 * keep no document; the reference of most of them is their document's id.
 */
export const movementDocuments: VersionedMigration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('movements').addColumn('document_type', 'text').execute();
    await db.schema.alterTable('movements').addColumn('document_id', 'text').execute();
    await db.schema
      .createIndex('movements_document_idx')
      .on('movements')
      .columns(['document_type', 'document_id'])
      .where(sql.ref('document_id'), 'is not', null)
      .execute();
  },
};
