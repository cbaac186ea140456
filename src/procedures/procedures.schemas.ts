import { z } from 'zod';
import { Cursor, LocationId, PageLimit, Sku, SupplierId } from '../catalog/index.js';
import { identifier, instant, MAX_DAYS, money, multiLine, readableId, units } from '../input/index.js';
import { Actor, IdempotencyKey, OccurredAt, Quantity, QuantityOrZero, Reason, Reference } from '../ledger/index.js';
import { PURCHASE_ORDER_STATUSES } from './purchase-order.js';
import { TRANSFER_ORDER_STATUSES } from './transfer-order.js';

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
  id: DocumentId.optional(),
  supplier: SupplierId,
  location: LocationId,
  lines: z
    .array(
      z.strictObject({
        sku: Sku,
        quantity: Quantity,
        unitCost: money()
          .optional()
          .describe("By default the supplier's cost for the SKU (its terms), else the product's cost"),
      }),
    )
    .min(1, { error: 'give at least one line' })
    .max(5000)
    .superRefine(oncePerSku),
  reference: Reference.optional(),
  /** When the goods are due; by default the supplier's lead time after submission. */
  expectedAt: OccurredAt.optional(),
  /** Submit at once instead of keeping a draft. */
  submit: z.boolean().default(false),
  /** When the order was placed, if not now (an order from before Omnistock). */
  occurredAt: OccurredAt.optional(),
  actor: Actor,
});
export type NewPurchaseOrder = z.input<typeof NewPurchaseOrder>;

export const ReceivePurchaseOrder = z.strictObject({
  lines: z
    .array(
      z.strictObject({
        sku: Sku,
        /** Good units taken into stock. */
        quantity: QuantityOrZero,
        /** Units delivered damaged and refused. */
        damaged: QuantityOrZero.default(0),
      }),
    )
    .min(1, { error: 'give at least one line' })
    .max(5000)
    .superRefine(oncePerSku),
  /** Why the delivery differs from the order (more, damaged, or short when closing): required then. */
  reason: Reason.optional(),
  /** End the order with this receipt, recording what is still open as short. */
  close: z.boolean().default(false),
  occurredAt: OccurredAt.optional(),
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
export const CancelPurchaseOrder = z.strictObject({ reason: Reason.optional(), actor: Actor });
export type CancelPurchaseOrder = z.input<typeof CancelPurchaseOrder>;

/**
 * A yes-or-no question of a list: `true` or `false` in a query string, a boolean from code. Left out,
 * the list does not ask it.
 */
const Flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((flag) => flag === 'true')]);

export const PurchaseOrderFilter = z.strictObject({
  supplier: FilterKey.optional(),
  location: FilterKey.optional(),
  status: z.enum(PURCHASE_ORDER_STATUSES).optional(),
  open: Flag.optional().describe('submitted or partly received: still expected (false: the others)'),
  overdue: Flag.optional().describe('open and past its expected date, as of now (false: the others)'),
  after: Cursor.optional(),
  limit: PageLimit,
});
export type PurchaseOrderFilter = z.input<typeof PurchaseOrderFilter>;

const transferOrderFields = z.strictObject({
  id: DocumentId.optional(),
  from: LocationId,
  to: LocationId,
  lines: z
    .array(z.strictObject({ sku: Sku, quantity: Quantity }))
    .min(1, { error: 'give at least one line' })
    .max(5000)
    .superRefine(oncePerSku),
  reference: Reference.optional(),
  /**
   * When the goods are due at the destination; by default the shipping date plus
   * `DEFAULT_TRANSIT_DAYS`, set when the transfer ships.
   */
  expectedAt: OccurredAt.optional(),
  /** Ship at once instead of keeping a draft. */
  ship: z.boolean().default(false),
  /** When it was drafted (and shipped, with ship), if not now. */
  occurredAt: OccurredAt.optional(),
  actor: Actor,
});
const twoEnds = (t: { from: string; to: string }) => t.from !== t.to;
const twoEndsMessage = { message: 'a transfer needs two different locations', path: ['to'] };
export const NewTransferOrder = transferOrderFields.refine(twoEnds, twoEndsMessage);
/** What an API client sends: the caller's token says who acts. */
export const NewTransferOrderBody = transferOrderFields.omit({ actor: true }).refine(twoEnds, twoEndsMessage);
export type NewTransferOrder = z.input<typeof NewTransferOrder>;

export const ShipTransferOrder = z.strictObject({
  occurredAt: OccurredAt.optional(),
  actor: Actor,
  idempotencyKey: IdempotencyKey.optional(),
});
export type ShipTransferOrder = z.input<typeof ShipTransferOrder>;

export const ReceiveTransferOrder = z.strictObject({
  lines: z
    .array(
      z.strictObject({
        sku: Sku,
        /** Units that arrived and go into stock. */
        quantity: QuantityOrZero,
        /** Units that will not arrive (lost, stolen, miscounted at shipping): written off. */
        shortfall: QuantityOrZero.default(0),
      }),
    )
    .min(1, { error: 'give at least one line' })
    .max(5000)
    .superRefine(oncePerSku),
  /** Why units are short: required when any are. */
  reason: Reason.optional(),
  occurredAt: OccurredAt.optional(),
  actor: Actor,
  idempotencyKey: IdempotencyKey.optional(),
});
export type ReceiveTransferOrder = z.input<typeof ReceiveTransferOrder>;

export const TransferOrderFilter = z.strictObject({
  location: FilterKey.optional().describe('either end'),
  status: z.enum(TRANSFER_ORDER_STATUSES).optional(),
  open: Flag.optional().describe('not yet received in full nor cancelled (false: the others)'),
  overdue: Flag.optional().describe('in transit past its expected arrival, as of now (false: the others)'),
  after: Cursor.optional(),
  limit: PageLimit,
});
export type TransferOrderFilter = z.input<typeof TransferOrderFilter>;

/** Which SKUs a count covers: all at the location, a list, an ABC class by sales value, or those not counted lately. */
export const CountScope = z.discriminatedUnion('by', [
  z.strictObject({ by: z.literal('all') }),
  z.strictObject({
    by: z.literal('list'),
    skus: z
      .array(Sku)
      .min(1)
      .max(5000)
      .superRefine((skus, ctx) =>
        skus.forEach((sku, i) => {
          if (skus.indexOf(sku) !== i)
            ctx.addIssue({ code: 'custom', path: [i], message: `${sku} is already earlier in the list` });
        }),
      ),
  }),
  z.strictObject({ by: z.literal('abc'), class: z.enum(['A', 'B', 'C']) }),
  z.strictObject({ by: z.literal('not_counted_for'), days: z.number().int().min(1).max(MAX_DAYS) }),
]);
export type CountScope = z.output<typeof CountScope>;

export const NewCountSession = z.strictObject({
  location: LocationId,
  scope: CountScope.default({ by: 'all' }),
  /** A line whose variance exceeds this many units, or this value at cost, waits for a planner. */
  thresholdUnits: units().default(10),
  thresholdValue: money().default(100),
  actor: Actor,
});
export type NewCountSession = z.input<typeof NewCountSession>;

export const CountLineInput = z.strictObject({
  quantity: QuantityOrZero,
  actor: Actor,
});
export type CountLineInput = z.input<typeof CountLineInput>;

export const RETURN_REASONS = ['damaged', 'defective', 'wrong_item', 'not_as_described', 'unwanted', 'other'] as const;
export const RETURN_DISPOSITIONS = ['restock', 'quarantine', 'scrap', 'return_to_vendor'] as const;
/** What inspection decides for a quarantined line. */
export const INSPECTION_OUTCOMES = ['restock', 'scrap', 'return_to_vendor'] as const;

/** Goods going back to a supplier say which, and may name the purchase order they came on. */
const toVendor = {
  supplier: SupplierId.optional(),
  purchaseOrder: DocumentId.optional(),
};
const vendorNamed = (l: { supplier?: string | undefined }, disposition: string) =>
  disposition !== 'return_to_vendor' || l.supplier !== undefined;

export const NewReturn = z.strictObject({
  location: LocationId,
  reason: z.enum(RETURN_REASONS),
  /** What the customer or clerk said, as written: may run over several lines. */
  note: multiLine(500).optional(),
  reference: Reference.optional(),
  lines: z
    .array(
      z
        .strictObject({ sku: Sku, quantity: Quantity, disposition: z.enum(RETURN_DISPOSITIONS), ...toVendor })
        .refine((l) => vendorNamed(l, l.disposition), {
          message: 'name the supplier to return to',
          path: ['supplier'],
        }),
    )
    .min(1, { error: 'give at least one line' })
    .max(5000)
    .superRefine(oncePerSku),
  occurredAt: OccurredAt.optional(),
  actor: Actor,
  idempotencyKey: IdempotencyKey.optional(),
});
export type NewReturn = z.input<typeof NewReturn>;

const inspectionFields = z.strictObject({
  outcome: z.enum(INSPECTION_OUTCOMES),
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
  location: FilterKey.optional(),
  sku: FilterKey.optional(),
  reason: z.enum(RETURN_REASONS).optional(),
  from: instant().optional().describe('received at or after'),
  until: instant().optional().describe('received before'),
  limit: PageLimit,
  after: Cursor.optional(),
});
export type ReturnFilter = z.input<typeof ReturnFilter>;
