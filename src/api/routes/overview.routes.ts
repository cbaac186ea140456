import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { NetworkOverview, OverviewQuery } from '../../overview/index.js';
import type { Services } from '../services.js';

export async function overviewRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get(
    '/overview',
    {
      config: { access: 'read', errors: ['not_found'] },
      schema: {
        tags: ['stock'],
        summary: 'The network at a glance: stock, value, shortages, cover and late documents',
        description:
          'Per network, region and location in one call: units on hand, reserved, available, in transit, on order and ' +
          'quarantined (disjoint buckets, as `GET /products/{sku}/stock` counts them); their value at cost and at price; ' +
          'how many SKUs are carried and out of stock; days of supply at the latest forecast rate; open purchase orders ' +
          'and transfers past their dates. Regions sum their locations; the network sums its regions. Any token may ' +
          'read it; a `region` no location is in is answered `not_found`.',
        querystring: OverviewQuery,
        response: { 200: NetworkOverview },
      },
    },
    async (request) => services.overview.read(request.query),
  );
}
