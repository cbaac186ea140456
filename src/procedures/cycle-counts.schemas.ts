import { z } from 'zod';
import { Cursor, LocationId, PageLimit, Sku } from '../catalog/index.js';
import { MAX_DAYS, money, units } from '../input/index.js';
import { Actor, QuantityOrZero, Reason } from '../ledger/index.js';
import { createdAt, share, timeOrNull } from '../output/index.js';
import { COUNT_LINE_STATES, COUNT_STATUSES } from './cycle-count.js';
import { FilterKey } from './procedures.schemas.js';

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

const CountStatus = z.enum(COUNT_STATUSES);

export const CountFilter = z.strictObject({
  status: z
    .union([CountStatus, z.array(CountStatus).min(1).max(COUNT_STATUSES.length)])
    .optional()
    .describe(
      'Only counts with this status — `open` (counting), `pending_approval`, `closed` or `cancelled` — or one of several, repeating the parameter (`status=open&status=pending_approval`)',
    ),
  location: FilterKey.optional().describe('Only counts at this location'),
  after: Cursor.optional(),
  limit: PageLimit,
});
export type CountFilter = z.input<typeof CountFilter>;

/** Ending a count without posting anything: a reason is welcome, not required. */
export const CancelCount = z.strictObject({
  reason: Reason.optional().describe(
    'Why the count is cancelled: optional, one line of 1–500 characters; not kept on the count',
  ),
  actor: Actor,
});
export type CancelCount = z.input<typeof CancelCount>;

// What counts answer with: one shape is the domain type and the documented response.

export const CountSession = z
  .object({
    id: z.string().describe("The count's id"),
    locationId: z.string().describe('The location counted'),
    status: z
      .enum(COUNT_STATUSES)
      .describe(
        '`open` while counting; `pending_approval` when submitted with large variances held for a planner; `closed`; or `cancelled`, posting nothing',
      ),
    scope: z
      .unknown()
      .describe(
        'Which SKUs it covers, as given when started: `{"by":"all"}`, `{"by":"list","skus":[…]}`, `{"by":"abc","class":"A"}` or `{"by":"not_counted_for","days":90}`',
      ),
    thresholdUnits: z
      .number()
      .int()
      .describe("A line whose variance exceeds this many units (either way) waits for a planner's approval"),
    thresholdValue: z
      .number()
      .describe("A line whose variance at cost exceeds this amount (either way) waits for a planner's approval"),
    createdBy: z.string().describe('Who started it'),
    createdAt,
    submittedAt: timeOrNull('When counting ended and variances were posted or held; null while open'),
    approvedBy: z
      .string()
      .nullable()
      .describe('The planner who approved the held variances; null if none were held, or not yet'),
    closedAt: timeOrNull('When it closed or was cancelled; null while open or awaiting approval'),
    lines: z
      .array(
        z.object({
          sku: z.string().describe('The product'),
          countedQuantity: z.number().int().nullable().describe('Units found on the shelf; null until counted'),
          countedAt: timeOrNull('When it was counted; null until then'),
          countedBy: z.string().nullable().describe('Who counted it; null until counted'),
          systemQuantity: z
            .number()
            .int()
            .nullable()
            .describe(
              'What the books held when it was counted; null until the count is submitted (counting is blind), and to anyone counting this SKU now',
            ),
          variance: z
            .number()
            .int()
            .nullable()
            .describe('Counted less the books, in units (negative: fewer on the shelf); null while systemQuantity is'),
          varianceValue: z
            .number()
            .nullable()
            .describe("The variance at the product's unit cost; null while systemQuantity is"),
          state: z
            .enum(COUNT_LINE_STATES)
            .describe('`pending`: not posted yet; `held`: waits for approval; `posted`: its variance is in the ledger'),
        }),
      )
      .describe('One line per SKU in scope'),
  })
  .meta({ id: 'CountSession', description: 'A cycle count of some SKUs at one location' });
export type CountSession = z.output<typeof CountSession>;

export const CountAccuracy = z
  .object({
    locationId: z.string().describe('The location'),
    sessions: z.number().int().describe('Submitted counts (closed or awaiting approval) with counted lines'),
    linesCounted: z.number().int().describe('Lines counted in them'),
    accuracy: share('Share of counted lines where the shelf matched the books exactly; null before any count'),
    absoluteVarianceUnits: z.number().int().describe('Sum of the variances, each taken as positive, in units'),
    absoluteVarianceValue: z.number().describe('Sum of the variances, each taken as positive, at unit cost'),
  })
  .meta({ id: 'CountAccuracy', description: "How well a location's books match its shelves, over its counts" });
export type CountAccuracy = z.output<typeof CountAccuracy>;
