import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  AnyLocationId,
  findPostingSubjects,
  hasStockFloor,
  isRealKind,
  LocationId,
  locationOfQuarantine,
  Sku,
  transferOfTransit,
} from '../catalog/index.js';
import type { LocationFacts } from '../catalog/index.js';
import {
  Actor,
  balanceKey,
  describeEnds,
  joinsAllowedEnds,
  MOVEMENT_KINDS,
  DOCUMENT_TYPES,
  MOVEMENT_RULES,
  OccurredAt,
  openQuarantine,
  openTransit,
  Quantity,
  readBalances,
  readPeriodLock,
  Reason,
  Reference,
  transferOrdersAmong,
  writeMovements,
} from '../ledger/index.js';
import type { Movement } from '../ledger/index.js';
import { chunks, newId, placeholderRows, ROWS_PER_STATEMENT, runStatement, toIsoString } from '../store/index.js';
import type { Db, Store } from '../store/index.js';
import type { Column } from './cells.js';
import type { RowError } from './exchange.schemas.js';
import type { Dataset, Lined } from './dataset.js';
import { EXPORT_PAGE, keysetPages } from './keyed-dataset.js';

const COLUMNS: Column[] = [
  { name: 'id', type: 'text' },
  { name: 'posting', type: 'text' },
  { name: 'occurred_at', type: 'timestamp', required: true },
  { name: 'kind', type: 'text', required: true },
  { name: 'sku', type: 'text', required: true },
  { name: 'from', type: 'text', required: true },
  { name: 'to', type: 'text', required: true },
  { name: 'quantity', type: 'integer', required: true },
  { name: 'reason', type: 'text' },
  { name: 'reference', type: 'text' },
  { name: 'actor', type: 'text' },
  { name: 'destination', type: 'text' },
  { name: 'document_type', type: 'text' },
  { name: 'document_id', type: 'text' },
];

const Key = z
  .string()
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'use letters, digits, ".", "_", ":" or "-"');

const MovementRow = z
  .strictObject({
    id: Key.optional(),
    posting: Key.optional(),
    occurredAt: OccurredAt,
    kind: z.enum(MOVEMENT_KINDS),
    sku: Sku,
    from: AnyLocationId,
    to: AnyLocationId,
    quantity: Quantity,
    reason: Reason.optional(),
    reference: Reference.optional(),
    actor: Actor.optional(),
    /** For a `transfer_ship` into a transit location that does not exist yet: where the transfer goes. */
    destination: LocationId.optional(),
    /** The document whose procedure posted the movement, as an export gives it: both or neither. */
    documentType: z.enum(DOCUMENT_TYPES).optional(),
    documentId: Reference.optional(),
  })
  .refine((row) => (row.documentType === undefined) === (row.documentId === undefined), {
    message: 'give document_type and document_id together, or neither',
    path: ['documentId'],
  });
type MovementRow = z.output<typeof MovementRow>;

/** Movements may be dated a little ahead of the clock (skew), as when posted through the API. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/**
 * The ledger's movements, in the order they were posted. A row with an `id` keeps it; a row without
 * one gets an id made from its content and its line, so importing the same file again (or the same
 * file with new rows appended) posts only what is new. Rows sharing a `posting` are posted together,
 * all or nothing. Stock floors are checked as the file is read, posting by posting.
 */
export const MOVEMENTS: Dataset<MovementRow> = {
  name: 'movements',
  summary: 'the ledger: every movement with its kind, SKU, both ends, quantity, time, reason and reference',
  columns: COLUMNS,
  schema: MovementRow,
  groupKey: (row) => row.posting ?? null,
  importer(store, actor) {
    const locations = new Map<string, LocationFacts>();
    const stock = new Map<string, { onHand: number; reserved: number }>();

    async function withIds(db: Db, rows: readonly Lined<MovementRow>[]) {
      // The row keeps its id, so that the write pass (which sees the checked rows again) need not make it twice.
      const identified = rows.map((lined) => {
        lined.row.id ??= derivedId(lined.row, lined.line);
        return { ...lined, id: lined.row.id };
      });
      const stored = await existingIds(
        db,
        store,
        identified.map((r) => r.id),
      );
      const fresh = identified.filter((r) => !stored.has(r.id));
      return { fresh, already: identified.length - fresh.length };
    }

    return {
      async check(rows) {
        const { fresh, already } = await withIds(store.db, rows);
        const wanted = fresh.flatMap(({ row }) => [
          row.from,
          row.to,
          ...(row.destination ? [row.destination] : []),
          // A quarantine not yet opened is opened for its location, which must exist.
          ...[row.from, row.to].flatMap((id) => locationOfQuarantine(id) ?? []),
        ]);
        const found = await findPostingSubjects(
          store.db,
          store.capabilities,
          wanted.filter((id) => !locations.has(id)),
          fresh.map((r) => r.row.sku),
        );
        for (const [id, location] of found.locations) locations.set(id, location);
        const { skus } = found;
        const errors: RowError[] = [];
        const good: (Lined<MovementRow> & { id: string })[] = [];
        const latest = Date.now() + FUTURE_TOLERANCE_MS;
        // What the write pass would refuse is refused here, so that a file with errors writes nothing:
        // rows in a locked period, and rows that touch the transit of a transfer order (a document).
        const { lockDate } = await readPeriodLock(store.db);
        const documented = new Set(
          await transferOrdersAmong(
            store.db,
            store.capabilities,
            fresh.flatMap(({ row }) => [row.from, row.to].flatMap((id) => transferOfTransit(id) ?? [])),
          ),
        );
        for (const lined of fresh) {
          const found = [...checkRow(lined, locations, skus, latest), ...checkDocuments(lined, lockDate, documented)];
          errors.push(...found);
          if (found.length === 0) good.push(lined);
        }

        // Play the good rows against the stock they meet, a posting at a time.
        const unknown = good
          .flatMap(({ row }) => [
            { sku: row.sku, locationId: row.from },
            { sku: row.sku, locationId: row.to },
          ])
          .filter((p) => !stock.has(balanceKey(p.sku, p.locationId)));
        const read = await readBalances(store.db, store.capabilities, unknown);
        for (const p of unknown)
          stock.set(
            balanceKey(p.sku, p.locationId),
            read.get(balanceKey(p.sku, p.locationId)) ?? { onHand: 0, reserved: 0 },
          );
        let created = 0;
        for (const group of postingGroups(good, 'alone')) {
          const net = new Map<string, number>();
          for (const { row } of group) {
            net.set(balanceKey(row.sku, row.from), (net.get(balanceKey(row.sku, row.from)) ?? 0) - row.quantity);
            net.set(balanceKey(row.sku, row.to), (net.get(balanceKey(row.sku, row.to)) ?? 0) + row.quantity);
          }
          const short = group.find(({ row }) => {
            const key = balanceKey(row.sku, row.from);
            const { onHand, reserved } = stock.get(key) ?? { onHand: 0, reserved: 0 };
            const after = onHand + net.get(key)!;
            return after - reserved < 0 && (reserved > 0 || hasStockFloor(locations.get(row.from)!));
          });
          if (short) {
            const key = balanceKey(short.row.sku, short.row.from);
            const { onHand, reserved } = stock.get(key) ?? { onHand: 0, reserved: 0 };
            const after = onHand + net.get(key)!;
            const what = `would leave ${after} of ${short.row.sku} at '${short.row.from}'${reserved > 0 ? ` with ${reserved} reserved` : ''}`;
            for (const { line } of group)
              errors.push(
                line === short.line
                  ? { line, column: 'quantity', reason: what }
                  : { line, column: 'posting', reason: `its posting cannot be posted: line ${short.line} ${what}` },
              );
            continue;
          }
          for (const [key, change] of net) {
            const current = stock.get(key) ?? { onHand: 0, reserved: 0 };
            stock.set(key, { ...current, onHand: current.onHand + change });
          }
          created += group.length;
        }
        return { errors, counts: { created, updated: 0, unchanged: already } };
      },

      async apply(rows) {
        return store.transaction(async (trx) => {
          const { fresh, already } = await withIds(trx, rows);
          for (const { row } of fresh) {
            const transfer = transferOfTransit(row.to);
            if (row.kind === 'transfer_ship' && row.destination && transfer !== null)
              await openTransit(trx, transfer, row.from, row.destination);
            const quarantined = locationOfQuarantine(row.to);
            if (quarantined !== null) await openQuarantine(trx, quarantined);
          }
          const recordedAt = new Date().toISOString();
          const movements: Movement[] = [];
          for (const group of postingGroups(fresh, 'together')) {
            const postingId = group[0]!.row.posting ?? newId();
            group.forEach(({ id, row }, line) =>
              movements.push({
                id,
                postingId,
                line,
                sku: row.sku,
                fromLocationId: row.from,
                toLocationId: row.to,
                quantity: row.quantity,
                kind: row.kind,
                reason: row.reason ?? null,
                reference: row.reference ?? null,
                documentType: row.documentType ?? null,
                documentId: row.documentId ?? null,
                actor: row.actor ?? actor,
                occurredAt: row.occurredAt,
                recordedAt,
              }),
            );
          }
          await writeMovements(trx, store.capabilities, movements);
          return { created: movements.length, updated: 0, unchanged: already };
        });
      },
    };
  },
  exportPages: (store) =>
    keysetPages(
      async (after: { id: string } | undefined) =>
        store.db
          .selectFrom('movements as m')
          .leftJoin('locations as t', (join) =>
            join.onRef('t.id', '=', 'm.to_location_id').on('t.kind', '=', 'transit'),
          )
          .selectAll('m')
          .select('t.destination_id')
          .$if(after !== undefined, (q) => q.where('m.id', '>', after!.id))
          .orderBy('m.id')
          .limit(EXPORT_PAGE)
          .execute(),
      (m) => ({
        id: m.id,
        posting: m.posting_id,
        occurred_at: toIsoString(m.occurred_at),
        kind: m.kind,
        sku: m.sku,
        from: m.from_location_id,
        to: m.to_location_id,
        quantity: Number(m.quantity),
        reason: m.reason,
        reference: m.reference,
        actor: m.actor,
        destination: m.kind === 'transfer_ship' ? m.destination_id : null,
        document_type: m.document_type,
        document_id: m.document_id,
      }),
    ),
};

/**
 * Consecutive rows with the same `posting` form one posting. Rows without one are each a posting of
 * their own when stock floors are checked (`alone`), and share one posting when written together.
 */
function* postingGroups<T extends Lined<MovementRow>>(rows: readonly T[], loose: 'alone' | 'together'): Generator<T[]> {
  let group: T[] = [];
  for (const lined of rows) {
    const last = group[group.length - 1];
    const { posting } = lined.row;
    const together =
      posting === undefined ? loose === 'together' && last?.row.posting === undefined : posting === last?.row.posting;
    if (last && !together) {
      yield group;
      group = [];
    }
    group.push(lined);
  }
  if (group.length > 0) yield group;
}

/** A row the ledger would refuse for a closed period or a transfer order's stock, said per row. */
function checkDocuments(
  { line, row }: Lined<MovementRow>,
  lockDate: string | null,
  transferOrders: ReadonlySet<string>,
): RowError[] {
  const errors: RowError[] = [];
  if (lockDate !== null && Date.parse(row.occurredAt) <= Date.parse(lockDate))
    errors.push({ line, column: 'occurred_at', reason: `is on or before the ledger's lock date ${lockDate}` });
  for (const [column, id] of [
    ['from', row.from],
    ['to', row.to],
  ] as const) {
    const transfer = transferOfTransit(id);
    if (transfer !== null && transferOrders.has(transfer))
      errors.push({
        line,
        column,
        reason: `'${id}' holds the stock of transfer order '${transfer}', which moves only through that order`,
      });
  }
  return errors;
}

function checkRow(
  { line, row }: Lined<MovementRow>,
  locations: Map<string, LocationFacts>,
  skus: ReadonlySet<string>,
  latest: number,
): RowError[] {
  const errors: RowError[] = [];
  const error = (column: string, reason: string) => errors.push({ line, column, reason });
  if (!skus.has(row.sku)) error('sku', `product '${row.sku}' does not exist`);
  if (Date.parse(row.occurredAt) > latest) error('occurred_at', 'is in the future');
  if (row.from === row.to) error('to', `from and to are both '${row.from}'`);
  // A transfer shipped in this file creates its transit location, if the row says where it goes.
  if (!locations.has(row.to) && transferOfTransit(row.to) !== null && row.kind === 'transfer_ship') {
    const destination = row.destination ? locations.get(row.destination) : undefined;
    if (!row.destination) error('destination', `give the destination of new transfer '${row.to}'`);
    else if (!destination || !isRealKind(destination.kind))
      error('destination', `location '${row.destination}' does not exist`);
    else locations.set(row.to, { id: row.to, kind: 'transit', status: 'active', allowNegativeStock: false });
  }
  // Goods returned into a quarantine not opened yet open it, as taking a return in does.
  const quarantined = locationOfQuarantine(row.to);
  const origin = quarantined === null ? undefined : locations.get(quarantined);
  if (!locations.has(row.to) && origin && isRealKind(origin.kind))
    locations.set(row.to, { id: row.to, kind: 'quarantine', status: 'active', allowNegativeStock: false });
  const from = locations.get(row.from);
  const to = locations.get(row.to);
  if (!from) error('from', `location '${row.from}' does not exist`);
  if (!to && !errors.some((e) => e.column === 'destination')) error('to', `location '${row.to}' does not exist`);
  if (from && to && !joinsAllowedEnds(row.kind, from.kind, to.kind))
    error('kind', `a '${row.kind}' goes ${describeEnds(row.kind)}, not ${from.kind} → ${to.kind}`);
  if (MOVEMENT_RULES[row.kind].reasonRequired && !row.reason) error('reason', `a '${row.kind}' needs a reason`);
  if (to?.status === 'closed') error('to', `location '${row.to}' is closed and takes no stock`);
  return errors;
}

/**
 * An id for a row that has none, the same every time the same row is read at the same line: shaped
 * like a UUIDv7 whose time is the movement's, so imported history sorts by when it happened.
 */
export function derivedId(row: MovementRow, line: number): string {
  const hash = createHash('sha256')
    .update(
      JSON.stringify([
        line,
        row.occurredAt,
        row.kind,
        row.sku,
        row.from,
        row.to,
        row.quantity,
        row.reason,
        row.reference,
        row.actor,
        row.posting,
      ]),
    )
    .digest('hex');
  const time = Date.parse(row.occurredAt).toString(16).padStart(12, '0').slice(-12);
  const variant = ((parseInt(hash[3]!, 16) & 0x3) | 0x8).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8)}-7${hash.slice(0, 3)}-${variant}${hash.slice(4, 7)}-${hash.slice(7, 19)}`;
}

async function existingIds(db: Db, store: Store, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks(ids, ROWS_PER_STATEMENT)) {
    const { rows } = await runStatement<{ id: string }>(
      db,
      store.capabilities,
      `select id from movements where id in (${placeholderRows(1, part.length, (marks) => marks)})`,
      part,
    );
    for (const row of rows) found.add(row.id);
  }
  return found;
}
