import { ORDER_CHANNELS, ORDER_STATUSES } from '../orders/index.js';
import { METHOD_NAMES } from '../forecasting/index.js';
import {
  COUNT_LINE_STATES,
  COUNT_STATUSES,
  DISCREPANCY_KINDS,
  INSPECTION_OUTCOMES,
  PURCHASE_ORDER_STATUSES,
  RETURN_DISPOSITIONS,
  RETURN_REASONS,
  RETURN_STATUSES,
  TRANSFER_ORDER_STATUSES,
} from '../procedures/index.js';
import { z } from 'zod';
import { LOCATION_KINDS, LOCATION_STATUSES, PRODUCT_UNITS } from '../catalog/index.js';
import { EVENT_TYPES, MAX_ATTEMPTS } from '../events/index.js';
import { ERRORS_LISTED, HEADERS_LISTED } from '../exchange/index.js';
import { identifier } from '../input/index.js';
import { DOCUMENT_TYPES, MOVEMENT_KINDS, RESERVATION_STATUSES } from '../ledger/index.js';
import { ROLES } from '../security/index.js';
import { createdAt, share, time, timeOrNull, updatedAt } from '../output/index.js';

/**
 * The shapes the API answers with, and the path parameters routes share. Request bodies and queries
 * are the domain's own input schemas.
 */

/**
 * The key in a route's path. A malformed one (a control character, a space at either end, too long)
 * is answered 400 before anything is looked up, the same on both databases; an unknown one 404.
 */
const PathId = identifier().describe('The id of the location, supplier, document or token the path names');
const PathSku = identifier().describe('The SKU of the product the path names');
export const IdParams = z.object({ id: PathId });
export const SkuParams = z.object({ sku: PathSku });
export const IdSkuParams = z.object({ id: PathId, sku: PathSku });

export const Problem = z
  .object({
    type: z.string().describe('Names the kind of problem: `urn:omnistock:problem:` and the code'),
    title: z.string().describe('A short summary of the HTTP status, e.g. "Conflict"'),
    status: z.number().int().describe('The HTTP status, repeated'),
    detail: z.string().describe('What went wrong with this request and what to do about it, for people to read'),
    code: z
      .string()
      .describe('What went wrong, as a stable code to branch on (`insufficient_stock`, `validation_failed` …)'),
    instance: z.string().optional().describe('The path and query of the request refused'),
    errors: z
      .array(
        z.object({
          path: z
            .string()
            .describe('Where in that part of the request, dotted (`lines.0.quantity`); empty for all of it'),
          message: z.string().describe('What is wrong there'),
          in: z.string().optional().describe('Which part of the request: `body`, `query`, `path` or `header`'),
        }),
      )
      .optional()
      .describe('For a request refused as invalid: each field at fault, at most 100'),
  })
  .catchall(z.unknown())
  .meta({
    id: 'Problem',
    description:
      'RFC 9457 problem details; `code` is stable, `detail` is for people. Other members give facts of the case ' +
      '(the SKU, the location, `retryAfterSeconds` …).',
  });

export const Location = z
  .object({
    id: z
      .string()
      .describe(
        "The location's id (`dc-north`); virtual ones have reserved ids: `supplier`, `customer`, `adjustment`, `scrap`, `transit:<transfer>`, `quarantine:<location>`",
      ),
    name: z.string().describe('Its name, as people know it'),
    kind: z
      .enum(LOCATION_KINDS)
      .describe(
        'A place that holds stock (`distribution_centre`, `warehouse`, `store`), or a virtual end of movements: `supplier`, `customer`, `transit` (goods on a transfer), `quarantine` (returns awaiting inspection), `adjustment`, `scrap`',
      ),
    region: z.string().nullable().describe('The region it belongs to, for totals and filters; null if none'),
    latitude: z
      .number()
      .nullable()
      .describe('Latitude in degrees; null if unknown, and then it is never chosen to ship online orders'),
    longitude: z.number().nullable().describe('Longitude in degrees; null exactly when latitude is'),
    status: z
      .enum(LOCATION_STATUSES)
      .describe(
        '`active`: ships and takes stock; `disrupted`: its stock counts as unavailable and cannot be promised; `closed`: takes no stock',
      ),
    parentId: z
      .string()
      .nullable()
      .describe("The location that normally replenishes this one (a store's DC); null if none"),
    allowNegativeStock: z
      .boolean()
      .describe(
        'Whether stock here may go below zero; when false (the default) taking out more than the books show is refused',
      ),
    shipsOnline: z
      .boolean()
      .describe('Whether it may ship online orders: DCs and warehouses by default, stores only when set up for it'),
    createdAt,
    updatedAt,
  })
  .meta({ id: 'Location', description: 'A place that holds stock, or a virtual end of movements' });

export const Product = z
  .object({
    sku: z.string().describe("The product's stock-keeping unit: its id (`TEA-250G`)"),
    name: z.string().describe('Its name, as customers and staff know it'),
    category: z.string().nullable().describe('Its category, for reports and forecast accuracy; null if none'),
    unit: z
      .enum(PRODUCT_UNITS)
      .describe(
        'What one unit is: `each`, `pair`, `pack`, or `g`, `ml`, `cm` for goods sold by weight, volume or length; every quantity counts whole units',
      ),
    unitCost: z
      .number()
      .describe(
        'What one unit costs the retailer: values stock at cost, and prices purchase-order lines when the supplier gives no cost; 0 if unknown',
      ),
    price: z.number().describe('Selling price of one unit; 0 if not set'),
    weightKg: z.number().describe('Weight of one unit in kilograms; the shipping cost of online orders depends on it'),
    gtin: z.string().nullable().describe('Its barcode number (GTIN-8, -12, -13 or -14); null if none'),
    createdAt,
    updatedAt,
  })
  .meta({ id: 'Product', description: "A product the network stocks; amounts are in the retailer's currency" });

export const Supplier = z
  .object({
    id: z.string().describe("The supplier's id (`acme-foods`)"),
    name: z.string().describe('Its name'),
    leadTimeDays: z
      .number()
      .describe('Mean days from submitting an order to receiving it; an item may have a lead time of its own'),
    leadTimeSdDays: z.number().describe('Standard deviation of that lead time, in days: safety stock covers it'),
    minOrderQuantity: z.number().int().describe('The fewest units they accept on one order line'),
    packSize: z.number().int().describe('They sell whole packs of this many units: orders are rounded up to them'),
    createdAt,
    updatedAt,
  })
  .meta({ id: 'Supplier', description: 'Someone the network buys from, with how long their deliveries take' });

export const SupplierItem = z
  .object({
    supplierId: z.string().describe('The supplier'),
    sku: z.string().describe('The product, by our SKU'),
    supplierSku: z.string().nullable().describe("The supplier's own code for it; null if not known"),
    unitCost: z
      .number()
      .nullable()
      .describe("What the supplier charges per unit; null: purchase orders take the product's unit cost"),
    leadTimeDays: z
      .number()
      .nullable()
      .describe("Days from order to receipt for this product; null: the supplier's lead time applies"),
    createdAt,
    updatedAt,
  })
  .meta({ id: 'SupplierItem', description: 'A product a supplier supplies, under its own code, price and lead time' });

export const ImportReport = z
  .object({
    dataset: z.string().describe('The dataset the file was read as'),
    rows: z.number().int().describe('Data rows in the file, the header not counted'),
    badRows: z
      .number()
      .int()
      .describe('Data rows with at least one error; a bad header is an error on line 1, not a bad row'),
    created: z.number().int().describe('Records the rows added (in a dry run: would add)'),
    updated: z.number().int().describe('Records the rows changed (in a dry run: would change)'),
    unchanged: z
      .number()
      .int()
      .describe('Rows that matched what is stored and changed nothing: the same file imported twice changes nothing'),
    errors: z
      .array(
        z.object({
          line: z.number().int().describe('Line of the file, from 1 (the header)'),
          column: z.string().nullable().describe('The column at fault; null when it is the row as a whole'),
          reason: z.string().describe('What is wrong'),
        }),
      )
      .describe(`The first ${ERRORS_LISTED} errors, in file order; errorCount counts them all`),
    errorCount: z.number().int().describe('Errors found in the file, listed or not'),
    unusedHeaders: z
      .array(z.string())
      .describe(
        `the first ${HEADERS_LISTED} headers no column uses, each cut short; unusedHeaderCount counts them all`,
      ),
    unusedHeaderCount: z.number().int().describe('Headers in the file that no column uses: they are ignored'),
    dryRun: z.boolean().describe('Whether the file was only checked, to say what would change'),
    applied: z
      .boolean()
      .describe(
        'Whether anything was written: false for a dry run, and for a file with errors unless skipErrors was set',
      ),
  })
  .meta({ id: 'ImportReport', description: 'What a CSV import found and did' });

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

export const ForecastRun = z
  .object({
    id: z.string().describe("The run's id"),
    startedAt: time('When it started'),
    finishedAt: time('When it finished'),
    horizon: z.number().int().describe('Days forecast, from the day after historyUntil'),
    season: z.number().int().describe('Season length in days the methods look for (7: a weekly pattern)'),
    historyUntil: z
      .string()
      .describe('The last day of sales history used (YYYY-MM-DD); the forecast starts the day after'),
    series: z.number().int().describe('SKU × location series forecast: every pair with sales in the history'),
    methods: z.record(z.string(), z.number().int()).describe('How many series each method won, by method name'),
    createdBy: z.string().describe('Who ran it'),
  })
  .meta({ id: 'ForecastRun', description: 'One forecasting run over the network' });

const forecastMethod = z
  .enum(METHOD_NAMES)
  .describe(
    'A forecasting method: seasonal naive, moving average, exponential smoothing (`ses`, `holt`, `holt_winters`), or for intermittent demand `croston`, `sba`, `tsb`',
  );
const rmsse = 'RMSSE over the backtest windows: below 1 beats repeating the last day';
const forecastFields = {
  runId: z.string().describe('The run it comes from'),
  sku: z.string().describe('The product'),
  locationId: z.string().describe('The location it sells at'),
  from: z.string().describe('The first forecast day (YYYY-MM-DD): the day `mean` starts on'),
  method: forecastMethod.describe('The method chosen: the one with the lowest backtest error'),
  params: z.record(z.string(), z.number()).describe("The chosen method's fitted parameters, by name (`alpha` …)"),
  mean: z.array(z.number()).describe('Mean demand per day in units, one value a day from `from` on'),
  sigma: z
    .number()
    .describe("Standard deviation of one day's forecast error, in units, from the chosen method's backtest"),
  intermittent: z
    .boolean()
    .describe(
      'Whether demand comes on few days (on average more than 1.32 days apart): then intermittent methods compete',
    ),
  quantiles: z
    .array(
      z.object({
        level: z.number().describe('A probability, e.g. 0.95'),
        value: z.number().describe("Units a day's demand stays at or below with that probability"),
      }),
    )
    .nullable()
    .describe("For intermittent demand: quantiles of one day's demand; null otherwise"),
  rmsse: z
    .number()
    .nullable()
    .describe(`The chosen method's backtest error (${rmsse}); null when the history was too short to backtest`),
  scores: z
    .array(
      z.object({
        method: forecastMethod.describe('A candidate method'),
        rmsse: z.number().describe(`Its backtest error (${rmsse})`),
      }),
    )
    .describe("Every candidate's backtest error, best first; empty when the history was too short"),
  notes: z.array(z.string()).describe('What to know about the series: a fallback method, gaps filled, no sales …'),
};
export const Forecast = z
  .object(forecastFields)
  .meta({ id: 'Forecast', description: "A SKU's daily demand forecast at one location" });
const aggregate = {
  mean: z.array(z.number()).describe('Summed mean demand per day, in units, from `from` on'),
  sigma: z.number().describe("Standard deviation of a day's summed error, taking the series' errors as independent"),
  series: z.number().int().describe('Location series summed'),
};
export const SkuForecast = z
  .object({
    sku: z.string().describe('The product'),
    runId: z.string().describe('The run, the latest'),
    from: z.string().describe('The first forecast day (YYYY-MM-DD)'),
    locations: z
      .array(
        z.object({ ...forecastFields, region: z.string().nullable().describe("The location's region; null if none") }),
      )
      .describe('Per location where it sells, in id order'),
    regions: z
      .array(
        z.object({ ...aggregate, region: z.string().nullable().describe('The region; null for locations in none') }),
      )
      .describe('Summed per region'),
    network: z.object(aggregate).describe('Summed over the network'),
  })
  .meta({ id: 'SkuForecast', description: "A SKU's forecast at every location, summed by region and for the network" });
const accuracyRow = {
  series: z.number().int().describe('Series in this group'),
  meanRmsse: z.number().nullable().describe(`Their mean backtest error (${rmsse}); null when none could be backtested`),
};
export const ForecastAccuracy = z
  .object({
    runId: z.string().describe('The run reported on, the latest'),
    byMethod: z
      .array(z.object({ method: forecastMethod.describe('The method'), ...accuracyRow }))
      .describe('Per method: the series it won, most first'),
    byCategory: z
      .array(
        z.object({ category: z.string().nullable().describe('The product category; null for none'), ...accuracyRow }),
      )
      .describe('Per product category'),
    byRegion: z
      .array(
        z.object({ region: z.string().nullable().describe('The region; null for locations in none'), ...accuracyRow }),
      )
      .describe('Per region'),
  })
  .meta({ id: 'ForecastAccuracy', description: 'Which methods won where, and how accurate the forecasts were' });

const orderLine = {
  sku: z.string().describe('The product'),
  quantity: z.number().int().describe('Units'),
};
export const SourcingPlan = z
  .object({
    shipments: z
      .array(
        z.object({
          locationId: z.string().describe('Where the parcel ships from'),
          distanceKm: z.number().describe('Great-circle distance to the destination, in km'),
          weightKg: z.number().describe('Weight of the parcel, in kg'),
          cost: z
            .number()
            .describe(
              "This parcel's cost: per shipment plus weight × distance (the split penalty is in the plan's cost)",
            ),
          lines: z.array(z.object(orderLine)).describe('What it carries'),
        }),
      )
      .describe('The parcels: one per location shipping'),
    short: z.array(z.object(orderLine)).describe('Units no eligible location can ship, per SKU'),
    cost: z.number().describe('What the plan costs: its parcels, and a penalty for each parcel after the first'),
    optimal: z
      .boolean()
      .describe('Whether the plan is proven cheapest (by the exact solver, or a heuristic plan shown to be)'),
    method: z
      .enum(['heuristic', 'exact'])
      .describe('How it was planned: `heuristic` (fast, the default) or `exact` (a mixed-integer solver)'),
    excluded: z
      .array(
        z.object({
          locationId: z.string().describe('The location left out'),
          reason: z
            .enum(['disrupted', 'closed', 'no_online_shipping', 'no_coordinates', 'no_stock'])
            .describe(
              'Why: `disrupted` or `closed`; `no_online_shipping` (not set up to ship orders); `no_coordinates` (no position to measure from); `no_stock` (none of the SKUs available)',
            ),
        }),
      )
      .describe('Locations that could not ship it, and why'),
    alternatives: z
      .array(
        z.object({
          locationId: z.string().describe('The location'),
          distanceKm: z.number().describe('Great-circle distance to the destination, in km'),
          covers: z.number().int().describe('Units of the order it could ship'),
          aloneCost: z
            .number()
            .nullable()
            .describe('What it would cost to ship the whole order alone; null if it cannot cover all of it'),
        }),
      )
      .describe('The other eligible locations, nearest first'),
  })
  .meta({ id: 'SourcingPlan', description: 'Where an order ships from, what that costs, and what else was weighed' });

export const Order = z
  .object({
    id: z.string().describe("The order's id"),
    channel: z
      .enum(ORDER_CHANNELS)
      .describe(
        '`online` (shipped to a destination), `pickup` (collected at a store) or `store_sale` (sold at a store)',
      ),
    status: z
      .enum(ORDER_STATUSES)
      .describe(
        '`allocated` (every unit reserved) or `backordered` (some units could not be found); then `partially_shipped`, `shipped`, or `cancelled` (its reservations released)',
      ),
    destination: z
      .object({
        latitude: z.number().describe('Latitude in degrees'),
        longitude: z.number().describe('Longitude in degrees'),
      })
      .nullable()
      .describe('Where an online order goes; null for pickups and store sales'),
    pickupLocationId: z.string().nullable().describe('The store a pickup or store sale is at; null for online orders'),
    reference: z
      .string()
      .nullable()
      .describe("The caller's reference (the web shop's order number, say); null if none"),
    lines: z.array(z.object(orderLine)).describe('What was ordered, one line per SKU'),
    allocations: z
      .array(
        z.object({
          sku: z.string().describe('The product'),
          locationId: z.string().describe('Where the units are reserved'),
          quantity: z.number().int().describe('Units reserved there'),
          reservationId: z.string().describe('The reservation holding them'),
        }),
      )
      .describe('Where its units are reserved: per SKU and location'),
    plan: SourcingPlan,
    createdBy: z.string().describe('Who placed it'),
    createdAt,
    updatedAt,
  })
  .meta({ id: 'Order', description: 'A customer order, its allocation and the plan it was allocated by' });

const units = (description: string) => z.number().int().describe(description);
const stockFields = {
  sku: z.string().describe('The product'),
  locationId: z.string().describe('The location'),
  onHand: units('On the premises (at a transit or a quarantine: what it holds)'),
  reserved: units('Promised to orders, not yet shipped'),
  available: units('On hand less reserved; always 0 at a transit or a quarantine'),
  quarantined: units("Returned units in this location's quarantine, awaiting inspection: held, never available"),
  inTransit: units('On transfers on their way to this location'),
  onOrder: units('On open purchase orders to this location'),
  inbound: units('In transit and on order'),
  outbound: units('Shipped from this location, not yet received'),
};
export const StockRow = z.object(stockFields).meta({ id: 'StockRow', description: 'Stock of one SKU at one location' });
export const NamedStockRow = z
  .object({
    sku: stockFields.sku,
    locationId: stockFields.locationId,
    onHand: stockFields.onHand,
    reserved: stockFields.reserved,
    available: stockFields.available,
    productName: z.string().describe("The product's name"),
    locationName: z.string().describe("The location's name"),
    region: z.string().nullable().describe("The location's region, if any"),
  })
  .meta({
    id: 'NamedStockRow',
    description:
      "A location's own figures for a SKU (on hand, reserved, available) with the names a person reads it by",
  });

const totals = {
  onHand: units('On hand at real locations, whatever their status'),
  reserved: units('Promised to orders'),
  available: units('On hand less reserved at locations that can ship (active)'),
  unavailable: units('On hand at disrupted or closed locations: it cannot ship'),
  quarantined: units('Held in quarantines'),
  inTransit: units('On transfers between our locations (for a region: on their way into it)'),
  onOrder: units('On open purchase orders'),
  outbound: units('On transfers on their way out (for the network: the same as in transit)'),
  total: units('On hand + in transit + on order + quarantined: every unit once'),
};
export const NetworkStock = z
  .object({
    sku: z.string().describe('The product'),
    locations: z
      .array(
        z.object({
          ...stockFields,
          region: z.string().nullable().describe("The location's region; null if none"),
          status: z
            .enum(LOCATION_STATUSES)
            .describe('Whether the location can ship: only active locations count as available'),
        }),
      )
      .describe('Per real location that holds it, held it, or has it on the way'),
    regions: z
      .array(z.object({ ...totals, region: z.string().nullable().describe('The region; null for locations in none') }))
      .describe('Totals per region'),
    network: z.object(totals).describe('Totals for the whole network'),
  })
  .meta({ id: 'NetworkStock', description: 'One SKU across the network: per location, per region and in all' });

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

export const Posting = z
  .object({
    postingId: z.string().describe("The posting's id: filter `GET /movements?postingId=` by it"),
    movements: z.array(Movement).describe('What it wrote, in order'),
  })
  .meta({ id: 'Posting', description: 'Movements posted together, all or nothing' });

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

export const Token = z
  .object({
    id: z.string().describe("The token's id, to revoke it by (not the secret)"),
    name: z.string().describe('Who holds it: postings and the audit log name it as the actor'),
    role: z
      .enum(ROLES)
      .describe(
        '`viewer` reads; `operator` also posts movements and reservations, receives, ships and counts; `planner` also places purchase orders, approves count variances and runs forecasts; `admin` also manages locations, products, suppliers, tokens and webhooks, and reads the audit log',
      ),
    locations: z.array(z.string()).nullable().describe('The locations it may change stock at; null for every location'),
    createdAt,
    createdBy: z.string().describe('Who made it'),
    revokedAt: timeOrNull('When it was revoked; null while it works'),
  })
  .meta({ id: 'Token', description: 'An API token: who holds it and what it may do' });

export const AuditEntry = z
  .object({
    id: z.string().describe("The entry's id"),
    actor: z.string().describe('Who sent the request: the name of the token used'),
    action: z.string().describe('The method and route, e.g. `POST /api/v1/movements`'),
    target: z
      .string()
      .nullable()
      .describe(
        'What it acted on: the id, SKU or dataset in the path, or the location, transfer or reference in the body; null if none',
      ),
    status: z.number().int().describe('The HTTP status it was answered with'),
    idempotencyKey: z.string().nullable().describe('The Idempotency-Key header it carried; null if none'),
    at: time('When it was answered'),
  })
  .meta({ id: 'AuditEntry', description: 'One write request by a token holder, accepted or refused' });

export const Webhook = z
  .object({
    id: z.string().describe("The webhook's id"),
    url: z.string().describe('Where events are sent, each as a signed JSON POST'),
    eventTypes: z.array(z.enum(EVENT_TYPES)).describe('The event types it receives'),
    createdAt,
    createdBy: z.string().describe('Who registered it'),
  })
  .meta({ id: 'Webhook', description: 'A URL that receives events' });

export const WebhookDelivery = z
  .object({
    id: z.string().describe("The delivery's id"),
    webhookId: z.string().describe('The webhook'),
    eventId: z.string().describe('The event delivered'),
    status: z
      .enum(['pending', 'delivered', 'failed'])
      .describe(
        `\`pending\` until answered 2xx (\`delivered\`) or given up after ${MAX_ATTEMPTS} attempts (\`failed\`)`,
      ),
    attempts: z.number().int().describe('Attempts made so far'),
    nextAttemptAt: time('When a pending delivery is tried next; waits double from 1 s'),
    lastAttemptAt: timeOrNull('When it was last tried; null before the first attempt'),
    lastStatusCode: z
      .number()
      .int()
      .nullable()
      .describe(
        'The HTTP status the receiver last answered; null before the first attempt, or if it could not be reached',
      ),
    lastError: z.string().nullable().describe('Why the last attempt failed; null if it did not fail'),
  })
  .meta({ id: 'WebhookDelivery', description: "One event's delivery to one webhook" });

/** A page of a list, with the cursor for the next one. */
export function page<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item).describe("This page's items, in the list's order: at most `limit`"),
    nextCursor: z.string().nullable().describe('Send it as `after` for the next page; null on the last page'),
  });
}
