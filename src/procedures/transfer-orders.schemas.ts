import { z } from 'zod';
import { Cursor, LocationId, PageLimit, Sku } from '../catalog/index.js';
import { Actor, IdempotencyKey, OccurredAt, Quantity, QuantityOrZero, Reason, Reference } from '../ledger/index.js';
import { createdAt, timeOrNull, updatedAt } from '../output/index.js';
import { DocumentId, FilterKey, Flag, oncePerSku } from './procedures.schemas.js';
import { DEFAULT_TRANSIT_DAYS, TRANSFER_ORDER_STATUSES } from './transfer-order.js';

const transferOrderFields = z.strictObject({
  id: DocumentId.optional().describe(
    'The transfer number, such as `T-118`; Omnistock makes one (`T-…`) when left out. A number already used is refused (409 `already_exists`)',
  ),
  from: LocationId.describe('The real location the goods leave from'),
  to: LocationId.describe('The real location the goods go to: not the same as `from`'),
  lines: z
    .array(z.strictObject({ sku: Sku, quantity: Quantity.describe('Units to send, 1 to 1,000,000,000,000') }))
    .min(1, { error: 'give at least one line' })
    .max(5000)
    .superRefine(oncePerSku)
    .describe('What is sent: 1–5000 lines, each SKU once'),
  reference: Reference.optional().describe(
    "A reference of your own, one line of 1–200 characters: the transfer's movements carry it instead of the transfer number",
  ),
  expectedAt: OccurredAt.optional().describe(
    `When the goods are due at the destination (ISO-8601 with an offset). By default, set when the transfer ships: ${DEFAULT_TRANSIT_DAYS} days after`,
  ),
  ship: z
    .boolean()
    .default(false)
    .describe(
      'true ships at once: the goods leave `from` and are in transit (status `shipped`); false (the default) keeps a draft',
    ),
  occurredAt: OccurredAt.optional().describe(
    'When the transfer was drafted (and, with ship, shipped), if not now. ISO-8601 with an offset',
  ),
  actor: Actor,
});
const twoEnds = (t: { from: string; to: string }) => t.from !== t.to;
const twoEndsMessage = { message: 'a transfer needs two different locations', path: ['to'] };
export const NewTransferOrder = transferOrderFields.refine(twoEnds, twoEndsMessage);
/** What an API client sends: the caller's token says who acts. */
export const NewTransferOrderBody = transferOrderFields.omit({ actor: true }).refine(twoEnds, twoEndsMessage);
export type NewTransferOrder = z.input<typeof NewTransferOrder>;

export const ShipTransferOrder = z.strictObject({
  occurredAt: OccurredAt.optional().describe(
    'When the goods left, if not now: dates the movement into transit, and the expected arrival when the transfer set none. Not in the future, nor on or before the lock date',
  ),
  actor: Actor,
  idempotencyKey: IdempotencyKey.optional(),
});
export type ShipTransferOrder = z.input<typeof ShipTransferOrder>;

export const ReceiveTransferOrder = z.strictObject({
  lines: z
    .array(
      z.strictObject({
        sku: Sku.describe('A SKU on the transfer; one not on it is refused'),
        quantity: QuantityOrZero.describe('Units that arrived and go into stock at the destination'),
        shortfall: QuantityOrZero.default(0).describe(
          'Units that will not arrive (lost, stolen, miscounted at shipping): written off. 0 by default',
        ),
      }),
    )
    .min(1, { error: 'give at least one line' })
    .max(5000)
    .superRefine(oncePerSku)
    .describe(
      'What arrived and what will not: 1–5000 lines, each SKU once; a line takes at least one unit, and no more than is still in transit',
    ),
  reason: Reason.optional().describe('Why units are short: required when any line has a shortfall'),
  occurredAt: OccurredAt.optional().describe(
    'When the goods arrived, if not now. Not in the future, nor on or before the lock date',
  ),
  actor: Actor,
  idempotencyKey: IdempotencyKey.optional(),
});
export type ReceiveTransferOrder = z.input<typeof ReceiveTransferOrder>;

export const TransferOrderFilter = z.strictObject({
  location: FilterKey.optional().describe('Only transfers from or to this location'),
  status: z
    .enum(TRANSFER_ORDER_STATUSES)
    .optional()
    .describe(
      'Only transfers with this status: `draft`, `shipped` (in transit), `partially_received`, `received` (in full) or `cancelled`',
    ),
  open: Flag.optional().describe(
    '`true`: only transfers not yet received in full nor cancelled (drafts too); `false`: only the others',
  ),
  overdue: Flag.optional().describe(
    '`true`: only transfers with goods in transit past their expected arrival, as of now; `false`: only the others',
  ),
  after: Cursor.optional(),
  limit: PageLimit,
});
export type TransferOrderFilter = z.input<typeof TransferOrderFilter>;

// What transfers answer with: one shape is the domain type and the documented response.

export const TransferOrder = z
  .object({
    id: z.string().describe("The transfer's id; its goods travel in the location `transit:<id>`"),
    fromId: z.string().describe('Where the goods leave from'),
    toId: z.string().describe('Where they go'),
    status: z
      .enum(TRANSFER_ORDER_STATUSES)
      .describe(
        '`draft`; `shipped` (goods in transit); `partially_received`; `received` (everything received or written off); or `cancelled` as a draft',
      ),
    reference: z.string().nullable().describe("The caller's reference for it; null if none"),
    expectedAt: timeOrNull('When the goods are due at the destination; null for a draft that did not say'),
    overdue: z.boolean().describe('Goods still in transit past expectedAt'),
    createdBy: z.string().describe('Who drafted it'),
    createdAt,
    shippedAt: timeOrNull('When the goods left; null while a draft'),
    completedAt: timeOrNull('When the last goods were received or written off, or it was cancelled; null while open'),
    updatedAt,
    lines: z
      .array(
        z.object({
          sku: z.string().describe('The product moved'),
          quantity: z.number().int().describe('Units to move'),
          received: z.number().int().describe('Units received at the destination so far'),
          shortfall: z.number().int().describe('Units written off as never arriving (lost, miscounted at shipping)'),
          inTransit: z
            .number()
            .int()
            .describe('Units on the way: shipped, neither received nor written off; 0 before shipping'),
        }),
      )
      .describe('What is moved, one line per SKU'),
  })
  .meta({ id: 'TransferOrder', description: 'Goods moved between two of our locations, through transit' });
export type TransferOrder = z.output<typeof TransferOrder>;
