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
import { EVENT_TYPES } from '../events/index.js';
import { HEADERS_LISTED } from '../exchange/index.js';
import { identifier } from '../input/index.js';
import { MOVEMENT_KINDS, RESERVATION_STATUSES } from '../ledger/index.js';
import { ROLES } from '../security/index.js';

/**
 * The shapes the API answers with, and the path parameters routes share. Request bodies and queries
 * are the domain's own input schemas.
 */

/**
 * The key in a route's path. A malformed one (a control character, a space at either end, too long)
 * is answered 400 before anything is looked up, the same on both databases; an unknown one 404.
 */
export const IdParams = z.object({ id: identifier() });
export const SkuParams = z.object({ sku: identifier() });
export const IdSkuParams = z.object({ id: identifier(), sku: identifier() });

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    instance: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string(), in: z.string().optional() })).optional(),
  })
  .catchall(z.unknown())
  .meta({ id: 'Problem', description: 'RFC 9457 problem details; `code` is stable, `detail` is for people.' });

export const Location = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(LOCATION_KINDS),
    region: z.string().nullable(),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
    status: z.enum(LOCATION_STATUSES),
    parentId: z.string().nullable(),
    allowNegativeStock: z.boolean(),
    shipsOnline: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Location' });

export const Product = z
  .object({
    sku: z.string(),
    name: z.string(),
    category: z.string().nullable(),
    unit: z.enum(PRODUCT_UNITS),
    unitCost: z.number(),
    price: z.number(),
    weightKg: z.number(),
    gtin: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Product' });

export const Supplier = z
  .object({
    id: z.string(),
    name: z.string(),
    leadTimeDays: z.number(),
    leadTimeSdDays: z.number(),
    minOrderQuantity: z.number().int(),
    packSize: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Supplier' });

export const SupplierItem = z
  .object({
    supplierId: z.string(),
    sku: z.string(),
    supplierSku: z.string().nullable(),
    unitCost: z.number().nullable(),
    leadTimeDays: z.number().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'SupplierItem' });

export const ImportReport = z
  .object({
    dataset: z.string(),
    rows: z.number().int(),
    badRows: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    errors: z.array(z.object({ line: z.number().int(), column: z.string().nullable(), reason: z.string() })),
    errorCount: z.number().int(),
    unusedHeaders: z
      .array(z.string())
      .describe(
        `the first ${HEADERS_LISTED} headers no column uses, each cut short; unusedHeaderCount counts them all`,
      ),
    unusedHeaderCount: z.number().int(),
    dryRun: z.boolean(),
    applied: z.boolean(),
  })
  .meta({ id: 'ImportReport' });

export const PurchaseOrder = z
  .object({
    id: z.string(),
    supplierId: z.string(),
    locationId: z.string(),
    status: z.enum(PURCHASE_ORDER_STATUSES),
    reference: z.string().nullable(),
    expectedAt: z.string().nullable(),
    overdue: z.boolean().describe('Still expected (submitted or partly received) and past expectedAt'),
    createdBy: z.string(),
    createdAt: z.string(),
    submittedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    updatedAt: z.string(),
    lines: z.array(
      z.object({
        sku: z.string(),
        ordered: z.number().int(),
        received: z.number().int(),
        damaged: z.number().int(),
        open: z
          .number()
          .int()
          .describe('Still expected: ordered less received; 0 once the order is closed or cancelled'),
        short: z
          .number()
          .int()
          .describe('What will not come: on an order closed or cancelled, ordered less received; otherwise 0'),
        unitCost: z.number().nullable(),
      }),
    ),
    receipts: z.array(
      z.object({
        id: z.string(),
        postingId: z.string().nullable(),
        receivedAt: z.string(),
        receivedBy: z.string(),
        leadTimeDays: z.number(),
        onTime: z.boolean(),
      }),
    ),
    discrepancies: z.array(
      z.object({
        receiptId: z.string().nullable(),
        sku: z.string(),
        kind: z.enum(DISCREPANCY_KINDS),
        quantity: z.number().int(),
        reason: z.string(),
      }),
    ),
  })
  .meta({ id: 'PurchaseOrder' });

export const SupplierPerformance = z
  .object({
    supplierId: z.string(),
    orders: z.number().int(),
    receipts: z.number().int(),
    onTimeRate: z.number().nullable(),
    fillRate: z.number().nullable(),
    leadTimeDays: z.object({ mean: z.number(), sd: z.number() }).nullable(),
  })
  .meta({ id: 'SupplierPerformance' });

export const TransferOrder = z
  .object({
    id: z.string(),
    fromId: z.string(),
    toId: z.string(),
    status: z.enum(TRANSFER_ORDER_STATUSES),
    reference: z.string().nullable(),
    expectedAt: z.string().nullable().describe('When the goods are due at the destination'),
    overdue: z.boolean().describe('Goods still in transit past expectedAt'),
    createdBy: z.string(),
    createdAt: z.string(),
    shippedAt: z.string().nullable(),
    completedAt: z.string().nullable(),
    updatedAt: z.string(),
    lines: z.array(
      z.object({
        sku: z.string(),
        quantity: z.number().int(),
        received: z.number().int(),
        shortfall: z.number().int(),
        inTransit: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'TransferOrder' });

export const CountSession = z
  .object({
    id: z.string(),
    locationId: z.string(),
    status: z.enum(COUNT_STATUSES),
    scope: z.unknown(),
    thresholdUnits: z.number().int(),
    thresholdValue: z.number(),
    createdBy: z.string(),
    createdAt: z.string(),
    submittedAt: z.string().nullable(),
    approvedBy: z.string().nullable(),
    closedAt: z.string().nullable(),
    lines: z.array(
      z.object({
        sku: z.string(),
        countedQuantity: z.number().int().nullable(),
        countedAt: z.string().nullable(),
        countedBy: z.string().nullable(),
        systemQuantity: z.number().int().nullable(),
        variance: z.number().int().nullable(),
        varianceValue: z.number().nullable(),
        state: z.enum(COUNT_LINE_STATES),
      }),
    ),
  })
  .meta({ id: 'CountSession' });

export const CountAccuracy = z
  .object({
    locationId: z.string(),
    sessions: z.number().int(),
    linesCounted: z.number().int(),
    accuracy: z.number().nullable(),
    absoluteVarianceUnits: z.number().int(),
    absoluteVarianceValue: z.number(),
  })
  .meta({ id: 'CountAccuracy' });

export const CustomerReturn = z
  .object({
    id: z.string(),
    locationId: z.string(),
    status: z.enum(RETURN_STATUSES),
    reason: z.enum(RETURN_REASONS),
    note: z.string().nullable(),
    reference: z.string().nullable(),
    createdBy: z.string(),
    receivedAt: z.string(),
    closedAt: z.string().nullable(),
    lines: z.array(
      z.object({
        sku: z.string(),
        quantity: z.number().int(),
        disposition: z.enum(RETURN_DISPOSITIONS),
        supplierId: z.string().nullable(),
        purchaseOrderId: z.string().nullable(),
        outcome: z.enum(INSPECTION_OUTCOMES).nullable(),
        resolvedAt: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'Return' });

export const ReturnSummaryRow = z
  .object({
    locationId: z.string(),
    sku: z.string(),
    reason: z.enum(RETURN_REASONS),
    quantity: z.number().int(),
    restocked: z.number().int(),
    quarantined: z.number().int(),
    scrapped: z.number().int(),
    returnedToVendor: z.number().int(),
  })
  .meta({ id: 'ReturnSummaryRow' });

export const ForecastRun = z
  .object({
    id: z.string(),
    startedAt: z.string(),
    finishedAt: z.string(),
    horizon: z.number().int(),
    season: z.number().int(),
    historyUntil: z.string(),
    series: z.number().int(),
    methods: z.record(z.string(), z.number().int()),
    createdBy: z.string(),
  })
  .meta({ id: 'ForecastRun' });

const forecastFields = {
  runId: z.string(),
  sku: z.string(),
  locationId: z.string(),
  from: z.string(),
  method: z.enum(METHOD_NAMES),
  params: z.record(z.string(), z.number()),
  mean: z.array(z.number()),
  sigma: z.number(),
  intermittent: z.boolean(),
  quantiles: z.array(z.object({ level: z.number(), value: z.number() })).nullable(),
  rmsse: z.number().nullable(),
  scores: z.array(z.object({ method: z.enum(METHOD_NAMES), rmsse: z.number() })),
  notes: z.array(z.string()),
};
export const Forecast = z.object(forecastFields).meta({ id: 'Forecast' });
const aggregate = { mean: z.array(z.number()), sigma: z.number(), series: z.number().int() };
export const SkuForecast = z
  .object({
    sku: z.string(),
    runId: z.string(),
    from: z.string(),
    locations: z.array(z.object({ ...forecastFields, region: z.string().nullable() })),
    regions: z.array(z.object({ ...aggregate, region: z.string().nullable() })),
    network: z.object(aggregate),
  })
  .meta({ id: 'SkuForecast' });
const accuracyRow = { series: z.number().int(), meanRmsse: z.number().nullable() };
export const ForecastAccuracy = z
  .object({
    runId: z.string(),
    byMethod: z.array(z.object({ method: z.enum(METHOD_NAMES), ...accuracyRow })),
    byCategory: z.array(z.object({ category: z.string().nullable(), ...accuracyRow })),
    byRegion: z.array(z.object({ region: z.string().nullable(), ...accuracyRow })),
  })
  .meta({ id: 'ForecastAccuracy' });

export const SourcingPlan = z
  .object({
    shipments: z.array(
      z.object({
        locationId: z.string(),
        distanceKm: z.number(),
        weightKg: z.number(),
        cost: z.number(),
        lines: z.array(z.object({ sku: z.string(), quantity: z.number().int() })),
      }),
    ),
    short: z.array(z.object({ sku: z.string(), quantity: z.number().int() })),
    cost: z.number(),
    optimal: z.boolean(),
    method: z.enum(['heuristic', 'exact']),
    excluded: z.array(
      z.object({
        locationId: z.string(),
        reason: z.enum(['disrupted', 'closed', 'no_online_shipping', 'no_coordinates', 'no_stock']),
      }),
    ),
    alternatives: z.array(
      z.object({
        locationId: z.string(),
        distanceKm: z.number(),
        covers: z.number().int(),
        aloneCost: z.number().nullable(),
      }),
    ),
  })
  .meta({ id: 'SourcingPlan' });

export const Order = z
  .object({
    id: z.string(),
    channel: z.enum(ORDER_CHANNELS),
    status: z.enum(ORDER_STATUSES),
    destination: z.object({ latitude: z.number(), longitude: z.number() }).nullable(),
    pickupLocationId: z.string().nullable(),
    reference: z.string().nullable(),
    lines: z.array(z.object({ sku: z.string(), quantity: z.number().int() })),
    allocations: z.array(
      z.object({ sku: z.string(), locationId: z.string(), quantity: z.number().int(), reservationId: z.string() }),
    ),
    plan: SourcingPlan,
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Order' });

const units = (description: string) => z.number().int().describe(description);
const stockFields = {
  sku: z.string(),
  locationId: z.string(),
  onHand: units('On the premises (at a transit or a quarantine: what it holds)'),
  reserved: units('Promised to orders, not yet shipped'),
  available: units('On hand less reserved; always 0 at a transit or a quarantine'),
  quarantined: units("Returned units in this location's quarantine, awaiting inspection: held, never available"),
  inTransit: units('On transfers on their way to this location'),
  onOrder: units('On open purchase orders to this location'),
  inbound: units('In transit and on order'),
  outbound: units('Shipped from this location, not yet received'),
};
export const StockRow = z.object(stockFields).meta({ id: 'StockRow' });
export const NamedStockRow = z
  .object({
    ...stockFields,
    productName: z.string().describe("The product's name"),
    locationName: z.string().describe("The location's name"),
    region: z.string().nullable().describe("The location's region, if any"),
  })
  .meta({ id: 'NamedStockRow' });

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
    sku: z.string(),
    locations: z.array(z.object({ ...stockFields, region: z.string().nullable(), status: z.enum(LOCATION_STATUSES) })),
    regions: z.array(z.object({ ...totals, region: z.string().nullable() })),
    network: z.object(totals),
  })
  .meta({ id: 'NetworkStock' });

export const Movement = z
  .object({
    id: z.string(),
    postingId: z.string(),
    line: z.number().int(),
    sku: z.string(),
    fromLocationId: z.string(),
    toLocationId: z.string(),
    quantity: z.number().int(),
    kind: z.enum(MOVEMENT_KINDS),
    reason: z.string().nullable(),
    reference: z.string().nullable(),
    actor: z.string(),
    occurredAt: z.string(),
    recordedAt: z.string(),
  })
  .meta({ id: 'Movement' });

export const Posting = z.object({ postingId: z.string(), movements: z.array(Movement) }).meta({ id: 'Posting' });

export const Reservation = z
  .object({
    id: z.string(),
    sku: z.string(),
    locationId: z.string(),
    quantity: z.number().int(),
    status: z.enum(RESERVATION_STATUSES),
    reference: z.string().nullable(),
    actor: z.string(),
    expiresAt: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    postingId: z.string().nullable(),
  })
  .meta({ id: 'Reservation' });

export const Token = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    locations: z.array(z.string()).nullable(),
    createdAt: z.string(),
    createdBy: z.string(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'Token' });

export const AuditEntry = z
  .object({
    id: z.string(),
    actor: z.string(),
    action: z.string(),
    target: z.string().nullable(),
    status: z.number().int(),
    idempotencyKey: z.string().nullable(),
    at: z.string(),
  })
  .meta({ id: 'AuditEntry' });

export const Webhook = z
  .object({
    id: z.string(),
    url: z.string(),
    eventTypes: z.array(z.enum(EVENT_TYPES)),
    createdAt: z.string(),
    createdBy: z.string(),
  })
  .meta({ id: 'Webhook' });

export const WebhookDelivery = z
  .object({
    id: z.string(),
    webhookId: z.string(),
    eventId: z.string(),
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.number().int(),
    nextAttemptAt: z.string(),
    lastAttemptAt: z.string().nullable(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
  })
  .meta({ id: 'WebhookDelivery' });

/** A page of a list, with the cursor for the next one. */
export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
