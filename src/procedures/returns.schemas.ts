import { z } from 'zod';
import { Cursor, LocationId, PageLimit, Sku, SupplierId } from '../catalog/index.js';
import { instant, multiLine } from '../input/index.js';
import { Actor, IdempotencyKey, OccurredAt, Quantity, Reference } from '../ledger/index.js';
import { time, timeOrNull } from '../output/index.js';
import { INSPECTION_OUTCOMES, RETURN_DISPOSITIONS, RETURN_REASONS, RETURN_STATUSES } from './customer-return.js';
import { DocumentId, FilterKey, oncePerSku } from './procedures.schemas.js';

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

// What returns answer with: one shape is the domain type and the documented response.

export const CustomerReturn = z
  .object({
    id: z.string().describe("The return's id"),
    locationId: z.string().describe('Where the goods came back'),
    status: z
      .enum(RETURN_STATUSES)
      .describe('`inspecting` while a quarantined line awaits its outcome; `closed` once every line is settled'),
    reason: z.enum(RETURN_REASONS).describe('Why the customer brought it back'),
    note: z.string().nullable().describe('What the customer or clerk said, as written; null if nothing'),
    reference: z.string().nullable().describe("The caller's reference (the sale or order); null if none"),
    createdBy: z.string().describe('Who took it in'),
    receivedAt: time('When the goods came back'),
    closedAt: timeOrNull('When the last line was settled; null while inspecting'),
    lines: z
      .array(
        z.object({
          sku: z.string().describe('The product'),
          quantity: z.number().int().describe('Units returned'),
          disposition: z
            .enum(RETURN_DISPOSITIONS)
            .describe(
              'What was done on intake: `restock` (available again), `quarantine` (held until inspected), `scrap`, or `return_to_vendor`',
            ),
          supplierId: z
            .string()
            .nullable()
            .describe('The supplier named for it: the one it goes back to when returned to vendor; null if none'),
          purchaseOrderId: z
            .string()
            .nullable()
            .describe('The purchase order the goods came on, if named; null otherwise'),
          outcome: z
            .enum(INSPECTION_OUTCOMES)
            .nullable()
            .describe('For a quarantined line: what inspection decided; null until then, and for other lines'),
          resolvedAt: timeOrNull('When inspection settled a quarantined line; null until then, and for other lines'),
        }),
      )
      .describe('One line per SKU'),
  })
  .meta({ id: 'Return', description: 'Goods a customer brought back, and what became of them' });
export type CustomerReturn = z.output<typeof CustomerReturn>;

export const ReturnSummaryRow = z
  .object({
    locationId: z.string().describe('Where the goods came back'),
    sku: z.string().describe('The product'),
    reason: z.enum(RETURN_REASONS).describe('Why customers brought it back'),
    quantity: z.number().int().describe('Units returned'),
    restocked: z.number().int().describe('Of them, back in stock: on intake or after inspection'),
    quarantined: z.number().int().describe('Of them, still awaiting inspection'),
    scrapped: z.number().int().describe('Of them, scrapped: on intake or after inspection'),
    returnedToVendor: z.number().int().describe('Of them, sent back to the supplier: on intake or after inspection'),
  })
  .meta({
    id: 'ReturnSummaryRow',
    description: 'Returned units of a SKU at a location for one reason, by what became of them',
  });
export type ReturnSummaryRow = z.output<typeof ReturnSummaryRow>;
