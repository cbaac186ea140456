import { findLocations, transitLocationId } from '../catalog/index.js';
import { DomainError, parseInput, validationFailed } from '../errors/index.js';
import { idempotent, openTransit, postMovements, transferReceipt } from '../ledger/index.js';
import type { Posting } from '../ledger/index.js';
import { toPage } from '../store/index.js';
import type { Db, Page, Store } from '../store/index.js';
import { DAY_MS } from '../calendar/index.js';
import { newDocumentId, requireRealLocation, storedTime, transition, updateLines } from './document.js';
import {
  NewTransferOrder,
  ReceiveTransferOrder,
  ShipTransferOrder,
  TransferOrderFilter,
} from './transfer-orders.schemas.js';
import { DEFAULT_TRANSIT_DAYS } from './transfer-order.js';
import { listTransfers, loadTransfer } from './transfer-order.repository.js';
import type { TransferOrder } from './transfer-orders.schemas.js';

export interface TransferOrders {
  create(input: NewTransferOrder): Promise<TransferOrder>;
  /** `create` inside the caller's transaction, for a step that must commit with the transfer (an approved suggestion). */
  createIn(trx: Db, input: NewTransferOrder): Promise<TransferOrder>;
  get(id: string): Promise<TransferOrder>;
  /** A page of transfers, filtered; `open` and `overdue` as of now. */
  list(filter?: TransferOrderFilter): Promise<Page<TransferOrder>>;
  /**
   * Sends the goods: from → the transfer's transit location. Once only. A transfer that did not say
   * when it would arrive is due `DEFAULT_TRANSIT_DAYS` after it ships.
   */
  ship(id: string, input: ShipTransferOrder): Promise<{ transfer: TransferOrder; posting: Posting }>;
  /** Takes goods in at the destination, and writes off what will not arrive. */
  receive(id: string, input: ReceiveTransferOrder): Promise<{ transfer: TransferOrder; posting: Posting }>;
  /** Only a draft: once shipped, goods come back by a transfer the other way. */
  cancel(id: string, actor: string): Promise<TransferOrder>;
}

/**
 * Transfers as documents: each step is a conditional status change and its posting in one
 * transaction, so a transfer ships once, and receives no more than it shipped.
 *
 * @example
 * const transfers = createTransferOrders(store);
 * const t = await transfers.create({ from: 'dc-north', to: 'store-007', lines: [{ sku: 'TEA-1', quantity: 24 }], ship: true, actor: 'ole' });
 * await transfers.receive(t.id, { lines: [{ sku: 'TEA-1', quantity: 23, shortfall: 1 }], reason: 'torn pack', actor: 'mia' });
 */
export function createTransferOrders(store: Store): TransferOrders {
  const { db, capabilities } = store;

  async function shipIn(trx: Db, id: string, actor: string, occurredAt: string): Promise<Posting> {
    await transition(trx, capabilities, 'transfer_orders', id, ['draft'], 'shipped', { shipped_at: occurredAt });
    await trx
      .updateTable('transfer_orders')
      .set({ expected_at: new Date(Date.parse(occurredAt) + DEFAULT_TRANSIT_DAYS * DAY_MS).toISOString() })
      .where('id', '=', id)
      .where('expected_at', 'is', null)
      .execute();
    const transfer = await loadTransfer(trx, id);
    await openTransit(trx, id, transfer.fromId, transfer.toId);
    return postMovements(trx, capabilities, {
      document: { type: 'transfer_order', id },
      movements: transfer.lines.map((l) => ({
        sku: l.sku,
        quantity: l.quantity,
        kind: 'transfer_ship' as const,
        from: transfer.fromId,
        to: transitLocationId(id),
        reference: transfer.reference ?? id,
      })),
      actor,
      occurredAt,
      procedureOf: [transitLocationId(id)],
    });
  }

  const when = (occurredAt: string | undefined) =>
    occurredAt ? new Date(occurredAt).toISOString() : new Date().toISOString();

  async function createIn(trx: Db, raw: NewTransferOrder): Promise<TransferOrder> {
    const input = parseInput(NewTransferOrder, raw);
    await requireRealLocation(
      trx,
      capabilities,
      [
        { path: 'from', id: input.from },
        { path: 'to', id: input.to },
      ],
      input.lines.map((l) => l.sku),
      'a transfer joins two real locations',
    );
    const id = input.id ?? newDocumentId('T');
    // A transfer id names its transit location: one already used (a posted transfer) cannot be reused.
    const transit = (await findLocations(trx, [transitLocationId(id)])).size > 0;
    const now = when(input.occurredAt);
    const inserted = transit
      ? { numInsertedOrUpdatedRows: 0n }
      : await trx
          .insertInto('transfer_orders')
          .values({
            id,
            from_id: input.from,
            to_id: input.to,
            status: 'draft',
            reference: input.reference ?? null,
            expected_at: storedTime(input.expectedAt) ?? null,
            created_by: input.actor,
            created_at: now,
            updated_at: now,
          })
          .onConflict((oc) => oc.column('id').doNothing())
          .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0)
      throw new DomainError('already_exists', `Transfer '${id}' already exists`, { id });
    await trx
      .insertInto('transfer_order_lines')
      .values(
        input.lines.map((l, line) => ({
          transfer_id: id,
          line,
          sku: l.sku,
          quantity: l.quantity,
          received: 0,
          shortfall: 0,
        })),
      )
      .execute();
    if (input.ship) await shipIn(trx, id, input.actor, now);
    return loadTransfer(trx, id);
  }

  return {
    createIn,
    async create(raw) {
      parseInput(NewTransferOrder, raw);
      return store.transaction((trx) => createIn(trx, raw));
    },

    get: (id) => loadTransfer(db, id),

    async list(raw = {}) {
      const filter = parseInput(TransferOrderFilter, raw);
      return toPage(await listTransfers(db, filter), filter.limit, (t) => t.id);
    },

    async ship(id, raw) {
      const input = parseInput(ShipTransferOrder, raw);
      return store.transaction((trx) =>
        idempotent(trx, input.idempotencyKey, `transfer.ship:${id}`, input, async () => {
          const posting = await shipIn(trx, id, input.actor, when(input.occurredAt));
          return { transfer: await loadTransfer(trx, id), posting };
        }),
      );
    },

    async receive(id, raw) {
      const input = parseInput(ReceiveTransferOrder, raw);
      if (input.reason === undefined && input.lines.some((l) => l.shortfall > 0))
        throw validationFailed([{ path: 'reason', message: 'say why units are short' }]);
      return store.transaction((trx) =>
        idempotent(trx, input.idempotencyKey, `transfer.receive:${id}`, input, async () => {
          await transition(
            trx,
            capabilities,
            'transfer_orders',
            id,
            ['shipped', 'partially_received'],
            'partially_received',
          );
          const transfer = await loadTransfer(trx, id);
          const lineOf = new Map(transfer.lines.map((l) => [l.sku, l]));
          const issues = input.lines.flatMap((l, i) => {
            const line = lineOf.get(l.sku);
            if (!line) return [{ path: `lines.${i}.sku`, message: `${l.sku} is not on transfer ${id}` }];
            if (l.quantity + l.shortfall > line.inTransit)
              return [
                { path: `lines.${i}.quantity`, message: `only ${line.inTransit} of ${l.sku} are still in transit` },
              ];
            if (l.quantity + l.shortfall === 0)
              return [{ path: `lines.${i}.quantity`, message: 'receive or write off at least one unit' }];
            return [];
          });
          if (issues.length > 0) throw validationFailed(issues);

          const reference = transfer.reference ?? id;
          const drafts = transferReceipt(id, transfer.toId, input.lines, input.reason).map((d) => ({
            ...d,
            reference,
          }));
          const occurredAt = when(input.occurredAt);
          const posting = await postMovements(trx, capabilities, {
            document: { type: 'transfer_order', id },
            movements: drafts,
            actor: input.actor,
            occurredAt,
            procedureOf: [transitLocationId(id)],
          });
          for (const l of input.lines) {
            const line = lineOf.get(l.sku)!;
            line.received += l.quantity;
            line.shortfall += l.shortfall;
            line.inTransit -= l.quantity + l.shortfall;
          }
          await updateLines(
            trx,
            capabilities,
            'transfer_order_lines',
            'transfer_id',
            id,
            ['received', 'shortfall'],
            input.lines.map((l) => ({
              sku: l.sku,
              values: [lineOf.get(l.sku)!.received, lineOf.get(l.sku)!.shortfall],
            })),
          );
          if (transfer.lines.every((l) => l.inTransit === 0))
            await transition(trx, capabilities, 'transfer_orders', id, ['partially_received'], 'received', {
              completed_at: occurredAt,
            });
          return { transfer: await loadTransfer(trx, id), posting };
        }),
      );
    },

    async cancel(id, actor) {
      if (!actor) throw validationFailed([{ path: 'actor', message: 'say who is acting' }]);
      return store.transaction(async (trx) => {
        const current = await loadTransfer(trx, id);
        if (current.status !== 'draft')
          throw new DomainError(
            'illegal_transition',
            `Transfer '${id}' is ${current.status.replace('_', ' ')}; only a draft can be cancelled (send the goods back with a transfer the other way)`,
            { id, status: current.status, wanted: 'cancelled' },
          );
        await transition(trx, capabilities, 'transfer_orders', id, ['draft'], 'cancelled', {
          completed_at: new Date().toISOString(),
        });
        return loadTransfer(trx, id);
      });
    },
  };
}
