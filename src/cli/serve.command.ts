import { Command } from 'commander';
import { configFromEnvironment, startServer } from '../api/index.js';
import { configuredSourcing } from './config.js';

export function serveCommand(): Command {
  return new Command('serve')
    .description(
      'Serve the HTTP API (/api/v1) and its docs (/docs) until interrupted. Configured by PORT, HOST, DATABASE_URL, OMNISTOCK_DATA_DIR, OMNISTOCK_ADMIN_TOKEN, LOG_LEVEL, OMNISTOCK_CORS_ORIGINS and OMNISTOCK_DB_CONNECT_TIMEOUT_MS, _STATEMENT_TIMEOUT_MS, _LOCK_TIMEOUT_MS.',
    )
    .option('-p, --port <port>', 'port to listen on (default PORT, else 3000)')
    .option('-H, --host <host>', 'address to listen on (default HOST, else 127.0.0.1)')
    .option('--empty', 'start with an empty database instead of loading the demo network (or OMNISTOCK_DEMO=off)')
    .action(async (options: { port?: string; host?: string; empty?: boolean }) => {
      const config = configFromEnvironment({
        ...process.env,
        ...(options.port ? { PORT: options.port } : {}),
        ...(options.host ? { HOST: options.host } : {}),
        ...(options.empty ? { OMNISTOCK_DEMO: 'off' } : {}),
      });
      const sourcing = configuredSourcing();
      const server = await startServer({ ...config, ...(sourcing ? { sourcing } : {}) });
      const lines = [
        '',
        `Omnistock is serving at ${server.url}`,
        `  API     ${server.url}/api/v1   (OpenAPI: ${server.url}/api/v1/openapi.json)`,
        `  docs    ${server.url}/docs`,
        `  data    ${server.store.location}`,
      ];
      if (server.demo) {
        lines.push(
          `  demo    loaded ${server.demo.locations} locations, ${server.demo.products} products and ${server.demo.movements.toLocaleString('en')} movements in ${server.demo.seconds} s (omnistock demo --reset rebuilds it)`,
        );
      }
      if (server.generatedAdminToken) {
        lines.push(
          '',
          'An admin token was created. It is shown this once; keep it somewhere safe:',
          `  ${server.generatedAdminToken}`,
          `Try: curl -H "Authorization: Bearer ${server.generatedAdminToken}" ${server.url}/api/v1/locations`,
        );
      }
      process.stdout.write(`${lines.join('\n')}\n\n`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
    });
}
