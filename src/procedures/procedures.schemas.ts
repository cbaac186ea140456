import { z } from 'zod';
import { Cursor, LocationId, PageLimit, Sku, SupplierId } from '../catalog/index.js';
import { identifier, instant, MAX_DAYS, money, multiLine, readableId, units } from '../input/index.js';
import { Actor, IdempotencyKey, OccurredAt, Quantity, QuantityOrZero, Reason, Reference } from '../ledger/index.js';
import { PURCHASE_ORDER_STATUSES } from './purchase-order.js';
import { DEFAULT_TRANSIT_DAYS, TRANSFER_ORDER_STATUSES } from './transfer-order.js';

/** A document id people read and type: `PO-2026-0042`, `T-118`. Made by Omnistock when not given. */
export const DocumentId = readableId();

/** A filter names what it looks for; what does not exist matches nothing (an empty page), not an error. */
export const FilterKey = identifier(100);

/** Each SKU once per document: a second line for the same SKU is a mistake, not an addition. */
export const oncePerSku = <T extends { sku: string }>(lines: T[], ctx: z.RefinementCtx) => {
  const seen = new Set<string>();
  lines.forEach((line, i) => {
    if (seen.has(line.sku))
      ctx.addIssue({ code: 'custom', path: [i, 'sku'], message: `${line.sku} is already on an earlier line` });
    seen.add(line.sku);
  });
};

export const NewPurchaseOrder = z.strictObject({
  id: DocumentId.optional().describe(
    'The order number, such as `PO-2026-0042`; Omnistock makes one (`PO-…`) when left out. A number already used is refused (409 `already_exists`)',
  ),
  supplier: SupplierId.describe('The supplier the order is placed with'),
  location: LocationId.describe(
    'The real location (distribution centre, warehouse or store) the goods are delivered to',
  ),
  lines: z
    .array(
      z.strictObject({
        sku: Sku,
        quantity: Quantity.describe('Units ordered, 1 to 1,000,000,000,000'),
        unitCost: money()
          .optional()
          .describe(
            "What one unit costs, in the network's currency. By default the supplier's cost for the SKU (its terms), else the product's cost; with neither, the order is refused (422 `no_unit_cost`)",
          ),
      }),
    )
    .min(1, { error: 'give at least one line' })
    .max(5000)
    .superRefine(oncePerSku)
    .describe('What is ordered: 1–5000 lines, each SKU once'),
  reference: Reference.optional().describe(
    "A reference of your own, such as the supplier's order confirmation: one line of 1–200 characters",
  ),
  expectedAt: OccurredAt.optional().describe(
    "When the goods are due (ISO-8601 with an offset); kept when the order is placed with `submit: true`. Left out, or when a draft is placed later (POST /purchase-orders/{id}/submit), it becomes the lead time after placing: the longest of its SKUs' own lead times with this supplier, else the supplier's",
  ),
  submit: z
    .boolean()
    .default(false)
    .describe(
      'true places the order with the supplier at once (status `submitted`); false (the default) keeps a draft',
    ),
  occurredAt: OccurredAt.optional().describe(
    'When the order was drafted (and, with submit, placed), if not now: an order from before Omnistock. ISO-8601 with an offset',
  ),
  actor: Actor,
});
export type NewPurchaseOrder = z.input<typeof NewPurchaseOrder>;

export const ReceivePurchaseOrder = z.strictObject({
  lines: z
    .array(
      z.strictObject({
        sku: Sku.describe('A SKU on the order; one not on it is refused'),
        quantity: QuantityOrZero.describe(
          'Good units taken into stock; beyond what the line still expects, they are recorded as over-delivered',
        ),
        damaged: QuantityOrZero.default(0).describe(
          'Units delivered damaged and refused: recorded, not taken into stock, and still expected. 0 by default',
        ),
      }),
    )
    .min(1, { error: 'give at least one line' })
    .max(5000)
    .superRefine(oncePerSku)
    .describe('What arrived: 1–5000 lines, each SKU of the order at most once'),
  reason: Reason.optional().describe(
    'Why the delivery differs from the order: required when units are over-delivered or damaged, or short when closing; recorded with each difference',
  ),
  close: z
    .boolean()
    .default(false)
    .describe(
      'true ends the order with this receipt, recording what is still open as short (a reason is then required); false (the default) leaves it expected',
    ),
  occurredAt: OccurredAt.optional().describe(
    'When the goods arrived, if not now: dates the stock movement and the receipt (its lead time, whether on time). Not in the future, nor on or before the lock date',
  ),
  actor: Actor,
  idempotencyKey: IdempotencyKey.optional(),
});
export type ReceivePurchaseOrder = z.input<typeof ReceivePurchaseOrder>;

/** Ending an order short: what is still open will not come, and the reason says why. */
export const ClosePurchaseOrder = z.strictObject({
  reason: Reason.describe('Why the open quantity will not come: recorded with it as short'),
  actor: Actor,
});
export type ClosePurchaseOrder = z.input<typeof ClosePurchaseOrder>;

/** Cancelling an order before anything arrived: a reason is welcome, not required. */
export const CancelPurchaseOrder = z.strictObject({
  reason: Reason.optional().describe(
    'Why the order is cancelled: optional, one line of 1–500 characters; not kept on the order',
  ),
  actor: Actor,
});
export type CancelPurchaseOrder = z.input<typeof CancelPurchaseOrder>;

/**
 * A yes-or-no question of a list: `true` or `false` in a query string, a boolean from code. Left out,
 * the list does not ask it.
 */
const Flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((flag) => flag === 'true')]);

export const PurchaseOrderFilter = z.strictObject({
  supplier: FilterKey.optional().describe('Only orders placed with this supplier'),
  location: FilterKey.optional().describe('Only orders delivered to this location'),
  status: z
    .enum(PURCHASE_ORDER_STATUSES)
    .optional()
    .describe(
      'Only orders with this status: `draft`, `submitted` (placed), `partially_received`, `received` (in full), `closed` (ended short) or `cancelled`',
    ),
  open: Flag.optional().describe(
    '`true`: only orders still expected (submitted or partly received); `false`: only the others',
  ),
  overdue: Flag.optional().describe(
    '`true`: only orders still expected and past their expected date, as of now; `false`: only the others',
  ),
  after: Cursor.optional(),
  limit: PageLimit,
});
export type PurchaseOrderFilter = z.input<typeof PurchaseOrderFilter>;

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

/** Which SKUs a count covers: all at the location, a list, an ABC class by sales value, or those not counted lately. */
export const CountScope = z.discriminatedUnion('by', [
  z.strictObject({ by: z.literal('all').describe('Every SKU the location has a stock record of') }),
  z.strictObject({
    by: z.literal('list').describe('The SKUs listed in `skus`'),
    skus: z
      .array(Sku)
      .min(1)
      .max(5000)
      .superRefine((skus, ctx) =>
        skus.forEach((sku, i) => {
          if (skus.indexOf(sku) !== i)
            ctx.addIssue({ code: 'custom', path: [i], message: `${sku} is already earlier in the list` });
        }),
      )
      .describe('The SKUs to count: 1–5000, each once'),
  }),
  z.strictObject({
    by: z.literal('abc').describe("One ABC class of the location's SKUs, by sales value there over the last 90 days"),
    class: z
      .enum(['A', 'B', 'C'])
      .describe(
        '`A`: the SKUs making the first 80 % of the sales value; `B`: the next 15 %; `C`: the rest, unsold ones too',
      ),
  }),
  z.strictObject({
    by: z.literal('not_counted_for').describe('The SKUs of the location not counted there lately'),
    days: z
      .number()
      .int()
      .min(1)
      .max(MAX_DAYS)
      .describe(
        `How far back, in days (1–${MAX_DAYS}): a SKU counted at the location within them (in a count not cancelled) is left out`,
      ),
  }),
]);
export type CountScope = z.output<typeof CountScope>;

export const NewCountSession = z.strictObject({
  location: LocationId.describe('The real location counted'),
  scope: CountScope.default({ by: 'all' }).describe(
    'Which SKUs the count covers, chosen by `by`; every SKU the location has a stock record of when left out',
  ),
  thresholdUnits: units()
    .default(10)
    .describe(
      "A line whose variance exceeds this many units, more or fewer, waits for a planner's approval; 10 by default",
    ),
  thresholdValue: money()
    .default(100)
    .describe(
      "A line whose variance exceeds this value at cost, in the network's currency, waits for a planner's approval; 100 by default",
    ),
  actor: Actor,
});
export type NewCountSession = z.input<typeof NewCountSession>;

export const CountLineInput = z.strictObject({
  quantity: QuantityOrZero.describe('Units found on the shelf; a recount replaces the earlier figure'),
  actor: Actor,
});
export type CountLineInput = z.input<typeof CountLineInput>;

export const RETURN_REASONS = ['damaged', 'defective', 'wrong_item', 'not_as_described', 'unwanted', 'other'] as const;
export const RETURN_DISPOSITIONS = ['restock', 'quarantine', 'scrap', 'return_to_vendor'] as const;
/** What inspection decides for a quarantined line. */
export const INSPECTION_OUTCOMES = ['restock', 'scrap', 'return_to_vendor'] as const;

/** Goods going back to a supplier say which, and may name the purchase order they came on. */
const toVendor = {
  supplier: SupplierId.optional().describe('The supplier the units go back to: required with `return_to_vendor`'),
  purchaseOrder: DocumentId.optional().describe(
    'The purchase order the units came on, if known (not checked): the reference of the movement back to the supplier',
  ),
};
const vendorNamed = (l: { supplier?: string | undefined }, disposition: string) =>
  disposition !== 'return_to_vendor' || l.supplier !== undefined;

export const NewReturn = z.strictObject({
  location: LocationId.describe('The real location that takes the goods back'),
  reason: z.enum(RETURN_REASONS).describe('Why the customer brought the goods back: one reason for the whole return'),
  note: multiLine(500)
    .optional()
    .describe('What the customer or clerk said, as written: up to 500 characters, line breaks kept'),
  reference: Reference.optional().describe(
    "A reference of your own, such as the sales receipt: one line of 1–200 characters. The return's movements carry it instead of the return number",
  ),
  lines: z
    .array(
      z
        .strictObject({
          sku: Sku,
          quantity: Quantity.describe('Units returned, 1 to 1,000,000,000,000'),
          disposition: z
            .enum(RETURN_DISPOSITIONS)
            .describe(
              "What becomes of the units: `restock` puts them back into the location's stock; `quarantine` holds them for inspection (POST /returns/{id}/lines/{sku}/inspect settles them); `scrap` writes them off; `return_to_vendor` sends them back to `supplier`",
            ),
          ...toVendor,
        })
        .refine((l) => vendorNamed(l, l.disposition), {
          message: 'name the supplier to return to',
          path: ['supplier'],
        }),
    )
    .min(1, { error: 'give at least one line' })
    .max(5000)
    .superRefine(oncePerSku)
    .describe('What came back: 1–5000 lines, each SKU once'),
  occurredAt: OccurredAt.optional().describe(
    'When the goods came back, if not now. Not in the future, nor on or before the lock date',
  ),
  actor: Actor,
  idempotencyKey: IdempotencyKey.optional(),
});
export type NewReturn = z.input<typeof NewReturn>;

const inspectionFields = z.strictObject({
  outcome: z
    .enum(INSPECTION_OUTCOMES)
    .describe(
      "What inspection decided: `restock` puts the units into the location's stock; `scrap` writes them off; `return_to_vendor` sends them back to `supplier`",
    ),
  ...toVendor,
  actor: Actor,
});
const supplierNamed = { message: 'name the supplier to return to', path: ['supplier'] };
export const InspectReturnLine = inspectionFields.refine((i) => vendorNamed(i, i.outcome), supplierNamed);
/** What an API client sends: the caller's token says who acts. */
export const InspectReturnLineBody = inspectionFields
  .omit({ actor: true })
  .refine((i) => vendorNamed(i, i.outcome), supplierNamed);
export type InspectReturnLine = z.input<typeof InspectReturnLine>;

export const ReturnFilter = z.strictObject({
  location: FilterKey.optional().describe('Only returns taken in at this location'),
  sku: FilterKey.optional().describe('Only returns with a line of this SKU (in the summary: only its rows)'),
  reason: z.enum(RETURN_REASONS).optional().describe('Only returns given this reason'),
  from: instant().optional().describe('Only returns taken in at or after this moment (ISO-8601 with an offset)'),
  until: instant().optional().describe('Only returns taken in before this moment (ISO-8601 with an offset)'),
  limit: PageLimit,
  after: Cursor.optional(),
});
export type ReturnFilter = z.input<typeof ReturnFilter>;
