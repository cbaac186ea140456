import { z } from 'zod';
import { Cursor, LocationId, PageLimit, Sku, SupplierId } from '../catalog/index.js';
import { calendarDate, money } from '../input/index.js';
import { createdAt, share, time, timeOrNull } from '../output/index.js';
import { DEFAULT_PLAN_SETTINGS, PLACEMENTS, SERVICE_CHOICES, SERVICE_MEASURES } from '../planning/index.js';
import { Note } from './suggestion.js';
import { SUGGESTION_KINDS, SUGGESTION_STATUSES } from './suggestion.js';

const level = (description: string) => z.number().gt(0).lt(1).describe(description);
const defaults = DEFAULT_PLAN_SETTINGS;
const service = defaults.service;

/** What a planner may set for one plan; everything left out takes Omnistock's defaults. */
export const PlanSettingsInput = z.strictObject({
  holdingRate: z
    .number()
    .min(0)
    .max(5)
    .default(defaults.holdingRate)
    .describe(`Holding cost a year as a share of unit cost (default ${defaults.holdingRate}: a quarter a year)`),
  orderingCost: money()
    .nullable()
    .default(defaults.orderingCost)
    .describe(
      'What placing one purchase-order or transfer line costs: lots become economic order quantities. null (the default): a lot is one review period of demand',
    ),
  maxCoverDays: z
    .number()
    .int()
    .min(1)
    .max(365)
    .default(defaults.maxCoverDays)
    .describe(`A lot covers at most this many days of demand (default ${defaults.maxCoverDays})`),
  reviewDays: z
    .strictObject({
      distributionCentre: z
        .number()
        .int()
        .min(1)
        .max(90)
        .default(defaults.reviewDays.distributionCentre)
        .describe('Days between reviews at distribution centres and warehouses, 1–90'),
      store: z
        .number()
        .int()
        .min(1)
        .max(90)
        .default(defaults.reviewDays.store)
        .describe('Days between reviews at stores, 1–90'),
    })
    .default(defaults.reviewDays)
    .describe('Days between reviews at distribution centres and warehouses, and at stores (default 7 and 7)'),
  service: z
    .strictObject({
      choice: z
        .enum(SERVICE_CHOICES)
        .default(service.choice)
        .describe(
          '`cost` (the default): each SKU × location where holding and lost margin balance, within floor and ceiling; `class`: the target of its ABC class',
        ),
      measure: z
        .enum(SERVICE_MEASURES)
        .default(service.measure)
        .describe('What a class target measures: cycle service (no stock-out in a cycle) or fill rate (units served)'),
      targets: z
        .strictObject({
          A: level('Target of class A (the products making 80 % of sales value)').default(service.targets.A),
          B: level('Target of class B (the next 15 %)').default(service.targets.B),
          C: level('Target of class C (the rest)').default(service.targets.C),
        })
        .default(service.targets)
        .describe('Service targets per ABC class, between 0 and 1 (default A 0.98, B 0.95, C 0.9)'),
      floor: level('Cost-set targets are at least this').default(service.floor),
      ceiling: level('Cost-set targets are at most this').default(service.ceiling),
    })
    .refine((s) => s.floor <= s.ceiling, { message: 'the floor must not be above the ceiling', path: ['floor'] })
    .default({
      choice: service.choice,
      measure: service.measure,
      targets: { ...service.targets },
      floor: service.floor,
      ceiling: service.ceiling,
    })
    .describe('Which service level each SKU × location is planned for'),
  placement: z
    .enum(PLACEMENTS)
    .default(defaults.placement)
    .describe(
      '`multi_echelon` (the default): where safety stock sits is chosen over each SKU’s tree (guaranteed-service model); `per_location`: each location covers its own lead time',
    ),
  rebalancing: z.boolean().default(true).describe('Suggest transfers between stores of one parent (default true)'),
  range: z.boolean().default(true).describe('Suggest SKUs to add to or delist from stores (default true)'),
});
export type PlanSettingsInput = z.input<typeof PlanSettingsInput>;
export type PlanSettingsUsed = z.output<typeof PlanSettingsInput>;

const money$ = (description: string) => z.number().describe(description);

export const PlanRun = z
  .object({
    id: z.string().describe("The plan's id"),
    startedAt: time('When the plan started'),
    finishedAt: time('When it was saved'),
    forecastRunId: z.string().describe('The forecast run it planned on'),
    startsOn: z.string().describe('The first day its policies hold (YYYY-MM-DD): its forecast’s first day'),
    settings: PlanSettingsInput.describe('The settings it ran with, defaults filled in'),
    summary: z
      .object({
        pairs: z.number().int().describe('SKU × location pairs planned'),
        policies: z.number().int().describe('Dated policy rows written'),
        suggestions: z
          .object({
            purchaseOrders: z.number().int().describe('Purchase orders, one per supplier and destination'),
            transfers: z.number().int().describe('Transfers from a parent, one per lane'),
            rebalancing: z.number().int().describe('Moves between stores of one parent, one per lane'),
            rangeAdd: z.number().int().describe('SKUs to add to a store’s range'),
            rangeDelist: z.number().int().describe('SKUs to delist at a store'),
          })
          .describe('Suggestions made, by kind'),
        value: z
          .object({
            purchaseOrders: money$('Value of the suggested purchase orders, at their unit costs'),
            transfers: money$('Value of the suggested transfers from parents, at cost'),
            rebalancing: money$('Value of the suggested moves between stores, at cost'),
          })
          .describe('What the suggestions are worth'),
        safetyStock: z
          .object({
            units: z.number().describe('Safety stock of the first period over the network, in units'),
            value: money$('Its value at cost'),
            byKind: z
              .array(
                z.object({
                  kind: z.string().describe('distribution_centre, warehouse or store'),
                  units: z.number().describe('Safety stock there, in units'),
                  value: z.number().describe('Its value at cost'),
                  share: share('Share of the network’s safety stock value held at this kind of location'),
                }),
              )
              .describe('Where it sits'),
          })
          .describe('The network’s safety stock and where it sits'),
        unsourced: z.number().int().describe('Needs no supplier or parent could meet (no supplier carries the SKU)'),
        waiting: z
          .object({
            pairs: z.number().int().describe('SKU × location pairs at or below their reorder point'),
            units: z.number().int().describe('Units they want'),
          })
          .describe(
            'What stores want that their DC cannot spare now: the DC owes it, and orders it or has it on the way',
          ),
        expired: z.number().int().describe('Open suggestions of earlier plans this one replaced'),
      })
      .describe('What the plan found'),
    createdBy: z.string().describe('Who ran it'),
  })
  .meta({ id: 'PlanRun', description: 'One plan of the network: its settings and what it found' });
export type PlanRun = z.output<typeof PlanRun>;

export const StockPolicy = z
  .object({
    runId: z.string().describe('The plan that set it'),
    sku: z.string().describe('The product'),
    locationId: z.string().describe('The location'),
    validFrom: z.string().describe('The first day the row holds (YYYY-MM-DD)'),
    validUntil: z.string().describe('The last day it holds'),
    productClass: z.string().describe('ABC by sales value and XYZ by variability: AX … CZ'),
    service: z
      .object({
        measure: z
          .enum(SERVICE_MEASURES)
          .describe('Cycle service (no stock-out in a cycle) or fill rate (units served)'),
        level: z.number().describe('The target'),
        basis: z.string().describe('`class`: its class’s target; `cost`: where holding and lost margin balance'),
      })
      .describe('The service the levels are set for'),
    reviewDays: z.number().describe('Days between reviews'),
    source: z
      .object({
        kind: z.string().describe('`supplier`, `parent` (a transfer from the parent DC) or `none`'),
        id: z.string().nullable().describe('The supplier or parent location; null for `none`'),
      })
      .describe('Where the location is replenished from'),
    leadTime: z
      .object({
        mean: z.number().describe('Days from order to receipt, including what the parent makes it wait'),
        sd: z.number().describe('Its standard deviation, in days'),
        basis: z.string().describe('`receipts` (measured), `stated` (supplier’s terms) or `transfers`'),
      })
      .describe('The replenishment lead time the levels cover'),
    demand: z
      .object({
        perDay: z.number().describe('Mean units a day: the forecast, or for a parent what its children draw'),
        sdPerDay: z.number().describe('Standard deviation of a day’s demand'),
      })
      .describe('The daily demand the levels are set on'),
    protection: z
      .object({
        days: z.number().describe('Lead time + review, less the days the parent promises'),
        mean: z.number().describe('Expected demand over them'),
        sd: z.number().describe('√(P·σd² + d²·σL²)'),
        shape: z
          .string()
          .describe('`normal`, `poisson`, `negative_binomial` or `none`: the curve the levels were read from'),
      })
      .describe('Demand over the protection period: what the reorder point must cover'),
    safetyStock: z.number().describe('Reorder point less expected demand over the protection period, in units'),
    reorderPoint: z.number().int().describe('s: a review orders when the inventory position is at or below it'),
    orderUpTo: z.number().int().describe('S: the order brings the position up to it'),
    lotSize: z.number().int().describe('S − s: what an order is, in what the source accepts'),
    serviceTime: z
      .number()
      .int()
      .nullable()
      .describe('Days the location promises its children (multi-echelon placement); null at stores'),
    expected: z
      .object({ cycleService: share('Chance of no stock-out in a cycle'), fillRate: share('Units served') })
      .describe('The service these levels give, by both measures'),
  })
  .meta({ id: 'StockPolicy', description: 'What a SKU holds at a location over some days, and why' });
export type StockPolicy = z.output<typeof StockPolicy>;

export const PolicyQuery = z.strictObject({
  location: LocationId.optional().describe('Only this location'),
  on: calendarDate()
    .optional()
    .describe('Only the row that holds on this day (YYYY-MM-DD); every dated row when left out'),
});
export type PolicyQuery = z.input<typeof PolicyQuery>;

export const SuggestionLine = z.object({
  line: z.number().int().describe('Its number, from 1'),
  sku: z.string().describe('The product'),
  quantity: z.number().int().describe('Units suggested'),
  unitCost: z.number().describe('What a unit costs: the supplier’s price, or the product’s cost'),
  reason: z
    .record(z.string(), z.unknown())
    .describe('The line’s numbers: position, policy, demand, lead time and its spread, target'),
});

export const Suggestion = z
  .object({
    id: z.string().describe('The suggestion’s id'),
    runId: z.string().describe('The plan that made it'),
    kind: z
      .enum(SUGGESTION_KINDS)
      .describe('purchase_order, transfer (from a parent), rebalance (between stores), range_add or range_delist'),
    status: z
      .enum(SUGGESTION_STATUSES)
      .describe('open, then approved, dismissed or expired (a newer plan replaced it)'),
    supplierId: z.string().nullable().describe('The supplier of a purchase order'),
    fromId: z.string().nullable().describe('Where a transfer leaves from'),
    locationId: z.string().describe('Where the goods go, or the store whose range changes'),
    value: z.number().describe('At cost: what the goods are worth (a delisting: the stock it frees)'),
    reason: z.record(z.string(), z.unknown()).describe('Why, for the suggestion as a whole'),
    lines: z.array(SuggestionLine).describe('What it suggests, a SKU a line'),
    createdAt,
    decidedAt: timeOrNull('When it was approved, dismissed or expired'),
    decidedBy: z.string().nullable().describe('Who approved or dismissed it'),
    note: z.string().nullable().describe('What the planner said when deciding'),
    document: z
      .object({
        type: z.string().describe('`purchase_order` or `transfer_order`'),
        id: z.string().describe('Its number'),
      })
      .nullable()
      .describe('The document its approval created'),
  })
  .meta({ id: 'Suggestion', description: 'Something a plan suggests doing, with its reasons and what became of it' });
export type Suggestion = z.output<typeof Suggestion>;

export const SuggestionFilter = z.strictObject({
  after: Cursor.optional(),
  limit: PageLimit,
  kind: z.enum(SUGGESTION_KINDS).optional().describe('Only this kind'),
  status: z.enum(SUGGESTION_STATUSES).optional().describe('Only this status'),
  location: LocationId.optional().describe('Only those for this location (as destination or source)'),
  supplier: SupplierId.optional().describe('Only purchase orders from this supplier'),
  sku: Sku.optional().describe('Only those with a line of this SKU'),
  minValue: z.coerce.number().min(0).optional().describe('Only those worth at least this, at cost'),
  run: z.string().max(100).optional().describe('Only those of this plan'),
});
export type SuggestionFilter = z.input<typeof SuggestionFilter>;

export const ApproveSuggestion = z
  .strictObject({
    submit: z
      .boolean()
      .default(true)
      .describe('Purchase orders: true (the default) places the order with the supplier; false keeps a draft'),
    note: Note.optional(),
  })
  .default({ submit: true });
export type ApproveSuggestion = z.input<typeof ApproveSuggestion>;

export const DismissSuggestion = z.strictObject({ note: Note.describe('Why it is dismissed') });
export type DismissSuggestion = z.input<typeof DismissSuggestion>;
