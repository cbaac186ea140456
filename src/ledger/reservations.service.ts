import { z } from 'zod';
import { AnyLocationId, Cursor, isRealKind, PageLimit, Sku } from '../catalog/index.js';
import { DomainError, isDomainError, parseInput, validationFailed } from '../errors/index.js';
import { newId, toPage } from '../store/index.js';
import type { Db, Page, Store, StoreCapabilities } from '../store/index.js';
import type { Posting } from './ledger.schemas.js';
import type { DocumentLink } from './movement.js';
import { recordEvent } from '../events/index.js';
import { applyBalanceChanges } from './balance.repository.js';
import { idempotent } from './idempotency.js';
import { CommitReservationInput, Reference, ReleaseReservationInput, TakeReservationInput } from './ledger.schemas.js';
import { requireSubjects } from './posting.js';
import { announceReservation, claimReservation, commitReservation } from './reservation-transitions.js';
import { RESERVATION_STATUSES, toReservation } from './reservation.js';
import type { Reservation } from './ledger.schemas.js';

export const DEFAULT_RESERVATION_TTL_SECONDS = 15 * 60;

export const ReservationFilter = z.strictObject({
  sku: Sku.optional(),
  location: AnyLocationId.optional(),
  reference: Reference.optional(),
  status: z
    .enum(RESERVATION_STATUSES)
    .optional()
    .describe('Only reservations in this status: `active`, `released`, `committed` or `expired`'),
  after: Cursor.optional(),
  limit: PageLimit,
});
export type ReservationFilter = z.input<typeof ReservationFilter>;

/** Promises of stock to orders: taken against `available`, then released or committed to a sale. */
export interface Reservations {
  take(input: TakeReservationInput): Promise<Reservation>;
  release(input: ReleaseReservationInput): Promise<Reservation>;
  /** Releases an active reservation inside the caller's transaction (an order moving its stock). */
  releaseWithin(trx: Db, reservationId: string): Promise<Reservation>;
  /** Turns a reservation into a sale or shipment; `document` names the order it fulfils, if any. */
  commit(
    input: CommitReservationInput,
    document?: DocumentLink,
  ): Promise<{ reservation: Reservation; posting: Posting }>;
  get(id: string): Promise<Reservation>;
  list(filter?: ReservationFilter): Promise<Page<Reservation>>;
  /** Releases every active reservation whose expiry is at or before `now`; returns how many. */
  sweepExpired(now?: Date): Promise<number>;
}

/**
 * @example
 * const reservations = createReservations(store);
 * const r = await reservations.take({ sku: 'TEA-1', location: 'store-3', quantity: 2, reference: 'order-88', actor: 'web' });
 * await reservations.commit({ reservationId: r.id, actor: 'web' });
 */
export function createReservations(store: Store): Reservations {
  const { db, capabilities } = store;

  /** Gives back what `reserved` held for a reservation that was released or expired. */
  async function giveBack(trx: Db, reservation: Reservation, now: Date): Promise<void> {
    const change = {
      sku: reservation.sku,
      locationId: reservation.locationId,
      onHand: 0,
      reserved: -reservation.quantity,
    };
    await applyBalanceChanges(trx, capabilities, [{ ...change, guarded: false }], now.toISOString());
  }

  async function releaseWithin(trx: Db, reservationId: string): Promise<Reservation> {
    const now = new Date();
    const reservation = await claimReservation(trx, reservationId, 'released', now);
    await giveBack(trx, reservation, now);
    const released = { ...reservation, status: 'released' as const, updatedAt: now.toISOString() };
    await announceReservation(trx, capabilities, 'reservation.released', released);
    return released;
  }

  return {
    async take(raw) {
      const input = parseInput(TakeReservationInput, raw);
      if (input.expiresAt !== undefined && input.ttlSeconds !== undefined) {
        throw validationFailed([{ path: 'ttlSeconds', message: 'give expiresAt or ttlSeconds, not both' }]);
      }
      return store.transaction((trx) =>
        idempotent(trx, input.idempotencyKey, 'reservation_take', input, async () => {
          return takeReservation(trx, capabilities, input);
        }),
      );
    },

    async release(raw) {
      const input = parseInput(ReleaseReservationInput, raw);
      return store.transaction((trx) =>
        idempotent(trx, input.idempotencyKey, 'reservation_release', input, () =>
          releaseWithin(trx, input.reservationId),
        ),
      );
    },

    releaseWithin,

    async commit(raw, document) {
      const input = parseInput(CommitReservationInput, raw);
      return store.transaction((trx) =>
        idempotent(trx, input.idempotencyKey, 'reservation_commit', input, () =>
          commitReservation(trx, capabilities, input, document),
        ),
      );
    },

    async get(id) {
      const row = await db.selectFrom('reservations').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw new DomainError('not_found', `Reservation '${id}' does not exist`, { reservationId: id });
      return toReservation(row);
    },

    async list(raw = {}) {
      const filter = parseInput(ReservationFilter, raw);
      let query = db
        .selectFrom('reservations')
        .selectAll()
        .orderBy('id')
        .limit(filter.limit + 1);
      if (filter.sku) query = query.where('sku', '=', filter.sku);
      if (filter.location) query = query.where('location_id', '=', filter.location);
      if (filter.reference) query = query.where('reference', '=', filter.reference);
      if (filter.status) query = query.where('status', '=', filter.status);
      if (filter.after) query = query.where('id', '>', filter.after);
      return toPage((await query.execute()).map(toReservation), filter.limit, (item) => item.id);
    },

    async sweepExpired(now = new Date()) {
      const due = await db
        .selectFrom('reservations')
        .select('id')
        .where('status', '=', 'active')
        .where('expires_at', '<=', now.toISOString())
        .orderBy('expires_at')
        .limit(10_000)
        .execute();
      let swept = 0;
      for (const { id } of due) {
        // One transaction each: a reservation committed meanwhile is simply skipped.
        swept += await store.transaction(async (trx) => {
          const at = new Date();
          try {
            const reservation = await claimReservation(trx, id, 'expired', at);
            await giveBack(trx, reservation, at);
            await announceReservation(trx, capabilities, 'reservation.expired', {
              ...reservation,
              status: 'expired',
              updatedAt: at.toISOString(),
            });
            return 1;
          } catch (error) {
            if (isDomainError(error, 'illegal_transition')) return 0;
            throw error;
          }
        });
      }
      return swept;
    },
  };
}

/**
 * Takes a reservation inside the caller's transaction (an order takes all of its reservations in
 * one): checks the location, inserts the reservation and raises `reserved` with one guarded update,
 * so it fails with `insufficient_stock` rather than promise more than is available.
 */
export async function takeReservation(
  trx: Db,
  capabilities: StoreCapabilities,
  input: z.output<typeof TakeReservationInput>,
  /** Available units that must remain after it (a store's protected shelf stock). */
  keep = 0,
): Promise<Reservation> {
  const location = (await requireSubjects(trx, capabilities, [input.location], [input.sku])).get(input.location)!;
  if (!isRealKind(location.kind)) {
    throw new DomainError('unknown_location', `Unknown location: '${input.location}'`, {
      locations: [input.location],
    });
  }
  if (location.status !== 'active') {
    throw new DomainError(
      'location_unavailable',
      `Location '${location.id}' is ${location.status}; stock there cannot be promised`,
      { location: location.id, status: location.status },
    );
  }
  const now = new Date();
  const expiresAt = input.expiresAt
    ? new Date(input.expiresAt)
    : new Date(now.getTime() + (input.ttlSeconds ?? DEFAULT_RESERVATION_TTL_SECONDS) * 1000);
  if (expiresAt <= now) {
    throw new DomainError('validation_failed', 'expiresAt must be in the future', {
      issues: [{ path: 'expiresAt', message: 'must be in the future' }],
    });
  }
  const row = await trx
    .insertInto('reservations')
    .values({
      id: newId(),
      sku: input.sku,
      location_id: input.location,
      quantity: input.quantity,
      status: 'active',
      reference: input.reference ?? null,
      actor: input.actor,
      expires_at: expiresAt.toISOString(),
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
      posting_id: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  // The balance row is locked from this UPDATE until commit; on a hot SKU that time is what
  // limits throughput, so it comes last.
  await applyBalanceChanges(
    trx,
    capabilities,
    [{ sku: input.sku, locationId: input.location, onHand: 0, reserved: input.quantity, guarded: true, keep }],
    now.toISOString(),
  );
  const reservation = toReservation(row);
  await recordEvent(trx, capabilities, {
    type: 'reservation.taken',
    locations: [reservation.locationId],
    skus: [reservation.sku],
    data: { reservation },
  });
  return reservation;
}
