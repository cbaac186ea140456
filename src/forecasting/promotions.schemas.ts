import { z } from 'zod';
import { ListQuery, LocationId, Sku } from '../catalog/index.js';
import { daysBetween } from '../calendar/index.js';
import { calendarDate, readableId, singleLine } from '../input/index.js';
import { createdAt, updatedAt } from '../output/index.js';

/** The longest a promotion may run, first and last day included: a year, in a leap year too. */
export const MAX_PROMOTION_DAYS = 366;
/** The highest lift a promotion may plan for: twenty times what would sell without it. */
export const MAX_PLANNED_LIFT = 20;

/** A promotion's code, chosen by the retailer: `SPRING-TEA-26`. */
export const PromotionId = readableId().describe(
  'A promotion\'s code, such as `SPRING-TEA-26`: 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit',
);

const Category = singleLine(100);
const Region = singleLine(100);

const promotionFields = {
  name: singleLine(200)
    .nullable()
    .describe('What people call it, such as `Spring tea week`; up to 200 characters. Null: no name'),
  sku: Sku.nullable().describe('The product promoted. Give either `sku` or `category`, not both'),
  category: Category.nullable().describe(
    'Promotes every product of this category (some product must be in it). Give either `sku` or `category`, not both',
  ),
  location: LocationId.nullable().describe(
    'The one real location it runs at. Give `location`, `region` or neither (the whole network), not both',
  ),
  region: Region.nullable().describe(
    'Runs at every location of this region (some location must be in it). Give `location`, `region` or neither (the whole network), not both',
  ),
  from: calendarDate().describe(
    'The first promoted day, YYYY-MM-DD; days in the past are history the lift is learned from',
  ),
  to: calendarDate().describe(
    `The last promoted day, YYYY-MM-DD, included: not before \`from\`, and at most ${MAX_PROMOTION_DAYS} days in all`,
  ),
  plannedLift: z
    .number()
    .gt(0, { error: 'must be greater than 0' })
    .max(MAX_PLANNED_LIFT, { error: `must be at most ${MAX_PLANNED_LIFT}` })
    .nullable()
    .describe(
      `How many times the demand without the promotion it is expected to sell, above 0 and at most ${MAX_PLANNED_LIFT}: 1.5 is half as much again, 0.8 a fifth less. Null: the forecast learns the lift from past promotions`,
    ),
};

/** What a promotion covers: the fields whose rules depend on each other. */
interface Scope {
  sku: string | null;
  category: string | null;
  location: string | null;
  region: string | null;
  from: string;
  to: string;
}

/** The rules that tie fields together, each refused at the field a caller would change. */
function oneSubjectOnePlace(p: Scope, ctx: z.RefinementCtx): void {
  if (p.sku === null && p.category === null)
    ctx.addIssue({ code: 'custom', path: ['sku'], message: 'give a sku or a category' });
  if (p.sku !== null && p.category !== null)
    ctx.addIssue({ code: 'custom', path: ['category'], message: 'give a sku or a category, not both' });
  if (p.location !== null && p.region !== null)
    ctx.addIssue({
      code: 'custom',
      path: ['region'],
      message: 'give a location or a region, not both (neither: the whole network)',
    });
  if (p.to < p.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
  else if (daysBetween(p.from, p.to) + 1 > MAX_PROMOTION_DAYS)
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: `a promotion runs at most ${MAX_PROMOTION_DAYS} days, from and to included`,
    });
}

/** A new promotion, as the API and the `promotions` CSV import take it. */
export const NewPromotion = z
  .strictObject({
    id: PromotionId.describe(
      'The new promotion\'s code, which cannot be changed later: 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit',
    ),
    name: promotionFields.name.default(null),
    sku: promotionFields.sku.default(null),
    category: promotionFields.category.default(null),
    location: promotionFields.location.default(null),
    region: promotionFields.region.default(null),
    from: promotionFields.from,
    to: promotionFields.to,
    plannedLift: promotionFields.plannedLift.default(null),
  })
  .superRefine(oneSubjectOnePlace);
export type NewPromotion = z.input<typeof NewPromotion>;

/** The fields a change sends; the promotion they make must keep every rule of a new one. */
export const PromotionChanges = z.strictObject(promotionFields).partial();
export type PromotionChanges = z.input<typeof PromotionChanges>;

export const PromotionFilter = ListQuery.extend({
  sku: Sku.optional().describe('Only promotions of this product (not those of its category)'),
  category: Category.optional().describe('Only promotions of this category (exact match)'),
  location: LocationId.optional().describe(
    "Only promotions at this location (not its region's or the whole network's)",
  ),
  region: Region.optional().describe("Only promotions in this region (not the whole network's)"),
  from: calendarDate()
    .optional()
    .describe('Only promotions running on this day or later (YYYY-MM-DD): their last day is not before it'),
  to: calendarDate()
    .optional()
    .describe('Only promotions running on this day or earlier (YYYY-MM-DD): their first day is not after it'),
}).refine((f) => f.from === undefined || f.to === undefined || f.from <= f.to, {
  path: ['to'],
  message: 'must not be before from',
});
export type PromotionFilter = z.input<typeof PromotionFilter>;

// What the calendar answers with: the domain type and the documented response.

export const Promotion = z
  .object({
    id: z.string().describe("The promotion's code (`SPRING-TEA-26`)"),
    name: z.string().nullable().describe('What people call it; null if it has no name'),
    sku: z.string().nullable().describe('The product promoted; null when a category is'),
    category: z.string().nullable().describe('The category whose every product is promoted; null when one SKU is'),
    locationId: z
      .string()
      .nullable()
      .describe('The one location it runs at; null when it runs in a region or the whole network'),
    region: z
      .string()
      .nullable()
      .describe('The region whose every location runs it; null when one location or the whole network does'),
    from: z.string().describe('The first promoted day (YYYY-MM-DD)'),
    to: z.string().describe('The last promoted day (YYYY-MM-DD), included'),
    plannedLift: z
      .number()
      .nullable()
      .describe(
        'Demand with the promotion over demand without it, as the retailer plans it (1.5: half as much again); null: the forecast learns it from past promotions',
      ),
    createdAt,
    updatedAt,
    createdBy: z.string().describe('Who recorded it'),
  })
  .meta({
    id: 'Promotion',
    description:
      'A promotion in the calendar: a product or a category, at a location, in a region or in the whole network, on some days',
  });
export type Promotion = z.output<typeof Promotion>;
