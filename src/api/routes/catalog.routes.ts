import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Location,
  LocationChanges,
  LocationFilter,
  NewLocation,
  NewProduct,
  Product,
  ProductChanges,
  ProductFilter,
  Sku,
} from '../../catalog/index.js';
import { authorize } from '../../security/index.js';
import { caller } from '../auth.js';
import { IdParams, page } from '../schemas.js';
import type { Services } from '../services.js';

/** A SKU in the path checked as the catalog checks it, so a malformed one is said to be in the path. */
const ProductParams = z.object({ sku: Sku.describe('The product the path names') });

export async function catalogRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { catalog } = services;
  const read = { access: 'read' as const };
  const admin = { access: 'admin' as const };

  routes.post(
    '/locations',
    {
      config: { ...admin, errors: ['already_exists', 'unknown_location'] },
      schema: {
        tags: ['locations'],
        summary: 'Create a location',
        description:
          'Adds a distribution centre, warehouse or store to the network. Needs an admin token without location limits. The id cannot be changed later, and a parent must be another existing real location (404 `unknown_location` if not); an id in use is answered 409 `already_exists`.',
        body: NewLocation,
        response: { 201: Location },
      },
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
        description:
          "The network's real locations by id, a page at a time, optionally only those of a kind, region or status. Virtual locations (supplier, customer, transit …) are left out. Any token may read them.",
        querystring: LocationFilter,
        response: { 200: page(Location) },
      },
    },
    async (request) => catalog.listLocations(request.query),
  );
  routes.get(
    '/locations/:id',
    {
      config: { ...read, errors: ['unknown_location'] },
      schema: {
        tags: ['locations'],
        summary: 'Read a location',
        description:
          'One location by id, real or virtual (`supplier`, `transit:T-1`, `quarantine:store-1` …). Any token may read it.',
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
      config: { access: 'admin', network: false, errors: ['unknown_location', 'invalid_movement'] },
      schema: {
        tags: ['locations'],
        summary: 'Change a location (status, parent, negative stock …)',
        description:
          'Changes the fields sent and keeps the others; latitude and longitude stay a pair. Needs an admin token, and an admin limited to locations may change only its own. A change of status (to `disrupted`, say) sends a `location.status_changed` event. Virtual locations cannot be changed (422 `invalid_movement`), and a parent must be another existing real location.',
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
      config: { ...admin, errors: ['already_exists'] },
      schema: {
        tags: ['products'],
        summary: 'Create a product',
        description:
          'Adds a product to the catalog. Needs an admin token without location limits. The SKU cannot be changed later; a SKU in use, or a GTIN another product has, is answered 409 `already_exists`.',
        body: NewProduct,
        response: { 201: Product },
      },
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
        description:
          "The catalog's products by SKU, a page at a time, optionally only those of a category. Any token may read them.",
        querystring: ProductFilter,
        response: { 200: page(Product) },
      },
    },
    async (request) => catalog.listProducts(request.query),
  );
  routes.get(
    '/products/:sku',
    {
      config: { ...read, errors: ['unknown_sku'] },
      schema: {
        tags: ['products'],
        summary: 'Read a product',
        description: 'One product by SKU. Any token may read it.',
        params: ProductParams,
        response: { 200: Product },
      },
    },
    async (request) => catalog.getProduct(request.params.sku),
  );
  routes.patch(
    '/products/:sku',
    {
      config: { ...admin, errors: ['unknown_sku', 'already_exists'] },
      schema: {
        tags: ['products'],
        summary: 'Change a product',
        description:
          'Changes the fields sent and keeps the others; the SKU stays. Needs an admin token without location limits. A GTIN another product has is answered 409 `already_exists`. A new `unit` converts no quantity already recorded.',
        params: ProductParams,
        body: ProductChanges,
        response: { 200: Product },
      },
    },
    async (request) => catalog.updateProduct(request.params.sku, request.body),
  );
}
