import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AnyLocationId, Sku } from '../../catalog/index.js';
import { AsOfQuery, LowStockQuery } from '../../ledger/index.js';
import { IdParams, NetworkStock, SkuParams, StockRow } from '../schemas.js';
import type { Services } from '../services.js';

export async function stockRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { stock, ledger, catalog } = services;
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
    async (request) => stock.row(request.query.sku, request.query.location),
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
        summary: 'Rows whose available stock is at or below a threshold',
        querystring: LowStockQuery,
        response: { 200: z.object({ items: z.array(StockRow) }) },
      },
    },
    async (request) => ({ items: await stock.low(request.query) }),
  );
  routes.get(
    '/stock/negative',
    {
      config: read,
      schema: {
        tags,
        summary: 'Rows below zero, or with more reserved than on hand',
        response: { 200: z.object({ items: z.array(StockRow) }) },
      },
    },
    async () => ({ items: await stock.negative() }),
  );
  routes.get(
    '/locations/:id/stock',
    {
      config: read,
      schema: {
        tags,
        summary: 'Every SKU at one location',
        params: IdParams,
        response: { 200: z.object({ items: z.array(StockRow) }) },
      },
    },
    async (request) => {
      await catalog.getLocation(request.params.id);
      return { items: await stock.atLocation(request.params.id) };
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
      return stock.acrossNetwork(request.params.sku);
    },
  );
}
