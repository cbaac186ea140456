import { Command, Option } from 'commander';
import { compareOnDemo, SMALL_SIMULATION } from '../demo/index.js';
import { terminalProgress } from '../progress/index.js';
import { wholeNumber } from './arguments.js';
import { simulationRatios, simulationTable } from './simulation-report.js';

interface SimulateOptions {
  skus: number;
  stores: number;
  dcs: number;
  days: number;
  seed: number;
  unmet: 'lost' | 'backorder';
  json?: boolean;
}

/**
 * `omnistock simulate`: plays the demo-shaped chain forward under every policy of `comparePolicies`
 * on one seed and reports them side by side. Needs no database: the network is generated.
 *
 * @example
 * program.addCommand(simulateCommand()); // omnistock simulate --skus 200 --stores 10 --json
 */
export function simulateCommand(): Command {
  return new Command('simulate')
    .description(
      "Simulate the demo's retail chain day by day (its seasons, promotions and slow movers, its suppliers' uncertain lead times, packs and minimum orders) under static min/max as peers set it, Omnistock's planning per location and multi-echelon (each with and without rebalancing between stores), a textbook 95 % per location, and Omnistock at the service that matches min/max's fill rate. Every policy meets the same customers and lead times. Reports fill rate, cycle service, stock-out days, average inventory value per echelon, and the year's holding, ordering, transport and lost margin. The first four weeks are played but not scored.",
    )
    .option('--skus <n>', 'products', wholeNumber(1), SMALL_SIMULATION.skus)
    .option('--stores <n>', 'stores', wholeNumber(1), SMALL_SIMULATION.stores)
    .option('--dcs <n>', 'distribution centres', wholeNumber(1), SMALL_SIMULATION.dcs)
    .option('--days <n>', 'days to simulate, warm-up included', wholeNumber(8), SMALL_SIMULATION.days)
    .option('--seed <n>', 'seed of the network, its demand and lead times', wholeNumber(0), SMALL_SIMULATION.seed)
    .addOption(
      new Option('--unmet <what>', 'demand the shelf cannot meet is lost or backordered')
        .choices(['lost', 'backorder'])
        .default('lost'),
    )
    .option('--json', 'print the comparison as JSON')
    .action(async (options: SimulateOptions) => {
      const { skus, stores, dcs, days, seed, unmet } = options;
      const comparison = await compareOnDemo(
        { skus, stores, dcs, days, seed },
        { unmet, progress: terminalProgress() },
      );
      if (options.json) {
        const { start, ...rest } = comparison;
        const network = { skus, stores, dcs, days, seed, unmet, start };
        process.stdout.write(`${JSON.stringify({ network, ...rest }, null, 2)}\n`);
        return;
      }
      process.stdout.write(
        `Simulated ${options.days} days (${comparison.days} scored) of ${options.skus} SKUs × ${options.stores} stores × ${options.dcs} DCs, seed ${options.seed}, unmet demand ${options.unmet}.\n\n`,
      );
      process.stdout.write(simulationTable(comparison.policies));
      process.stdout.write(`\n${simulationRatios(comparison)}`);
    });
}
