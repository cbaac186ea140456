import { Command, CommanderError } from 'commander';
import { isDomainError } from '../errors/index.js';
import { benchCommand } from './bench.command.js';
import { loadConfig } from './config.js';
import { exportCommand, importCommand } from './exchange.command.js';
import { forecastCommand } from './forecast.command.js';
import { planCommand } from './plan.command.js';
import { simulateCommand } from './simulate.command.js';
import { demoCommand } from './demo.command.js';
import { serveCommand } from './serve.command.js';
import { migrateCommand, statusCommand } from './status.command.js';
import { tokenCommand } from './token.command.js';
import { verifyCommand } from './verify.command.js';
import { version } from '../version/index.js';

/** Exit codes, as the README documents them. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

export function buildProgram(): Command {
  const program = new Command('omnistock')
    .description('Distributed inventory management: one stock ledger for a network of DCs, warehouses and stores.')
    .version(version, '-V, --version')
    .option('-c, --config <file>', 'config file (default OMNISTOCK_CONFIG, else ./omnistock.json if present)')
    .hook('preAction', (command) => loadConfig(command.opts<{ config?: string }>().config))
    .showHelpAfterError('(run omnistock --help for usage)')
    .exitOverride((error: CommanderError) => {
      throw error;
    })
    .addHelpText(
      'after',
      `
Environment:
  DATABASE_URL           postgres://user@host:5432/db for PostgreSQL; default: SQLite under OMNISTOCK_DATA_DIR
  OMNISTOCK_DATA_DIR     where the SQLite database lives (default ./data)
  PORT, HOST             where serve listens (default 3000 on 127.0.0.1)
  OMNISTOCK_ADMIN_TOKEN  the bootstrap admin's token, instead of a generated one
  LOG_LEVEL              fatal, error, warn, info (default), debug, trace
  OMNISTOCK_DEMO         default, small or off: the demo a first start loads into an empty database
  OMNISTOCK_CORS_ORIGINS comma-separated origins allowed to call the API from a browser
  OMNISTOCK_CONFIG       config file; its settings apply where these variables are not set

Exit codes: 0 success, 1 failure (including ledger drift), 2 usage error.`,
    );
  program.addCommand(serveCommand());
  program.addCommand(statusCommand());
  program.addCommand(demoCommand());
  program.addCommand(importCommand());
  program.addCommand(exportCommand());
  program.addCommand(forecastCommand());
  program.addCommand(planCommand());
  program.addCommand(simulateCommand());
  program.addCommand(migrateCommand());
  program.addCommand(verifyCommand());
  program.addCommand(tokenCommand());
  program.addCommand(benchCommand());
  const throughout = (command: Command) => {
    command.exitOverride().showHelpAfterError('(run omnistock --help for usage)');
    command.commands.forEach(throughout);
  };
  program.commands.forEach(throughout);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return Number(process.exitCode ?? EXIT.ok);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (isDomainError(error)) {
      process.stderr.write(`omnistock: ${error.message}\n`);
      return EXIT.failure;
    }
    process.stderr.write(`omnistock: ${error instanceof Error ? error.message : String(error)}\n`);
    if (error instanceof Error && error.cause) process.stderr.write(`  cause: ${String(error.cause)}\n`);
    return EXIT.failure;
  }
}
