import {
  ADJUSTMENT,
  CUSTOMER,
  findLocations,
  isRealKind,
  SCRAP,
  SUPPLIER,
  transitLocationId,
} from '../catalog/index.js';
import { DomainError, parseInput, validationFailed } from '../errors/index.js';
import { toPage } from '../store/index.js';
import type { Db, Page, Store } from '../store/index.js';
import type { Balance } from './balance.js';
import { toBalance } from './balance.js';
import { readBalance } from './balance.repository.js';
import { heldByDocument, transferOrdersAmong } from './held-stock.js';
import { idempotent } from './idempotency.js';
import {
  AdjustInput,
  AsOfQuery,
  BalanceQuery,
  MovementFilter,
  PostInput,
  ReceiveInput,
  ReturnInput,
  ScrapInput,
  SellInput,
  TransferReceiveInput,
  TransferShipInput,
} from './ledger.schemas.js';
import type { Movement, Posting } from './ledger.schemas.js';
import type { MovementKind } from './movement.js';
import { onHandAt, toMovement } from './movement.repository.js';
import { lockPeriod, LockPeriodInput, readPeriodLock } from './period-lock.js';
import type { PeriodLock } from './period-lock.js';
import { postMovements, requireSubjects } from './posting.js';
import { actingLocations, openTransit, transferReceipt, transitEnds } from './transit.js';
import type { MovementDraft } from './posting.js';

/** The stock ledger: every change of stock is posted here, and every balance is read here. */
export interface Ledger {
  /** Posts a batch of movements of any kinds, all or nothing. */
  post(input: PostInput): Promise<Posting>;
  receive(input: ReceiveInput): Promise<Posting>;
  sell(input: SellInput): Promise<Posting>;
  ship(input: SellInput): Promise<Posting>;
  returnGoods(input: ReturnInput): Promise<Posting>;
  adjust(input: AdjustInput): Promise<Posting>;
  scrap(input: ScrapInput): Promise<Posting>;
  shipTransfer(input: TransferShipInput): Promise<Posting>;
  receiveTransfer(input: TransferReceiveInput): Promise<Posting>;
  balance(sku: string, location: string): Promise<Balance>;
  balancesAt(location: string): Promise<Balance[]>;
  balancesOf(sku: string): Promise<Balance[]>;
  /** On-hand stock at a past instant, folded from the ledger. */
  onHandAt(query: AsOfQuery): Promise<number>;
  movements(filter?: MovementFilter): Promise<Page<Movement>>;
  /**
   * The real locations `movements` act at, which a token's location scope must cover: a quarantine
   * is its location's, a transit its transfer's origin or destination by the act (see `actingLocations`).
   */
  scopeOf(movements: readonly { kind: MovementKind; from: string; to: string }[]): Promise<string[]>;
  /** The lock date: nothing may be posted on or before it. */
  periodLock(): Promise<PeriodLock>;
  /** Sets or (with null) lifts the lock date. */
  lockPeriod(input: LockPeriodInput): Promise<PeriodLock>;
}

interface Common {
  actor: string;
  reference?: string | undefined;
  idempotencyKey?: string | undefined;
  occurredAt?: string | undefined;
}

/**
 * @example
 * const ledger = createLedger(store);
 * await ledger.receive({ location: 'dc-north', lines: [{ sku: 'TEA-1', quantity: 240 }], actor: 'ana', reference: 'PO-7' });
 */
export function createLedger(store: Store): Ledger {
  const { db, capabilities } = store;

  /** Posts the drafts an operation built from its (already validated) input, once per idempotency key. */
  function postOperation(
    operation: string,
    input: Common,
    drafts: MovementDraft[],
    procedure?: { of: string; before(trx: Db): Promise<void> },
  ) {
    return store.transaction((trx) =>
      idempotent(trx, input.idempotencyKey, operation, input, async () => {
        await procedure?.before(trx);
        return postMovements(trx, capabilities, {
          movements: drafts.map((d) => ({ ...d, reference: d.reference ?? input.reference })),
          actor: input.actor,
          occurredAt: input.occurredAt ?? new Date().toISOString(),
          ...(procedure ? { procedureOf: [procedure.of] } : {}),
        });
      }),
    );
  }

  /**
   * The ends of a lightweight transfer, which these two operations are the procedure of: never a
   * transfer order's (the document moves its own transit), and, once shipped, fixed.
   */
  async function lightweightTransit(trx: Db, transferId: string) {
    const transit = transitLocationId(transferId);
    if ((await transferOrdersAmong(trx, capabilities, [transferId])).length > 0)
      throw await heldByDocument(trx, capabilities, transit);
    return (await transitEnds(trx, [transit])).get(transit);
  }

  const linesFrom =
    (kind: 'receive' | 'sell' | 'ship' | 'return', from: string, to: string) =>
    (lines: { sku: string; quantity: number }[], reason?: string): MovementDraft[] =>
      lines.map((l) => ({ sku: l.sku, quantity: l.quantity, from, to, kind, reason }));

  return {
    async post(raw) {
      const input = parseInput(PostInput, raw);
      return postOperation('post', input, input.movements);
    },

    async receive(raw) {
      const input = parseInput(ReceiveInput, raw);
      return postOperation('receive', input, linesFrom('receive', SUPPLIER, input.location)(input.lines));
    },

    async sell(raw) {
      const input = parseInput(SellInput, raw);
      return postOperation('sell', input, linesFrom('sell', input.location, CUSTOMER)(input.lines));
    },

    async ship(raw) {
      const input = parseInput(SellInput, raw);
      return postOperation('ship', input, linesFrom('ship', input.location, CUSTOMER)(input.lines));
    },

    async returnGoods(raw) {
      const input = parseInput(ReturnInput, raw);
      return postOperation('return', input, linesFrom('return', CUSTOMER, input.location)(input.lines, input.reason));
    },

    async adjust(raw) {
      const input = parseInput(AdjustInput, raw);
      return postOperation(
        'adjust',
        input,
        input.lines.map((l) => ({
          sku: l.sku,
          quantity: l.quantity,
          kind: 'adjust',
          reason: input.reason,
          from: l.direction === 'increase' ? ADJUSTMENT : input.location,
          to: l.direction === 'increase' ? input.location : ADJUSTMENT,
        })),
      );
    },

    async scrap(raw) {
      const input = parseInput(ScrapInput, raw);
      return postOperation(
        'scrap',
        input,
        input.lines.map((l) => ({
          sku: l.sku,
          quantity: l.quantity,
          kind: 'scrap',
          reason: input.reason,
          from: input.location,
          to: SCRAP,
        })),
      );
    },

    async shipTransfer(raw) {
      const input = parseInput(TransferShipInput, raw);
      if (input.from === input.to)
        throw validationFailed([{ path: 'to', message: 'a transfer needs two different locations' }]);
      const transit = transitLocationId(input.transferId);
      const reference = input.reference ?? input.transferId;
      return postOperation(
        'transfer_ship',
        { ...input, reference },
        input.lines.map((l) => ({
          sku: l.sku,
          quantity: l.quantity,
          kind: 'transfer_ship',
          from: input.from,
          to: transit,
        })),
        {
          of: transit,
          async before(trx) {
            const destination = (await findLocations(trx, [input.to])).get(input.to);
            if (!destination || !isRealKind(destination.kind))
              throw new DomainError('unknown_location', `Unknown location: '${input.to}'`, { locations: [input.to] });
            const shipped = await lightweightTransit(trx, input.transferId);
            // A second truck of the same transfer joins it; a different route needs its own transfer.
            if (shipped && (shipped.origin !== input.from || shipped.destination !== input.to))
              throw new DomainError(
                'invalid_movement',
                `Transfer '${input.transferId}' goes from '${shipped.origin}' to '${shipped.destination}', not from '${input.from}' to '${input.to}': use a new transfer id`,
                { transferId: input.transferId, ...shipped },
              );
            await openTransit(trx, input.transferId, input.from, input.to);
          },
        },
      );
    },

    async receiveTransfer(raw) {
      const input = parseInput(TransferReceiveInput, raw);
      if (input.reason === undefined && input.lines.some((l) => l.shortfall > 0)) {
        throw validationFailed([{ path: 'reason', message: 'a shortfall needs a reason' }]);
      }
      const reference = input.reference ?? input.transferId;
      const drafts = transferReceipt(input.transferId, input.to, input.lines, input.reason);
      const transit = transitLocationId(input.transferId);
      return postOperation('transfer_receive', { ...input, reference }, drafts, {
        of: transit,
        async before(trx) {
          const shipped = await lightweightTransit(trx, input.transferId);
          if (!shipped)
            throw new DomainError(
              'unknown_location',
              `Unknown location: '${transit}' (transfer '${input.transferId}' was never shipped)`,
              { locations: [transit] },
            );
          if (shipped.destination !== input.to)
            throw new DomainError(
              'invalid_movement',
              `Transfer '${input.transferId}' goes to '${shipped.destination}', not to '${input.to}'`,
              { transferId: input.transferId, ...shipped },
            );
        },
      });
    },

    async balance(sku, location) {
      const query = parseInput(BalanceQuery, { sku, location });
      return readBalance(db, query.sku, query.location);
    },

    async balancesAt(location) {
      const rows = await db
        .selectFrom('balances')
        .select(['sku', 'location_id', 'on_hand', 'reserved'])
        .where('location_id', '=', location)
        .orderBy('sku')
        .execute();
      return rows.map(toBalance);
    },

    async balancesOf(sku) {
      const rows = await db
        .selectFrom('balances')
        .select(['sku', 'location_id', 'on_hand', 'reserved'])
        .where('sku', '=', sku)
        .orderBy('location_id')
        .execute();
      return rows.map(toBalance);
    },

    async onHandAt(raw) {
      const query = parseInput(AsOfQuery, raw);
      // A name that does not exist is said so, not answered with zero.
      await requireSubjects(db, capabilities, [query.location], [query.sku]);
      return onHandAt(db, query.sku, query.location, new Date(query.at).toISOString());
    },

    async movements(raw = {}) {
      const filter = parseInput(MovementFilter, raw);
      let query = db
        .selectFrom('movements')
        .selectAll()
        .orderBy('id')
        .limit(filter.limit + 1);
      if (filter.postingId) query = query.where('posting_id', '=', filter.postingId);
      if (filter.sku) query = query.where('sku', '=', filter.sku);
      if (filter.location) {
        const location = filter.location;
        query = query.where((eb) =>
          eb.or([eb('from_location_id', '=', location), eb('to_location_id', '=', location)]),
        );
      }
      if (filter.kind) query = query.where('kind', '=', filter.kind);
      if (filter.reference) query = query.where('reference', '=', filter.reference);
      if (filter.documentType) query = query.where('document_type', '=', filter.documentType);
      if (filter.documentId) query = query.where('document_id', '=', filter.documentId);
      if (filter.actor) query = query.where('actor', '=', filter.actor);
      if (filter.from) query = query.where('occurred_at', '>=', new Date(filter.from).toISOString());
      if (filter.until) query = query.where('occurred_at', '<', new Date(filter.until).toISOString());
      if (filter.after) query = query.where('id', '>', filter.after);
      return toPage((await query.execute()).map(toMovement), filter.limit, (item) => item.id);
    },

    async scopeOf(movements) {
      const ends = await transitEnds(
        db,
        movements.flatMap((m) => [m.from, m.to]),
      );
      return [...new Set(movements.flatMap((m) => actingLocations(m, ends)))];
    },

    periodLock: () => readPeriodLock(db),

    async lockPeriod(raw) {
      return lockPeriod(db, parseInput(LockPeriodInput, raw));
    },
  };
}
