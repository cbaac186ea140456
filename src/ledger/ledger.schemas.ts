import { z } from 'zod';
import { AnyLocationId, Cursor, LocationId, PageLimit, Sku } from '../catalog/index.js';
import { identifier, instant, readableId, singleLine, units } from '../input/index.js';
import { MOVEMENT_KINDS } from './movement.js';

/** Quantities are whole units of the product's unit (see `PRODUCT_UNITS`); a trillion is beyond any shelf. */
export const Quantity = units({ min: 1 });
/** A part of a line that may be nothing (received 0 of it, all short). */
export const QuantityOrZero = units();

export const Actor = singleLine(200, 'say who is acting');
export const IdempotencyKey = identifier(200);
export const Reference = singleLine(200);
export const Reason = singleLine(500, 'give a reason');
/** When the movement happened physically; defaults to when it is posted. */
export const OccurredAt = instant('must be an ISO-8601 date-time, e.g. 2026-11-26T09:30:00Z');
export const TransferId = readableId();
/** An id Omnistock made (a reservation, a posting): looked up, never typed by people. */
export const RecordId = identifier(100);

/** Fields every posting shares: who, why, when, and the key that makes a retry harmless. */
const postingFields = {
  actor: Actor,
  reference: Reference.optional(),
  idempotencyKey: IdempotencyKey.optional(),
  occurredAt: OccurredAt.optional(),
};

const Line = z.strictObject({ sku: Sku, quantity: Quantity });
const Lines = z.array(Line).min(1, { error: 'give at least one line' }).max(10_000);

export const MovementLine = z.strictObject({
  sku: Sku,
  from: AnyLocationId,
  to: AnyLocationId,
  quantity: Quantity,
  kind: z.enum(MOVEMENT_KINDS),
  reason: Reason.optional(),
  reference: Reference.optional(),
});
export type MovementLine = z.output<typeof MovementLine>;

/** A batch of movements that posts all or nothing. */
export const PostInput = z.strictObject({
  ...postingFields,
  movements: z.array(MovementLine).min(1, { error: 'give at least one movement' }).max(10_000),
});
export type PostInput = z.input<typeof PostInput>;

/** Goods arriving from a supplier. */
export const ReceiveInput = z.strictObject({ ...postingFields, location: LocationId, lines: Lines });
export type ReceiveInput = z.input<typeof ReceiveInput>;

/** Goods leaving to a customer: a sale at a till, or a shipment of an order. */
export const SellInput = z.strictObject({ ...postingFields, location: LocationId, lines: Lines });
export type SellInput = z.input<typeof SellInput>;

/** Goods a customer brings back. */
export const ReturnInput = z.strictObject({
  ...postingFields,
  location: LocationId,
  lines: Lines,
  reason: Reason.optional(),
});
export type ReturnInput = z.input<typeof ReturnInput>;

/** A correction of stock found to differ from the books, in either direction. */
export const AdjustInput = z.strictObject({
  ...postingFields,
  location: LocationId,
  reason: Reason,
  lines: z
    .array(z.strictObject({ sku: Sku, quantity: Quantity, direction: z.enum(['increase', 'decrease']) }))
    .min(1, { error: 'give at least one line' })
    .max(10_000),
});
export type AdjustInput = z.input<typeof AdjustInput>;

/** Goods written off as damaged, expired or lost. */
export const ScrapInput = z.strictObject({ ...postingFields, location: LocationId, reason: Reason, lines: Lines });
export type ScrapInput = z.input<typeof ScrapInput>;

/** A transfer's goods leaving `from` for `to`; they wait in the transfer's transit location. */
export const TransferShipInput = z.strictObject({
  ...postingFields,
  transferId: TransferId,
  from: LocationId,
  to: LocationId,
  lines: Lines,
});
export type TransferShipInput = z.input<typeof TransferShipInput>;

/**
 * A transfer's goods arriving at `to`. `quantity` is what arrived; `shortfall` is what will never
 * arrive (lost, stolen, miscounted at shipping) and is written off to adjustment, with a reason.
 */
export const TransferReceiveInput = z.strictObject({
  ...postingFields,
  transferId: TransferId,
  to: LocationId,
  reason: Reason.optional(),
  lines: z
    .array(
      z
        .strictObject({ sku: Sku, quantity: QuantityOrZero, shortfall: QuantityOrZero.default(0) })
        .refine((l) => l.quantity + l.shortfall > 0, {
          error: 'receive or write off at least one unit',
          path: ['quantity'],
        }),
    )
    .min(1, { error: 'give at least one line' })
    .max(10_000),
});
export type TransferReceiveInput = z.input<typeof TransferReceiveInput>;

export const BalanceQuery = z.strictObject({ sku: Sku, location: AnyLocationId });

export const AsOfQuery = z.strictObject({ sku: Sku, location: AnyLocationId, at: OccurredAt });
export type AsOfQuery = z.input<typeof AsOfQuery>;

export const MovementFilter = z.strictObject({
  postingId: RecordId.optional(),
  sku: Sku.optional(),
  location: AnyLocationId.optional(),
  kind: z.enum(MOVEMENT_KINDS).optional(),
  reference: Reference.optional(),
  actor: Actor.optional(),
  from: OccurredAt.optional(),
  until: OccurredAt.optional(),
  after: Cursor.optional(),
  limit: PageLimit,
});
export type MovementFilter = z.input<typeof MovementFilter>;

export const TakeReservationInput = z.strictObject({
  sku: Sku,
  location: LocationId,
  quantity: Quantity,
  reference: Reference.optional(),
  actor: Actor,
  idempotencyKey: IdempotencyKey.optional(),
  /** When the promise lapses; default 15 minutes from now. */
  expiresAt: OccurredAt.optional(),
  ttlSeconds: z
    .number()
    .int()
    .positive()
    .max(90 * 24 * 3600)
    .optional(),
});
export type TakeReservationInput = z.input<typeof TakeReservationInput>;

export const ReleaseReservationInput = z.strictObject({
  reservationId: RecordId,
  actor: Actor,
  idempotencyKey: IdempotencyKey.optional(),
});
export type ReleaseReservationInput = z.input<typeof ReleaseReservationInput>;

/** Turns a reservation into the sale or shipment it promised; a smaller `quantity` releases the rest. */
export const CommitReservationInput = z.strictObject({
  reservationId: RecordId,
  quantity: Quantity.optional(),
  kind: z.enum(['sell', 'ship']).default('ship'),
  actor: Actor,
  idempotencyKey: IdempotencyKey.optional(),
  occurredAt: OccurredAt.optional(),
});
export type CommitReservationInput = z.input<typeof CommitReservationInput>;

const contextFields = { actor: true, idempotencyKey: true } as const;

/**
 * What an API client sends: the operation's input without `actor` (the caller's token says who) and
 * without `idempotencyKey` (the `Idempotency-Key` header carries it).
 */
export const ApiBodies = {
  post: PostInput.omit(contextFields),
  receive: ReceiveInput.omit(contextFields),
  sell: SellInput.omit(contextFields),
  return: ReturnInput.omit(contextFields),
  adjust: AdjustInput.omit(contextFields),
  scrap: ScrapInput.omit(contextFields),
  transferShip: TransferShipInput.omit(contextFields),
  transferReceive: TransferReceiveInput.omit(contextFields),
  takeReservation: TakeReservationInput.omit(contextFields),
  releaseReservation: ReleaseReservationInput.omit({ ...contextFields, reservationId: true }),
  commitReservation: CommitReservationInput.omit({ ...contextFields, reservationId: true }),
};
