import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  LocationChanges,
  LocationFilter,
  NewLocation,
  NewProduct,
  ProductChanges,
  ProductFilter,
} from '../../catalog/index.js';
import { authorize } from '../../security/index.js';
import { caller } from '../auth.js';
import { IdParams, Location, page, Product, SkuParams } from '../schemas.js';
import type { Services } from '../services.js';

export async function catalogRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { catalog } = services;
  const read = { access: 'read' as const };
  const admin = { access: 'admin' as const };

  routes.post(
    '/locations',
    {
      config: admin,
      schema: { tags: ['locations'], summary: 'Create a location', body: NewLocation, response: { 201: Location } },
    },
    async (request, reply) => reply.code(201).send(await catalog.createLocation(request.body)),
  );
  routes.get(
    '/locations',
    {
      config: read,
      schema: {
        tags: ['locations'],
        summary: 'List locations',
        querystring: LocationFilter,
        response: { 200: page(Location) },
      },
    },
    async (request) => catalog.listLocations(request.query),
  );
  routes.get(
    '/locations/:id',
    {
      config: read,
      schema: {
        tags: ['locations'],
        summary: 'Read a location',
        params: IdParams,
        response: { 200: Location },
      },
    },
    async (request) => catalog.getLocation(request.params.id),
  );
  // One location's settings (its status, parent, negative stock) are its own admin's business: an
  // admin limited to store-7 may mark store-7 disrupted, never close another store.
  routes.patch(
    '/locations/:id',
    {
      config: { access: 'admin', network: false },
      schema: {
        tags: ['locations'],
        summary: 'Change a location (status, parent, negative stock …)',
        params: IdParams,
        body: LocationChanges,
        response: { 200: Location },
      },
    },
    async (request) => {
      authorize(caller(request), 'admin', [request.params.id]);
      return catalog.updateLocation(request.params.id, request.body);
    },
  );

  routes.post(
    '/products',
    {
      config: admin,
      schema: { tags: ['products'], summary: 'Create a product', body: NewProduct, response: { 201: Product } },
    },
    async (request, reply) => reply.code(201).send(await catalog.createProduct(request.body)),
  );
  routes.get(
    '/products',
    {
      config: read,
      schema: {
        tags: ['products'],
        summary: 'List products',
        querystring: ProductFilter,
        response: { 200: page(Product) },
      },
    },
    async (request) => catalog.listProducts(request.query),
  );
  routes.get(
    '/products/:sku',
    {
      config: read,
      schema: {
        tags: ['products'],
        summary: 'Read a product',
        params: SkuParams,
        response: { 200: Product },
      },
    },
    async (request) => catalog.getProduct(request.params.sku),
  );
  routes.patch(
    '/products/:sku',
    {
      config: admin,
      schema: {
        tags: ['products'],
        summary: 'Change a product',
        params: SkuParams,
        body: ProductChanges,
        response: { 200: Product },
      },
    },
    async (request) => catalog.updateProduct(request.params.sku, request.body),
  );
}
