import type { FastifyInstance } from 'fastify';

/**
 * Actions (ship, cancel, submit, reroute, a forecast run) take an optional body: sent with none, with
 * an empty one, or with `{}`, they mean the same. Fastify refuses an empty JSON body and a route's
 * schema refuses a missing one; both become `{}` here, and the route's schema then says what, if
 * anything, is required.
 */
export function acceptEmptyBodies(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString();
    if (text.trim() === '') return done(null, undefined);
    return parseJson(request, text, done);
  });
  app.addHook('preValidation', async (request) => {
    if (request.body === undefined || request.body === null) {
      if (request.routeOptions.schema?.body) request.body = {};
    }
  });
}
