import { Command } from 'commander';
import { REAL_LOCATION_KINDS } from '../catalog/index.js';
import { migrateToLatest } from '../store/index.js';
import type { Store } from '../store/index.js';
import { databaseOption, withStore } from './database.option.js';
import { version } from '../version/index.js';

export interface Status {
  database: string;
  driver: string;
  locations: Record<string, number>;
  products: number;
  movements: number;
  activeReservations: number;
}

export async function readStatus(store: Store): Promise<Status> {
  const { db } = store;
  const byKind = await db
    .selectFrom('locations')
    .select((eb) => ['kind', eb.fn.countAll<number>().as('n')])
    .where('kind', 'in', [...REAL_LOCATION_KINDS])
    .groupBy('kind')
    .execute();
  const count = async (table: 'products' | 'movements') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const active = await db
    .selectFrom('reservations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return {
    database: store.location,
    driver: store.capabilities.name,
    locations: Object.fromEntries(byKind.map((r) => [r.kind, Number(r.n)])),
    products: await count('products'),
    movements: await count('movements'),
    activeReservations: Number(active.n),
  };
}

export function statusCommand(): Command {
  return new Command('status')
    .description('Show the database in use and what it holds (creating and migrating it if needed).')
    .addOption(databaseOption())
    .option('--json', 'print one JSON object')
    .action(async (options: { database?: string; json?: boolean }) => {
      const status = await withStore(options.database, readStatus);
      if (options.json) {
        process.stdout.write(`${JSON.stringify(status)}\n`);
        return;
      }
      const locations = REAL_LOCATION_KINDS.map(
        (kind) => `${status.locations[kind] ?? 0} ${kind.replace('_', ' ')}`,
      ).join(', ');
      process.stdout.write(
        [
          `Omnistock ${version}`,
          `  database      ${status.driver}  ${status.database}`,
          `  locations     ${locations}`,
          `  products      ${status.products}`,
          `  movements     ${status.movements}`,
          `  reservations  ${status.activeReservations} active`,
          '',
          'Check the ledger with: omnistock verify',
          '',
        ].join('\n'),
      );
    });
}

export function migrateCommand(): Command {
  return new Command('migrate')
    .description('Apply pending database migrations (every command also does this when it opens the database).')
    .addOption(databaseOption())
    .action(async (options: { database?: string }) => {
      const applied = await withStore(options.database, migrateToLatest);
      process.stdout.write(applied.length > 0 ? `Applied: ${applied.join(', ')}\n` : 'The database is up to date.\n');
    });
}
