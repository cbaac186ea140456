import { Command } from 'commander';
import { createForecasts } from '../forecasting/index.js';
import { wholeNumber } from './arguments.js';
import { databaseOption, withStore } from './database.option.js';
import { terminalProgress } from '../progress/index.js';

export function forecastCommand(): Command {
  return new Command('forecast')
    .description(
      "Forecast daily demand for every SKU × location with sales, in parallel over the machine's cores, and store the run: per series the method chosen by backtest (RMSSE), its parameters, daily means and σ. The API serves the latest run.",
    )
    .addOption(databaseOption())
    .option('--horizon <days>', 'days to forecast', wholeNumber(1), 28)
    .option('--workers <n>', 'worker threads (default: one per core)', wholeNumber(1))
    .option('--actor <name>', 'who the run is recorded as made by', 'forecast')
    .option('--json', 'print the run as JSON')
    .action(
      async (options: { database?: string; horizon: number; workers?: number; actor: string; json?: boolean }) => {
        const started = Date.now();
        const run = await withStore(options.database, (store) =>
          createForecasts(store).run({
            horizon: options.horizon,
            actor: options.actor,
            progress: terminalProgress(),
            ...(options.workers ? { workers: options.workers } : {}),
          }),
        );
        if (options.json) {
          process.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
          return;
        }
        const methods = Object.entries(run.methods)
          .sort((a, b) => b[1] - a[1])
          .map(([method, count]) => `${method} ${count}`)
          .join(', ');
        process.stdout.write(
          `Forecast ${run.series.toLocaleString('en')} series for ${run.horizon} days from ${run.historyUntil} on (${((Date.now() - started) / 1000).toFixed(1)} s).\nMethods chosen: ${methods || 'none'}.\n`,
        );
      },
    );
}
