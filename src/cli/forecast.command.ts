import { Command } from 'commander';
import { createForecasts } from '../forecasting/index.js';
import type { ForecastRun } from '../forecasting/index.js';
import { dayArgument, wholeNumber } from './arguments.js';
import { databaseOption, withStore } from './database.option.js';
import { terminalProgress } from '../progress/index.js';

export function forecastCommand(): Command {
  return new Command('forecast')
    .description(
      "Forecast daily demand for every SKU × location with sales, in parallel over the machine's cores, and store the run: per series the method chosen by backtest (RMSSE), its parameters, daily means and σ. The forecast starts the day after the last day of history: --until, else the last day with a sales record anywhere in the network (an imported day, or a sale or return in the ledger), at the latest yesterday. The API serves the latest run.",
    )
    .addOption(databaseOption())
    .option('--horizon <days>', 'days to forecast', wholeNumber(1), 28)
    .option(
      '--until <day>',
      'the last day of history, YYYY-MM-DD (default: the last day with a sales record)',
      dayArgument,
    )
    .option('--workers <n>', 'worker threads (default: one per core)', wholeNumber(1))
    .option('--actor <name>', 'who the run is recorded as made by', 'forecast')
    .option('--json', 'print the run as JSON')
    .action(
      async (options: {
        database?: string;
        horizon: number;
        until?: string;
        workers?: number;
        actor: string;
        json?: boolean;
      }) => {
        const started = Date.now();
        const run = await withStore(options.database, (store) =>
          createForecasts(store).run({
            horizon: options.horizon,
            actor: options.actor,
            progress: terminalProgress(),
            ...(options.until ? { until: options.until } : {}),
            ...(options.workers ? { workers: options.workers } : {}),
          }),
        );
        if (options.json) {
          process.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
          return;
        }
        process.stdout.write(describeRun(run, (Date.now() - started) / 1000));
      },
    );
}

/** What a planner reads after a run: where it starts, what won, and what to be wary of. */
export function describeRun(run: ForecastRun, seconds: number): string {
  const methods = Object.entries(run.methods)
    .sort((a, b) => b[1] - a[1])
    .map(([method, count]) => `${method} ${count}`)
    .join(', ');
  const lines = [
    `Forecast ${run.series.toLocaleString('en')} series for ${run.horizon} days from ${run.from} (history until ${run.historyUntil}; ${seconds.toFixed(1)} s).`,
    `Methods chosen: ${methods || 'none'}.`,
  ];
  const { stoppedEarly } = run;
  if (stoppedEarly.series > 0) {
    const shown = stoppedEarly.examples
      .slice(0, 5)
      .map((s) => `${s.sku} at ${s.locationId} (last sale ${s.lastSale})`)
      .join(', ');
    const more = stoppedEarly.series - Math.min(5, stoppedEarly.examples.length);
    lines.push(
      `${stoppedEarly.series.toLocaleString('en')} series stopped selling long before ${run.historyUntil}: ${shown}${more > 0 ? ` and ${more.toLocaleString('en')} more` : ''}.`,
    );
  }
  if (run.censoredDays)
    lines.push(
      `${run.censoredDays.toLocaleString('en')} days without stock were taken as unknown demand, not as no sales.`,
    );
  if (run.unmeasured)
    lines.push(
      `${run.unmeasured.toLocaleString('en')} series had no sale in their backtest window: their accuracy is not measured.`,
    );
  if (run.promoted)
    lines.push(
      `${run.promoted.toLocaleString('en')} series have promoted days ahead in the promotions calendar: those days are lifted.`,
    );
  return `${lines.join('\n')}\n`;
}
