import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  NewSupplier,
  SupplierChanges,
  SupplierFilter,
  SupplierItemFilter,
  SupplierItemTerms,
} from '../../catalog/index.js';
import { IdParams, IdSkuParams, page, Supplier, SupplierItem } from '../schemas.js';
import type { Services } from '../services.js';

export async function suppliersRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { suppliers } = services;
  const read = { access: 'read' as const };
  const admin = { access: 'admin' as const };
  const tags = ['suppliers'];

  routes.post(
    '/suppliers',
    { config: admin, schema: { tags, summary: 'Create a supplier', body: NewSupplier, response: { 201: Supplier } } },
    async (request, reply) => reply.code(201).send(await suppliers.create(request.body)),
  );
  routes.get(
    '/suppliers',
    {
      config: read,
      schema: { tags, summary: 'List suppliers', querystring: SupplierFilter, response: { 200: page(Supplier) } },
    },
    async (request) => suppliers.list(request.query),
  );
  routes.get(
    '/suppliers/:id',
    { config: read, schema: { tags, summary: 'Read a supplier', params: IdParams, response: { 200: Supplier } } },
    async (request) => suppliers.get(request.params.id),
  );
  routes.patch(
    '/suppliers/:id',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Change a supplier (lead time, order rules …)',
        params: IdParams,
        body: SupplierChanges,
        response: { 200: Supplier },
      },
    },
    async (request) => suppliers.update(request.params.id, request.body),
  );
  routes.get(
    '/suppliers/:id/items',
    {
      config: read,
      schema: {
        tags,
        summary: 'The products a supplier supplies, by SKU',
        params: IdParams,
        querystring: SupplierItemFilter,
        response: { 200: page(SupplierItem) },
      },
    },
    async (request) => suppliers.listItems(request.params.id, request.query),
  );
  routes.put(
    '/suppliers/:id/items/:sku',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Record the terms on which a supplier supplies a product',
        params: IdSkuParams,
        body: SupplierItemTerms,
        response: { 200: SupplierItem },
      },
    },
    async (request) => suppliers.putItem(request.params.id, request.params.sku, request.body),
  );
}
