import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AnyLocationId, PageLimit, Sku } from '../../catalog/index.js';
import { AsOfQuery, LowStockQuery, StockPageQuery } from '../../ledger/index.js';
import { IdParams, NamedStockRow, NetworkStock, page, SkuParams, StockRow } from '../schemas.js';
import type { Services } from '../services.js';
import { blindCounting } from '../blind-counting.js';

export async function stockRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { stock, ledger, catalog } = services;
  const blind = blindCounting(services);
  const read = { access: 'read' as const };
  const tags = ['stock'];

  routes.get(
    '/stock',
    {
      config: read,
      schema: {
        tags,
        summary: 'Stock of one SKU at one location',
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
      config: read,
      schema: {
        tags,
        summary: 'On-hand stock of a SKU at a location at a past time, folded from the ledger',
        querystring: AsOfQuery,
        response: {
          200: z.object({ sku: z.string(), locationId: z.string(), at: z.string(), onHand: z.number().int() }),
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
      config: read,
      schema: {
        tags,
        summary: 'Shortages: where available stock is at or below a threshold',
        description:
          'Each SKU at each real location whose available stock (on hand less reserved) is at or below `threshold`, ' +
          'with its product, location and region names, in location then SKU order, a page at a time.',
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
      config: read,
      schema: {
        tags,
        summary: 'Every SKU at one location',
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
      config: read,
      schema: {
        tags,
        summary: 'One SKU across the network, with totals per region and for the network',
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
