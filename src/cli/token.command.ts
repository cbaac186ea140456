import { Command, Option } from 'commander';
import { createTokens, ROLES } from '../security/index.js';
import { databaseOption, withStore } from './database.option.js';

export function tokenCommand(): Command {
  const token = new Command('token').description('Create, list and revoke API tokens.');
  token
    .command('create')
    .description('Create a token and print its secret (shown only this once).')
    .requiredOption('-n, --name <name>', 'who or what will use it; recorded as the actor of its writes')
    .addOption(new Option('-r, --role <role>', 'what it may do').choices(ROLES).makeOptionMandatory())
    .option('-l, --location <id...>', 'locations it may write to (default: all)')
    .addOption(databaseOption())
    .action(async (options: { name: string; role: (typeof ROLES)[number]; location?: string[]; database?: string }) => {
      const created = await withStore(options.database, (store) =>
        createTokens(store).create(
          { name: options.name, role: options.role, ...(options.location ? { locations: options.location } : {}) },
          'cli',
        ),
      );
      process.stdout.write(`${created.token}\n`);
    });
  token
    .command('list')
    .description('List tokens: name, role, scope, and whether revoked (never their secrets).')
    .addOption(databaseOption())
    .option('--json', 'print JSON')
    .action(async (options: { database?: string; json?: boolean }) => {
      const tokens = await withStore(options.database, (store) => createTokens(store).list());
      if (options.json) {
        process.stdout.write(`${JSON.stringify(tokens)}\n`);
        return;
      }
      for (const t of tokens) {
        const scope = t.locations ? t.locations.join(',') : 'all locations';
        process.stdout.write(
          `${t.name}\t${t.role}\t${scope}\t${t.revokedAt ? `revoked ${t.revokedAt}` : 'active'}\t${t.id}\n`,
        );
      }
    });
  token
    .command('revoke')
    .description('Revoke a token by name or id.')
    .argument('<token>', 'name or id')
    .addOption(databaseOption())
    .action(async (nameOrId: string, options: { database?: string }) => {
      const revoked = await withStore(options.database, (store) => createTokens(store).revoke(nameOrId));
      process.stdout.write(`Revoked ${revoked.name}.\n`);
    });
  return token;
}
