import { chunks, placeholderRows, ROWS_PER_STATEMENT, runStatement } from '../store/index.js';
import type { Db, Store } from '../store/index.js';
import type { ImportCounts } from './exchange.schemas.js';

/** A table whose rows an import creates or replaces by key: the catalog's tables, sales history, promotions. */
export interface KeyedTable {
  table: 'locations' | 'products' | 'suppliers' | 'supplier_items' | 'sales_history' | 'promotions';
  keyColumns: readonly string[];
  /** Whether rows carry created_at/updated_at. */
  timestamps: boolean;
  /** Whether rows record who made them (created_by): the importer, for a new row; a replaced one keeps its own. */
  createdBy?: boolean;
}

type Values = Record<string, unknown>;

const keyOf = (spec: KeyedTable, values: Values) => JSON.stringify(spec.keyColumns.map((c) => values[c]));

/** The rows of `spec.table` with the keys of `rows`, by key. */
export async function existingRows(
  db: Db,
  store: Store,
  spec: KeyedTable,
  rows: readonly Values[],
): Promise<Map<string, Values>> {
  const found = new Map<string, Values>();
  const keys = spec.keyColumns;
  for (const part of chunks(rows, ROWS_PER_STATEMENT)) {
    const { rows: existing } = await runStatement<Values>(
      db,
      store.capabilities,
      `select * from ${spec.table} where (${keys.join(', ')}) in (values ${placeholderRows(part.length, keys.length)})`,
      part.flatMap((row) => keys.map((c) => row[c])),
    );
    for (const row of existing) found.set(keyOf(spec, row), row);
  }
  return found;
}

/** Sorts rows into new ones, changed ones (with the row they replace) and unchanged ones. */
export function compareRows(spec: KeyedTable, rows: readonly Values[], existing: Map<string, Values>) {
  const created: Values[] = [];
  const updated: { values: Values; before: Values }[] = [];
  let unchanged = 0;
  for (const values of rows) {
    const before = existing.get(keyOf(spec, values));
    if (!before) created.push(values);
    else if (Object.entries(values).some(([column, value]) => !sameValue(before[column], value)))
      updated.push({ values, before });
    else unchanged += 1;
  }
  return { created, updated, unchanged };
}

// Numbers may come back from the database as numbers or numeric strings; dates as Date or text.
function sameValue(stored: unknown, value: unknown): boolean {
  if (stored === value) return true;
  if (stored === null || value === null || stored === undefined || value === undefined) return false;
  if (typeof value === 'number') return Number(stored) === value;
  return String(stored) === String(value);
}

/**
 * Writes `rows` into `spec.table` inside `trx`: inserts the new ones (made by `actor`) and updates the
 * changed ones, leaving identical rows alone, so that importing the same file again writes nothing.
 */
export async function upsertRows(
  trx: Db,
  store: Store,
  spec: KeyedTable,
  rows: readonly Values[],
  actor: string,
  onUpdated?: (values: Values, before: Values) => Promise<void>,
): Promise<ImportCounts> {
  const { created, updated, unchanged } = compareRows(spec, rows, await existingRows(trx, store, spec, rows));
  const now = new Date().toISOString();
  const stamp = (values: Values, fresh: boolean): Values => ({
    ...values,
    ...(spec.timestamps ? { ...(fresh ? { created_at: now } : {}), updated_at: now } : {}),
    ...(fresh && spec.createdBy ? { created_by: actor } : {}),
  });
  if (created.length > 0) {
    const columns = Object.keys(stamp(created[0]!, true));
    for (const part of chunks(created, ROWS_PER_STATEMENT)) {
      await runStatement(
        trx,
        store.capabilities,
        `insert into ${spec.table} (${columns.join(', ')}) values ${placeholderRows(part.length, columns.length)}`,
        part.flatMap((values) => {
          const stamped = stamp(values, true);
          return columns.map((c) => stamped[c]);
        }),
      );
    }
  }
  for (const { values, before } of updated) {
    const stamped = Object.entries(stamp(values, false)).filter(([c]) => !spec.keyColumns.includes(c));
    await runStatement(
      trx,
      store.capabilities,
      `update ${spec.table} set ${stamped.map(([c]) => `${c} = ?`).join(', ')}
       where ${spec.keyColumns.map((c) => `${c} = ?`).join(' and ')}`,
      [...stamped.map(([, v]) => v), ...spec.keyColumns.map((c) => values[c])],
    );
    await onUpdated?.(values, before);
  }
  return { created: created.length, updated: updated.length, unchanged };
}
