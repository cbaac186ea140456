import { Transform } from 'node:stream';
import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError, validationFailed } from '../../errors/index.js';
import { DATASET_NAMES, ImportReport, limitBytes } from '../../exchange/index.js';
import { excerpt, instant, singleLine } from '../../input/index.js';
import { caller } from '../auth.js';
import type { Services } from '../services.js';

/** Uploads larger than this are refused: import bigger files with the CLI, next to the database. */
export const IMPORT_LIMIT_BYTES = 512 * 2 ** 20;

const flag = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === 'true' || v === '1');

/** `column=Header`: a header may hold spaces and any visible character, on one line. */
const MapPair = singleLine(400);

const ImportQuery = z.strictObject({
  dryRun: flag.describe('`true` or `1`: check the file and report what would change, changing nothing'),
  skipErrors: flag.describe(
    '`true` or `1`: import the good rows and report the bad ones, instead of importing nothing when a row is bad',
  ),
  map: z
    .union([MapPair, z.array(MapPair).max(50)])
    .optional()
    .describe(
      "`column=Header`, repeatable up to 50 times: the file's header that holds a column, where it is not the column's own name",
    ),
});

function mappingFrom(map: string | string[] | undefined): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const pair of map === undefined ? [] : [map].flat()) {
    const at = pair.indexOf('=');
    if (at <= 0 || at === pair.length - 1)
      throw validationFailed([{ path: 'map', message: `use column=Header, not '${excerpt(pair)}'` }]);
    mapping[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return mapping;
}

export async function exchangeRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { exchange } = services;
  const tags = ['import and export'];
  const params = z.object({
    dataset: z
      .enum(DATASET_NAMES)
      .describe(
        'What the file holds: `locations`, `products`, `suppliers`, `supplier-items` (their terms per product), `stock` (on-hand per location and SKU), `movements` (the ledger), `sales-history`, `promotions` (the promotions calendar), `forecasts` (export only: the latest forecast run, a row per location, SKU and day with mean demand and quantiles p10 … p99; its import is refused), or `policies` (export only: the latest plan’s reorder point, order-up-to level and safety stock per location, SKU and period)',
      ),
  });

  // The file arrives as a stream and is read as one, never held in memory.
  app.addContentTypeParser(['text/csv', 'text/plain', 'application/octet-stream'], (_request, payload, done) =>
    done(null, payload),
  );

  routes.post(
    '/imports/:dataset',
    {
      // The file checked clean; a write that meets changed stock stops the import with that write's code.
      config: {
        access: 'admin',
        errors: [
          'illegal_transition',
          'insufficient_stock',
          'invalid_movement',
          'held_by_document',
          'location_unavailable',
          'period_locked',
          'unknown_location',
          'unknown_sku',
        ],
      },
      schema: {
        tags,
        summary: 'Import a CSV file (body: text/csv, with a header line)',
        description:
          'Checks the whole file first: a file with errors imports nothing (unless skipErrors) and is answered 400 with every bad row (line, column, reason), and dryRun reports what would change. Importing the same file again changes nothing. If the data changes while a clean file is written (another user sells the stock, say), the import stops with that conflict and keeps the rows before it; importing the file again goes on from there. Needs an admin token without location limits.',
        params,
        querystring: ImportQuery,
        consumes: ['text/csv'],
        response: { 200: ImportReport },
      },
    },
    async (request) => {
      const body = request.body as Readable | undefined;
      if (!body || typeof (body as Readable).pipe !== 'function') {
        throw new DomainError('validation_failed', 'Send the CSV file as the body, with Content-Type: text/csv', {
          issues: [{ path: '', message: 'expected a text/csv body' }],
        });
      }
      const mapping = mappingFrom(request.query.map);
      const report = await exchange.import(request.params.dataset, body.pipe(limitBytes(IMPORT_LIMIT_BYTES)), {
        mapping,
        dryRun: request.query.dryRun,
        skipErrors: request.query.skipErrors,
        actor: caller(request).name,
      });
      if (!report.applied && !report.dryRun) {
        throw new DomainError(
          'validation_failed',
          `The file has ${report.errorCount} error${report.errorCount === 1 ? '' : 's'}; nothing was imported. Fix the rows, or import with skipErrors=true.`,
          {
            issues: report.errors.map((e) => ({
              path: e.column ? `line ${e.line}.${e.column}` : `line ${e.line}`,
              message: e.reason,
            })),
            report,
          },
        );
      }
      return report;
    },
  );

  routes.get(
    '/exports/:dataset',
    {
      config: { access: 'read', errors: ['not_found'] },
      schema: {
        tags,
        summary: 'Export a dataset as CSV, in the format the import reads',
        description:
          'Streams the dataset as a CSV file with a header line, which the import reads back (`forecasts` and `policies` excepted: they are export only, and `not_found` before any forecast run or plan). Any token may export. `asOf` applies to the stock dataset only.',
        params,
        querystring: z.strictObject({
          asOf: instant('an ISO-8601 date-time, e.g. 2026-06-30T23:59:59Z')
            .optional()
            .describe('stock only: on-hand stock at this time, folded from the ledger'),
        }),
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const { dataset } = request.params;
      if (request.query.asOf && dataset !== 'stock')
        throw validationFailed([{ path: 'asOf', message: 'applies to the stock dataset only' }]);
      const asOf = request.query.asOf ? new Date(request.query.asOf).toISOString() : undefined;
      // The answer starts with the export's first byte: an export refused before it (forecasts before any
      // run) is answered as a problem, not as a CSV file that breaks off.
      let started = false;
      let start: () => void = () => {};
      const firstByte = new Promise<void>((resolve) => (start = resolve));
      const body = new Transform({
        transform(chunk, _encoding, done) {
          started = true;
          start();
          done(null, chunk);
        },
      });
      const exported = exchange.export(dataset, body, { asOf });
      exported.then(
        () => body.end(),
        (error: unknown) => {
          // Before the first byte the error is the answer (the error handler logs it), and the body is never sent.
          if (!started) {
            body.destroy();
            return;
          }
          request.log.error({ err: error }, 'export failed');
          body.destroy(error as Error);
        },
      );
      await Promise.race([firstByte, exported]);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${dataset}.csv"`)
        .send(body);
    },
  );
}
