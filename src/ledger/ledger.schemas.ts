import { z } from 'zod';
import { AnyLocationId, Cursor, LocationId, PageLimit, Sku } from '../catalog/index.js';
import { identifier, instant, readableId, singleLine, units } from '../input/index.js';
import { createdAt, time, updatedAt } from '../output/index.js';
import { DOCUMENT_TYPES, MOVEMENT_KINDS } from './movement.js';
import { RESERVATION_STATUSES } from './reservation.js';

/** Quantities are whole units of the product's unit (see `PRODUCT_UNITS`); a trillion is beyond any shelf. */
export const Quantity = units({ min: 1 });
/** A part of a line that may be nothing (received 0 of it, all short). */
export const QuantityOrZero = units();

export const Actor = singleLine(200, 'say who is acting');
export const IdempotencyKey = identifier(200);
export const Reference = singleLine(200).describe(
  'A reference of your own, such as an order or delivery-note number: one line of 1–200 characters',
);
export const Reason = singleLine(500, 'give a reason').describe('Why: one line of 1–500 characters');
/** When the movement happened physically; defaults to when it is posted. */
export const OccurredAt = instant('must be an ISO-8601 date-time, e.g. 2026-11-26T09:30:00Z');
export const TransferId = readableId();
/** An id Omnistock made (a reservation, a posting): looked up, never typed by people. */
export const RecordId = identifier(100);

/** Fields every posting shares: who, why, when, and the key that makes a retry harmless. */
const postingFields = {
  actor: Actor,
  reference: Reference.optional().describe(
    'A reference of your own (an order, a delivery note), kept on every movement of the posting: 1–200 characters',
  ),
  idempotencyKey: IdempotencyKey.optional(),
  occurredAt: OccurredAt.optional().describe(
    'When the goods moved, if not now (ISO-8601 with an offset): not in the future, and after the lock date; default now',
  ),
};

const Line = z.strictObject({ sku: Sku, quantity: Quantity });
const Lines = z.array(Line).min(1, { error: 'give at least one line' }).max(10_000);
/** A posting's lines, saying what they are: `lines('What arrived')`. */
const lines = (what: string) => Lines.describe(`${what}: 1–10,000 lines of a SKU and its units`);

const MovementKind = z
  .enum(MOVEMENT_KINDS)
  .describe(
    'What the movement is, which decides what it may join: `receive` supplier → location, `sell` or `ship` location → customer, ' +
      '`return` customer → location, `adjust` location ↔ adjustment, `scrap` location → scrap, `return_to_vendor` location → supplier; ' +
      '`transfer_ship`, `transfer_receive`, `transfer_shortfall` and `release` move stock a transfer or a return holds, and are posted by their own routes',
  );

export const MovementLine = z.strictObject({
  sku: Sku,
  from: AnyLocationId.describe(
    'Where the units leave: a location, or `supplier`, `customer`, `adjustment` as the kind needs',
  ),
  to: AnyLocationId.describe(
    'Where the units go: a location, or `customer`, `adjustment`, `scrap`, `supplier` as the kind needs',
  ),
  quantity: Quantity,
  kind: MovementKind,
  reason: Reason.optional().describe(
    'Why: required for `adjust`, `scrap`, `transfer_shortfall` and `return_to_vendor`',
  ),
  reference: Reference.optional().describe("This movement's own reference, in place of the posting's"),
});
export type MovementLine = z.output<typeof MovementLine>;

/** A batch of movements that posts all or nothing. */
export const PostInput = z.strictObject({
  ...postingFields,
  movements: z
    .array(MovementLine)
    .min(1, { error: 'give at least one movement' })
    .max(10_000)
    .describe('The movements, 1–10,000: all are posted, or, if any is refused, none'),
});
export type PostInput = z.input<typeof PostInput>;

/** Goods arriving from a supplier. */
export const ReceiveInput = z.strictObject({
  ...postingFields,
  location: LocationId.describe('Where the goods arrive'),
  lines: lines('What arrived'),
});
export type ReceiveInput = z.input<typeof ReceiveInput>;

/** Goods leaving to a customer: a sale at a till, or a shipment of an order. */
export const SellInput = z.strictObject({
  ...postingFields,
  location: LocationId.describe('Where the goods leave from'),
  lines: lines('What was sold or shipped'),
});
export type SellInput = z.input<typeof SellInput>;

/** Goods a customer brings back. */
export const ReturnInput = z.strictObject({
  ...postingFields,
  location: LocationId.describe('Where the customer brings the goods back; they are available again at once'),
  lines: lines('What came back'),
  reason: Reason.optional().describe('Why the customer returned them'),
});
export type ReturnInput = z.input<typeof ReturnInput>;

/** A correction of stock found to differ from the books, in either direction. */
export const AdjustInput = z.strictObject({
  ...postingFields,
  location: LocationId.describe('Where the stock differs from the books'),
  reason: Reason.describe('Why the books were wrong (a recount, a found pallet …)'),
  lines: z
    .array(
      z.strictObject({
        sku: Sku,
        quantity: Quantity,
        direction: z
          .enum(['increase', 'decrease'])
          .describe('`increase`: more is there than the books say; `decrease`: less'),
      }),
    )
    .min(1, { error: 'give at least one line' })
    .max(10_000)
    .describe('The corrections: 1–10,000 lines of a SKU, its units and their direction'),
});
export type AdjustInput = z.input<typeof AdjustInput>;

/** Goods written off as damaged, expired or lost. */
export const ScrapInput = z.strictObject({
  ...postingFields,
  location: LocationId.describe('Where the goods are written off'),
  reason: Reason.describe('Why (damaged, expired, lost …)'),
  lines: lines('What is written off'),
});
export type ScrapInput = z.input<typeof ScrapInput>;

/** A transfer's goods leaving `from` for `to`; they wait in the transfer's transit location. */
export const TransferShipInput = z.strictObject({
  ...postingFields,
  transferId: TransferId.describe(
    'Your id for the transfer (`T-1`), its reference by default: its goods wait in `transit:<id>`; another shipment under the same id joins it, on the same route',
  ),
  from: LocationId.describe('Where the goods leave from'),
  to: LocationId.describe('Where they are going: another location'),
  lines: lines('What leaves'),
});
export type TransferShipInput = z.input<typeof TransferShipInput>;

/**
 * A transfer's goods arriving at `to`. `quantity` is what arrived; `shortfall` is what will never
 * arrive (lost, stolen, miscounted at shipping) and is written off to adjustment, with a reason.
 */
export const TransferReceiveInput = z.strictObject({
  ...postingFields,
  transferId: TransferId.describe('The transfer, as it was shipped'),
  to: LocationId.describe("Where the goods arrive: the transfer's destination"),
  reason: Reason.optional().describe('Why some goods will never arrive: required with a shortfall'),
  lines: z
    .array(
      z
        .strictObject({
          sku: Sku,
          quantity: QuantityOrZero.describe('Units that arrived, 0 or more'),
          shortfall: QuantityOrZero.default(0).describe(
            'Units that will never arrive (lost, stolen, miscounted at shipping), written off; default 0',
          ),
        })
        .refine((l) => l.quantity + l.shortfall > 0, {
          error: 'receive or write off at least one unit',
          path: ['quantity'],
        }),
    )
    .min(1, { error: 'give at least one line' })
    .max(10_000)
    .describe('What arrived and what never will: 1–10,000 lines, each at most what is still in transit'),
});
export type TransferReceiveInput = z.input<typeof TransferReceiveInput>;

export const BalanceQuery = z.strictObject({ sku: Sku, location: AnyLocationId });

export const AsOfQuery = z.strictObject({
  sku: Sku,
  location: AnyLocationId,
  at: OccurredAt.describe('The moment to read stock at, movements then included (ISO-8601 with an offset)'),
});
export type AsOfQuery = z.input<typeof AsOfQuery>;

export const MovementFilter = z.strictObject({
  postingId: RecordId.optional().describe('Only the movements of this posting'),
  sku: Sku.optional().describe('Only movements of this SKU'),
  location: AnyLocationId.optional().describe('Only movements into or out of this location, real or virtual'),
  kind: MovementKind.optional().describe('Only movements of this kind'),
  reference: Reference.optional().describe('Only movements with this reference'),
  documentType: z
    .enum(DOCUMENT_TYPES)
    .optional()
    .describe('Only movements posted by a document of this kind (give documentId too to name one)'),
  documentId: RecordId.optional().describe(
    'Only movements posted by this document (a purchase order, transfer, count, return or order id)',
  ),
  actor: Actor.optional().describe('Only movements posted by this actor (the name of the token used)'),
  from: OccurredAt.optional().describe('Only movements that occurred at or after this moment'),
  until: OccurredAt.optional().describe('Only movements that occurred before this moment'),
  after: Cursor.optional(),
  limit: PageLimit,
});
export type MovementFilter = z.input<typeof MovementFilter>;

export const TakeReservationInput = z.strictObject({
  sku: Sku,
  location: LocationId.describe('Where the units are held: an active location'),
  quantity: Quantity.describe('Units to promise: at most what is available there'),
  reference: Reference.optional().describe('A reference of your own, such as the order line: 1–200 characters'),
  actor: Actor,
  idempotencyKey: IdempotencyKey.optional(),
  /** When the promise lapses; default 15 minutes from now. */
  expiresAt: OccurredAt.optional().describe(
    'When the promise lapses (ISO-8601 with an offset, in the future); give this or ttlSeconds, or neither for 15 minutes',
  ),
  ttlSeconds: z
    .number()
    .int()
    .positive()
    .max(90 * 24 * 3600)
    .optional()
    .describe('Seconds until the promise lapses, at most 90 days; give this or expiresAt, or neither for 15 minutes'),
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
  quantity: Quantity.optional().describe(
    "Units sold or shipped, at most the reservation's; the rest is released; default all",
  ),
  kind: z.enum(['sell', 'ship']).default('ship').describe('`ship` to a customer (the default), or `sell` at a till'),
  actor: Actor,
  idempotencyKey: IdempotencyKey.optional(),
  occurredAt: OccurredAt.optional().describe(
    'When the goods left, if not now (ISO-8601 with an offset): not in the future, and after the lock date; default now',
  ),
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

// What the ledger answers with: these shapes are the domain types and the API's documented responses.

export const Movement = z
  .object({
    id: z.string().describe("The movement's id; ids sort in the order movements were recorded"),
    postingId: z.string().describe('Movements posted together share it, and were posted all or nothing'),
    line: z.number().int().describe('Position within its posting, from 0'),
    sku: z.string().describe('The product moved'),
    fromLocationId: z
      .string()
      .describe('Where the units left: a real location or a virtual one (`supplier`, `transit:T-1` …)'),
    toLocationId: z.string().describe('Where they went: a real location or a virtual one (`customer`, `scrap` …)'),
    quantity: z.number().int().describe('Units moved, always more than 0'),
    kind: z
      .enum(MOVEMENT_KINDS)
      .describe(
        'What happened: `receive` from a supplier, `sell` at a till, `ship` to a customer, `return` from one, `adjust` (a correction), `scrap`, `transfer_ship` / `transfer_receive` / `transfer_shortfall` (a transfer leaving, arriving, written off in transit), `release` (out of quarantine after inspection), `return_to_vendor`',
      ),
    reason: z
      .string()
      .nullable()
      .describe(
        'Why, as given (required for `adjust`, `scrap`, `transfer_shortfall` and `return_to_vendor`); null if none',
      ),
    reference: z
      .string()
      .nullable()
      .describe("The caller's reference (an order, a delivery note; a transfer's id by default); null if none"),
    documentType: z
      .enum(DOCUMENT_TYPES)
      .nullable()
      .describe(
        'The kind of document whose procedure posted it (a purchase order received, a transfer shipped, a count approved, a return taken in, an order shipped); null for a plain posting',
      ),
    documentId: z
      .string()
      .nullable()
      .describe("That document's id, whatever reference the caller gave; null for a plain posting"),
    actor: z.string().describe('Who posted it: the name of the token used'),
    occurredAt: time('When it happened physically; it may be earlier than recordedAt'),
    recordedAt: time('When it was written to the ledger'),
  })
  .meta({ id: 'Movement', description: 'One posted change of stock: units of a SKU leaving one location for another' });
export type Movement = z.output<typeof Movement>;

export const Posting = z
  .object({
    postingId: z.string().describe("The posting's id: filter `GET /movements?postingId=` by it"),
    movements: z.array(Movement).describe('What it wrote, in order'),
  })
  .meta({ id: 'Posting', description: 'Movements posted together, all or nothing' });
export type Posting = z.output<typeof Posting>;

export const Reservation = z
  .object({
    id: z.string().describe("The reservation's id"),
    sku: z.string().describe('The product promised'),
    locationId: z.string().describe('Where the units are held'),
    quantity: z.number().int().describe('Units promised'),
    status: z
      .enum(RESERVATION_STATUSES)
      .describe(
        '`active`: holding units; `released`: given back; `committed`: turned into a sale or shipment; `expired`: lapsed and given back',
      ),
    reference: z.string().nullable().describe("The caller's reference (an order line, say); null if none"),
    actor: z.string().describe('Who took it'),
    expiresAt: time('When an active reservation lapses and its units become available again'),
    createdAt,
    updatedAt,
    postingId: z
      .string()
      .nullable()
      .describe('The posting that turned it into a sale or shipment, once committed; null otherwise'),
  })
  .meta({ id: 'Reservation', description: 'Units of one SKU at one location promised to an order line' });
export type Reservation = z.output<typeof Reservation>;
