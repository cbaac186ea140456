import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  NewSupplier,
  SupplierChanges,
  SupplierFilter,
  SupplierItemFilter,
  Sku,
  Supplier,
  SupplierId,
  SupplierItem,
  SupplierItemTerms,
} from '../../catalog/index.js';
import { page } from '../schemas.js';
import type { Services } from '../services.js';

/** Path names checked as the catalog checks them, so a malformed one is said to be in the path. */
const SupplierParams = z.object({ id: SupplierId.describe('The supplier the path names') });
const SupplierSkuParams = SupplierParams.extend({ sku: Sku.describe('The product the path names') });

export async function suppliersRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { suppliers } = services;
  const read = { access: 'read' as const };
  const admin = { access: 'admin' as const };
  const tags = ['suppliers'];

  routes.post(
    '/suppliers',
    {
      config: { ...admin, errors: ['already_exists'] },
      schema: {
        tags,
        summary: 'Create a supplier',
        description:
          'Adds a supplier with its lead time and order terms. Needs an admin token without location limits. The id cannot be changed later; an id in use is answered 409 `already_exists`.',
        body: NewSupplier,
        response: { 201: Supplier },
      },
    },
    async (request, reply) => reply.code(201).send(await suppliers.create(request.body)),
  );
  routes.get(
    '/suppliers',
    {
      config: read,
      schema: {
        tags,
        summary: 'List suppliers',
        description: 'The suppliers by id, a page at a time. Any token may read them.',
        querystring: SupplierFilter,
        response: { 200: page(Supplier) },
      },
    },
    async (request) => suppliers.list(request.query),
  );
  routes.get(
    '/suppliers/:id',
    {
      config: { ...read, errors: ['unknown_supplier'] },
      schema: {
        tags,
        summary: 'Read a supplier',
        description: 'One supplier by id. Any token may read it.',
        params: SupplierParams,
        response: { 200: Supplier },
      },
    },
    async (request) => suppliers.get(request.params.id),
  );
  routes.patch(
    '/suppliers/:id',
    {
      config: { ...admin, errors: ['unknown_supplier'] },
      schema: {
        tags,
        summary: 'Change a supplier (lead time, order rules …)',
        description:
          'Changes the fields sent and keeps the others; the id stays. Needs an admin token without location limits. A new lead time applies to purchase orders submitted afterwards.',
        params: SupplierParams,
        body: SupplierChanges,
        response: { 200: Supplier },
      },
    },
    async (request) => suppliers.update(request.params.id, request.body),
  );
  routes.get(
    '/suppliers/:id/items',
    {
      config: { ...read, errors: ['unknown_supplier'] },
      schema: {
        tags,
        summary: 'The products a supplier supplies, by SKU',
        description:
          "The supplier's terms for each product it supplies (its own SKU, cost and lead time), by SKU, a page at a time: `after` is the last SKU of the previous page. Any token may read them.",
        params: SupplierParams,
        querystring: SupplierItemFilter,
        response: { 200: page(SupplierItem) },
      },
    },
    async (request) => suppliers.listItems(request.params.id, request.query),
  );
  routes.put(
    '/suppliers/:id/items/:sku',
    {
      config: { ...admin, errors: ['unknown_supplier', 'unknown_sku'] },
      schema: {
        tags,
        summary: 'Record the terms on which a supplier supplies a product',
        description:
          "Records the supplier's terms for a product, or replaces them whole: a field left out becomes null, and the supplier's lead time or the product's cost then applies. Needs an admin token without location limits. The supplier and the product must exist.",
        params: SupplierSkuParams,
        body: SupplierItemTerms,
        response: { 200: SupplierItem },
      },
    },
    async (request) => suppliers.putItem(request.params.id, request.params.sku, request.body),
  );
}
