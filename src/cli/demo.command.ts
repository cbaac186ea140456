import { Command } from 'commander';
import { clearNetwork, DEFAULT_DEMO, isEmptyNetwork, loadDemo, SMALL_DEMO } from '../demo/index.js';
import { wholeNumber } from './arguments.js';
import { databaseOption, withStore } from './database.option.js';
import { terminalProgress } from '../progress/index.js';

export function demoCommand(): Command {
  return new Command('demo')
    .description(
      'Load the demo network: distribution centres and stores in four regions, products with weekly and yearly seasons, trends, promotions and slow movers, and the receipts, transfers, sales, returns and counts of its last two years, all posted through the ledger. The same seed gives the same network.',
    )
    .addOption(databaseOption())
    .option('--reset', 'remove the network and its history first (API tokens and webhooks stay)')
    .option(
      '--small',
      `a small network (${SMALL_DEMO.stores} stores, ${SMALL_DEMO.products} products, ${SMALL_DEMO.days} days)`,
    )
    .option('--seed <n>', 'random seed', wholeNumber(0))
    .option('--dcs <n>', `distribution centres (default ${DEFAULT_DEMO.distributionCentres})`, wholeNumber(0))
    .option('--stores <n>', `stores (default ${DEFAULT_DEMO.stores})`, wholeNumber(0))
    .option('--products <n>', `products (default ${DEFAULT_DEMO.products})`, wholeNumber(0))
    .option('--days <n>', `days of history (default ${DEFAULT_DEMO.days})`, wholeNumber(0))
    .action(
      async (options: {
        database?: string;
        reset?: boolean;
        small?: boolean;
        seed?: number;
        dcs?: number;
        stores?: number;
        products?: number;
        days?: number;
      }) => {
        const base = options.small ? SMALL_DEMO : DEFAULT_DEMO;
        const size = {
          seed: options.seed ?? base.seed,
          distributionCentres: Math.max(1, options.dcs ?? base.distributionCentres),
          stores: options.stores ?? base.stores,
          products: Math.max(1, options.products ?? base.products),
          days: Math.max(1, options.days ?? base.days),
        };
        const summary = await withStore(options.database, async (store) => {
          if (options.reset) await clearNetwork(store);
          else if (!(await isEmptyNetwork(store))) {
            throw new Error('the database already holds a network; add --reset to replace it with the demo');
          }
          return loadDemo(store, size, terminalProgress());
        });
        process.stdout.write(
          `Loaded the demo: ${summary.locations} locations, ${summary.products} products, ${summary.suppliers} suppliers, ${summary.movements.toLocaleString('en')} movements in ${summary.postings.toLocaleString('en')} postings (${summary.seconds} s).\n`,
        );
      },
    );
}
