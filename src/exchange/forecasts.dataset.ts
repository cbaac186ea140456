import { addDays } from '../calendar/index.js';
import { createForecastList, createForecasts, QUANTILE_LEVELS, quantileName } from '../forecasting/index.js';
import type { Column } from './cells.js';
import { exportOnly } from './dataset.js';
import type { Dataset } from './dataset.js';

const COLUMNS: Column[] = [
  { name: 'location', type: 'text', required: true },
  { name: 'sku', type: 'text', required: true },
  { name: 'date', type: 'date', required: true },
  { name: 'mean', type: 'number', required: true },
  ...QUANTILE_LEVELS.map((level): Column => ({ name: quantileName(level), type: 'number', required: true })),
];

/**
 * The latest forecast run, a row per location, SKU and forecast day: the day's mean demand and its
 * quantiles (the forecast's `intervals`). Export only: a forecast is made by a run, from the sales history, and a
 * file cannot stand in for one. Before any run the export is `not_found`, as every read of forecasts is:
 * a file of headers alone would read as "no demand anywhere".
 */
export const FORECASTS: Dataset<never> = {
  name: 'forecasts',
  summary:
    'export only: the latest forecast run, a row per location, SKU and day with mean demand and its quantiles p10 … p99',
  columns: COLUMNS,
  ...exportOnly(
    'forecasts can be exported, not imported: they are made by a forecast run (`omnistock forecast` or POST /forecasts/runs) from the sales history, which is what to import (`sales-history`)',
  ),
  async *exportPages(store) {
    for await (const { run, series } of createForecastList(store, createForecasts(store)).pages()) {
      const from = run.from;
      yield series.flatMap((s) =>
        s.mean.map((mean, day) => {
          const cells: Record<string, unknown> = { location: s.locationId, sku: s.sku, date: addDays(from, day), mean };
          Object.assign(cells, s.intervals[day]);
          return cells;
        }),
      );
    }
  },
};
