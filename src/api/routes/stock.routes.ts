import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AnyLocationId, PageLimit, Sku } from '../../catalog/index.js';
import { AsOfQuery, LowStockQuery, NamedStockRow, NetworkStock, StockPageQuery, StockRow } from '../../ledger/index.js';
import { IdParams, page, SkuParams } from '../schemas.js';
import type { Services } from '../services.js';
import { blindCounting } from '../blind-counting.js';

export async function stockRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { stock, ledger, catalog } = services;
  const blind = blindCounting(services);
  const read = { access: 'read' as const };
  const tags = ['stock'];
  const blindRead =
    'Any token may read it, except that whoever is counting the SKU in an open count is refused until the count is submitted.';
  const blindList = 'Any token may read it; the SKUs the caller is counting in an open count are left out.';

  routes.get(
    '/stock',
    {
      config: { ...read, errors: ['unknown_sku', 'unknown_location'] },
      schema: {
        tags,
        summary: 'Stock of one SKU at one location',
        description:
          'On hand, reserved and available at the location, what its quarantine holds, and what is on its way in ' +
          '(in transit, on order) and out. At a transit or a quarantine, nothing is available. ' +
          blindRead,
        querystring: z.strictObject({ sku: Sku, location: AnyLocationId }),
        response: { 200: StockRow },
      },
    },
    async (request) => {
      await blind.refuseCounted(request, request.query.sku);
      return stock.row(request.query.sku, request.query.location);
    },
  );
  routes.get(
    '/stock/as-of',
    {
      config: { ...read, errors: ['unknown_sku', 'unknown_location'] },
      schema: {
        tags,
        summary: 'On-hand stock of a SKU at a location at a past time, folded from the ledger',
        description:
          'Sums every movement into and out of the location that occurred at or before `at`, backdated ones ' +
          'included, so it answers for any moment, also before the last correction. ' +
          blindRead,
        querystring: AsOfQuery,
        response: {
          200: z.object({
            sku: z.string().describe('The product'),
            locationId: z.string().describe('The location'),
            at: z.string().describe('The moment asked about (ISO-8601, UTC)'),
            onHand: z.number().int().describe('Units on hand at that moment'),
          }),
        },
      },
    },
    async (request) => {
      const { sku, location, at } = request.query;
      await blind.refuseCounted(request, sku);
      const onHand = await ledger.onHandAt({ sku, location, at });
      return { sku, locationId: location, at: new Date(at).toISOString(), onHand };
    },
  );
  routes.get(
    '/stock/low',
    {
      config: { ...read, errors: ['unknown_location'] },
      schema: {
        tags,
        summary: 'Shortages: where available stock is at or below a threshold',
        description:
          'Each SKU at each real location whose available stock (on hand less reserved) is at or below `threshold`, ' +
          'with its product, location and region names, in location then SKU order, a page at a time. Rows carry ' +
          'on hand, reserved and available; their other figures are 0 here (read `GET /stock` for them). ' +
          blindList,
        querystring: LowStockQuery,
        response: { 200: page(NamedStockRow) },
      },
    },
    async (request) => {
      const page = await stock.low(request.query);
      return { ...page, items: await blind.withoutCounted(request, page.items) };
    },
  );
  routes.get(
    '/stock/negative',
    {
      config: read,
      schema: {
        tags,
        summary: 'Rows below zero, or with more reserved than on hand',
        description:
          'Each SKU at each real location whose on-hand stock is below zero (where negative stock is allowed) or ' +
          'whose reservations exceed what is on hand, with names, in location then SKU order, a page at a time. ' +
          'Rows carry on hand, reserved and available; their other figures are 0 here. ' +
          blindList,
        querystring: StockPageQuery,
        response: { 200: page(NamedStockRow) },
      },
    },
    async (request) => {
      const page = await stock.negative(request.query);
      return { ...page, items: await blind.withoutCounted(request, page.items) };
    },
  );
  routes.get(
    '/locations/:id/stock',
    {
      config: { ...read, errors: ['unknown_location'] },
      schema: {
        tags,
        summary: 'Every SKU at one location',
        description:
          'A stock row for each SKU the location holds or has on its way to it, in SKU order, a page at a time. ' +
          blindList,
        params: IdParams,
        querystring: z.strictObject({
          after: Sku.optional().describe("The previous page's nextCursor"),
          limit: PageLimit,
        }),
        response: { 200: page(StockRow) },
      },
    },
    async (request) => {
      await catalog.getLocation(request.params.id);
      const page = await stock.atLocation(request.params.id, request.query);
      return { ...page, items: await blind.withoutCounted(request, page.items) };
    },
  );
  routes.get(
    '/products/:sku/stock',
    {
      config: { ...read, errors: ['unknown_sku'] },
      schema: {
        tags,
        summary: 'One SKU across the network, with totals per region and for the network',
        description:
          'A stock row for each real location that holds, held or expects the SKU, and totals per region and for ' +
          'the network in disjoint buckets (on hand, in transit, on order, quarantined: every unit once). ' +
          blindRead,
        params: SkuParams,
        response: { 200: NetworkStock },
      },
    },
    async (request) => {
      await catalog.getProduct(request.params.sku);
      await blind.refuseCounted(request, request.params.sku);
      return stock.acrossNetwork(request.params.sku);
    },
  );
}
