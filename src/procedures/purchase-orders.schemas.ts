import { z } from 'zod';
import { LocationId, Sku, SupplierId, Cursor, PageLimit } from '../catalog/index.js';
import { money } from '../input/index.js';
import { Actor, IdempotencyKey, OccurredAt, Quantity, QuantityOrZero, Reason, Reference } from '../ledger/index.js';
import { createdAt, share, time, timeOrNull, updatedAt } from '../output/index.js';
import { DocumentId, FilterKey, Flag, oncePerSku } from './procedures.schemas.js';
import { DISCREPANCY_KINDS, PURCHASE_ORDER_STATUSES } from './purchase-order.js';

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

// What purchase orders answer with: one shape is the domain type and the documented response.

export const PurchaseOrder = z
  .object({
    id: z.string().describe("The order's id (`PO-2026-0042`)"),
    supplierId: z.string().describe('The supplier it is placed with'),
    locationId: z.string().describe('Where the goods are delivered'),
    status: z
      .enum(PURCHASE_ORDER_STATUSES)
      .describe(
        '`draft`, `submitted` to the supplier, `partially_received`, `received` in full; or ended: `closed` short with a reason, or `cancelled` before anything arrived',
      ),
    reference: z
      .string()
      .nullable()
      .describe("The caller's reference for it (the supplier's order number, say); null if none"),
    expectedAt: timeOrNull(
      "When the delivery is due: as given, or at submission the supplier's lead time from then; null for a draft without one",
    ),
    overdue: z.boolean().describe('Still expected (submitted or partly received) and past expectedAt'),
    createdBy: z.string().describe('Who drafted it'),
    createdAt,
    submittedAt: timeOrNull('When it was submitted to the supplier; null while a draft'),
    closedAt: timeOrNull('When it ended: received in full, closed or cancelled; null while open'),
    updatedAt,
    lines: z
      .array(
        z.object({
          sku: z.string().describe('The product ordered'),
          ordered: z.number().int().describe('Units ordered'),
          received: z.number().int().describe('Good units taken into stock so far'),
          damaged: z.number().int().describe('Units delivered damaged and refused: not in stock, still owed'),
          open: z
            .number()
            .int()
            .describe('Still expected: ordered less received; 0 once the order is closed or cancelled'),
          short: z
            .number()
            .int()
            .describe('What will not come: on an order closed or cancelled, ordered less received; otherwise 0'),
          unitCost: z
            .number()
            .nullable()
            .describe('What one unit costs on this order; null only on lines recorded before every line had a cost'),
        }),
      )
      .describe('What is ordered, one line per SKU'),
    receipts: z
      .array(
        z.object({
          id: z.string().describe("The receipt's id: the order's id and `/R1`, `/R2` …"),
          postingId: z
            .string()
            .nullable()
            .describe('The ledger posting that took its good units into stock; null if none were good'),
          receivedAt: time('When the delivery arrived'),
          receivedBy: z.string().describe('Who received it'),
          leadTimeDays: z.number().describe('Days from submitting the order to this delivery'),
          onTime: z.boolean().describe('Whether it arrived by expectedAt (always, for an order without one)'),
        }),
      )
      .describe('Each delivery taken in, in order'),
    discrepancies: z
      .array(
        z.object({
          receiptId: z
            .string()
            .nullable()
            .describe('The receipt it was found at; null for what was short when the order was closed'),
          sku: z.string().describe('The product'),
          kind: z
            .enum(DISCREPANCY_KINDS)
            .describe(
              '`over`: more arrived than ordered; `damaged`: arrived damaged and was refused; `short`: never came, the order closed without it',
            ),
          quantity: z.number().int().describe('Units that differed'),
          reason: z.string().describe('Why, as the receiver or planner said'),
        }),
      )
      .describe('Where deliveries differed from the order, with the reason given'),
  })
  .meta({ id: 'PurchaseOrder', description: 'An order of goods from a supplier, with its deliveries' });
export type PurchaseOrder = z.output<typeof PurchaseOrder>;

export const SupplierPerformance = z
  .object({
    supplierId: z.string().describe('The supplier'),
    orders: z.number().int().describe('Orders submitted to it and not cancelled'),
    receipts: z.number().int().describe('Deliveries received from it'),
    onTimeRate: share('Share of deliveries that arrived by their expected date; null before the first'),
    fillRate: share(
      'Good units received over units ordered, on orders received in full or closed; null before the first such order',
    ),
    leadTimeDays: z
      .object({
        mean: z.number().describe('Mean days from submitting an order to a delivery'),
        sd: z.number().describe('Their standard deviation, in days (0 with one delivery)'),
      })
      .nullable()
      .describe("Its deliveries' lead times; null before the first"),
  })
  .meta({
    id: 'SupplierPerformance',
    description: 'How a supplier has delivered, from its receipts and finished orders',
  });
export type SupplierPerformance = z.output<typeof SupplierPerformance>;
