import { z } from 'zod';
import { AnyLocationId, Sku } from '../catalog/index.js';
import { time } from '../output/index.js';
import { METHOD_NAMES } from './methods.js';
import { QUANTILE_LEVELS, quantileName } from './uncertainty.js';

/** A series whose last sale is more than this many days before the origin is said to stop early. */
export const STOPPED_EARLY_DAYS = 56;
/** How many such series a run names; the count says how many there are. */
export const STOPPED_EARLY_EXAMPLES = 20;

export const ForecastRun = z
  .object({
    id: z.string().describe("The run's id"),
    startedAt: time('When it started'),
    finishedAt: time('When it finished'),
    horizon: z.number().int().describe('Days forecast, from the day after historyUntil'),
    season: z.number().int().describe('Season length in days the methods look for (7: a weekly pattern)'),
    historyUntil: z
      .string()
      .describe(
        "The last day of sales history used (YYYY-MM-DD): the run's `until`, else the last day with a sales record anywhere in the network (an imported day, even of no sales, or a sale or return in the ledger), at the latest yesterday",
      ),
    from: z.string().describe('The first forecast day (YYYY-MM-DD): the day after historyUntil'),
    series: z.number().int().describe('SKU × location series forecast: every pair with sales in the history'),
    methods: z
      .partialRecord(z.enum(METHOD_NAMES), z.number().int())
      .describe('How many series each method won, by method name'),
    createdBy: z.string().describe('Who ran it'),
    stoppedEarly: z
      .object({
        series: z
          .number()
          .int()
          .describe(
            `Series whose last sale came more than ${STOPPED_EARLY_DAYS} days before historyUntil: forecast from a history that ends in silence (a product delisted there, a location that stopped reporting)`,
          ),
        examples: z
          .array(
            z.object({
              sku: z.string().describe('The product'),
              locationId: z.string().describe('The location'),
              lastSale: z.string().describe('The last day it sold there (YYYY-MM-DD)'),
            }),
          )
          .describe(`Up to ${STOPPED_EARLY_EXAMPLES} of them, silent longest first`),
      })
      .describe('Series whose sales stop long before the forecast starts'),
    censoredDays: z
      .number()
      .int()
      .nullable()
      .describe(
        'Days of the series, summed, on which the location had no stock all day (as the ledger tells, or imported with `stocked_out`): their zero sales were taken as unknown demand, not as none; null for runs made before Omnistock reported it',
      ),
    promoted: z
      .number()
      .int()
      .nullable()
      .describe(
        'Series with promoted days in the forecast, from the promotions calendar; null for runs made before Omnistock reported it',
      ),
    unmeasured: z
      .number()
      .int()
      .nullable()
      .describe(
        'Series without a sale in their backtest window: their accuracy cannot be measured, so it is left out of the accuracy report rather than counted as perfect; null for runs made before Omnistock reported it',
      ),
  })
  .meta({ id: 'ForecastRun', description: 'One forecasting run over the network' });
export type ForecastRun = z.output<typeof ForecastRun>;

/** Quantiles of a demand in whole units, at the levels every answer carries. */
const dayQuantiles = z
  .object(
    Object.fromEntries(
      QUANTILE_LEVELS.map((level) => [
        quantileName(level),
        z.number().describe(`Units demand stays at or below with probability ${level}`),
      ]),
    ) as Record<`p${number}`, z.ZodNumber>,
  )
  .describe('Quantiles p10, p50, p80, p90, p95, p99');

const forecastMethod = z
  .enum(METHOD_NAMES)
  .describe(
    'A forecasting method: seasonal naive, moving average, exponential smoothing (`ses`, `holt`, `holt_winters`), or for intermittent demand `croston`, `sba`, `tsb`',
  );
const rmsse = 'RMSSE over the backtest windows: below 1 beats repeating the last day';
const forecastFields = {
  runId: z.string().describe('The run it comes from'),
  sku: z.string().describe('The product'),
  locationId: z.string().describe('The location it sells at'),
  from: z.string().describe('The first forecast day (YYYY-MM-DD): the day `mean` starts on'),
  method: forecastMethod.describe('The method with the lowest backtest error'),
  combined: z
    .array(forecastMethod)
    .describe(
      'The methods whose forecasts are averaged into `mean`, best first: the best and those within 25 % of its backtest error, up to three (an average of good methods errs less than the one that scored best by chance)',
    ),
  promotion: z
    .object({
      days: z.number().int().describe('Forecast days under a promotion of the calendar'),
      lift: z
        .number()
        .describe(
          "The lift given to promoted days without a planned one: learned from the series' past promotions, pooled over its category where it has few",
        ),
    })
    .nullable()
    .describe('The promotions in the forecast; null when none of its days is promoted'),
  params: z.record(z.string(), z.number()).describe("The chosen method's fitted parameters, by name (`alpha` …)"),
  mean: z.array(z.number()).describe('Mean demand per day in units, one value a day from `from` on'),
  sigma: z
    .number()
    .describe(
      "Standard deviation of one day's forecast error, in units, from the forecast's backtest (of the combined methods' average)",
    ),
  intermittent: z
    .boolean()
    .describe(
      'Whether demand comes on few days (on average more than 1.32 days apart): then intermittent methods compete',
    ),
  quantiles: z
    .array(
      z.object({
        level: z.number().describe('A probability, e.g. 0.95'),
        value: z.number().describe("Units a day's demand stays at or below with that probability"),
      }),
    )
    .nullable()
    .describe("For intermittent demand: quantiles of one day's demand; null otherwise"),
  rmsse: z
    .number()
    .nullable()
    .describe(
      `The forecast's backtest error (${rmsse}), of the combined methods' average; null when the history was too short to backtest, or had no sale in the backtest window (nothing to measure against)`,
    ),
  scores: z
    .array(
      z.object({
        method: forecastMethod.describe('A candidate method'),
        rmsse: z.number().describe(`Its backtest error (${rmsse})`),
      }),
    )
    .describe("Every candidate's backtest error, best first; empty when the history was too short"),
  notes: z.array(z.string()).describe('What to know about the series: a fallback method, gaps filled, no sales …'),
  sigmas: z
    .array(z.number())
    .describe(
      "σ of each forecast day's error, in units, one a day from `from` on: from the backtest's errors by days ahead, so it grows with the horizon",
    ),
  errorCorrelation: z
    .number()
    .describe(
      "How much one day's error carries into the next (0 to 0.95, from the backtest): a level that is off stays off, which widens the demand over a lead time",
    ),
  intervals: z
    .array(dayQuantiles)
    .describe(
      "Quantiles of each forecast day's demand in whole units, one a day from `from` on: negative binomial (Poisson when demand varies less) with the day's mean and σ",
    ),
};
export const Forecast = z
  .object(forecastFields)
  .meta({ id: 'Forecast', description: "A SKU's daily demand forecast at one location" });
/** A SKU × location's forecast from a run. */
export type Forecast = z.output<typeof Forecast>;
const aggregate = {
  mean: z.array(z.number()).describe('Summed mean demand per day, in units, from `from` on'),
  sigma: z.number().describe("Standard deviation of a day's summed error, taking the series' errors as independent"),
  series: z.number().int().describe('Location series summed'),
};
export const SkuForecast = z
  .object({
    sku: z.string().describe('The product'),
    runId: z.string().describe('The run, the latest'),
    from: z.string().describe('The first forecast day (YYYY-MM-DD)'),
    locations: z
      .array(
        z.object({ ...forecastFields, region: z.string().nullable().describe("The location's region; null if none") }),
      )
      .describe('Per location where it sells, in id order'),
    regions: z
      .array(
        z.object({ ...aggregate, region: z.string().nullable().describe('The region; null for locations in none') }),
      )
      .describe('Summed per region'),
    network: z.object(aggregate).describe('Summed over the network'),
  })
  .meta({ id: 'SkuForecast', description: "A SKU's forecast at every location, summed by region and for the network" });
export type SkuForecast = z.output<typeof SkuForecast>;
/** A sum of forecasts (a region, the network): daily means, and σ assuming independent errors. */
export type AggregateForecast = SkuForecast['network'];
const accuracyRow = {
  series: z.number().int().describe('Series in this group'),
  measured: z
    .number()
    .int()
    .describe('Of them, those whose backtest had sales to measure against: the mean error is over these'),
  meanRmsse: z.number().nullable().describe(`Their mean backtest error (${rmsse}); null when none could be measured`),
};
export const LeadTimeDemand = z
  .object({
    sku: z.string().describe('The product'),
    locationId: z.string().describe('The location'),
    runId: z.string().describe('The run it comes from, the latest'),
    from: z.string().describe('The first day of the lead time (YYYY-MM-DD): the first forecast day'),
    days: z.number().int().describe('Days summed; beyond the horizon the last forecast day repeats'),
    mean: z.number().describe('Mean demand over those days, in units'),
    sigma: z
      .number()
      .describe("σ of that demand: each day's σ, with neighbouring days' errors correlated as the backtest found"),
    quantiles: dayQuantiles.describe(
      'Quantiles of the demand over those days in whole units: the p95 covers it 95 times in 100, what safety stock is set from',
    ),
  })
  .meta({
    id: 'LeadTimeDemand',
    description: "A SKU's demand at a location summed over the next days (a lead time), with its uncertainty",
  });
export type LeadTimeDemand = z.output<typeof LeadTimeDemand>;

export const LeadTimeQuery = z.strictObject({
  sku: Sku.describe('The product'),
  location: AnyLocationId.describe('The location'),
  days: z.coerce.number().int().min(1).max(365).describe('Days to sum, from the first forecast day: 1–365'),
});
export type LeadTimeQuery = z.output<typeof LeadTimeQuery>;

export const ForecastAccuracy = z
  .object({
    runId: z.string().describe('The run reported on, the latest'),
    series: z.number().int().describe('Series in the run'),
    measured: z.number().int().describe('Series whose accuracy could be measured'),
    unmeasured: z
      .object({
        tooShort: z.number().int().describe('Series whose history was too short to backtest'),
        noSales: z
          .number()
          .int()
          .describe('Series without a sale in the backtest window: a forecast of zero would look perfect there'),
      })
      .describe('Series left out of every mean, and why'),
    meanRmsse: z.number().nullable().describe(`The mean error over measured series (${rmsse}); null when none`),
    byMethod: z
      .array(z.object({ method: forecastMethod.describe('The method'), ...accuracyRow }))
      .describe('Per method: the series it won, most first'),
    byCategory: z
      .array(
        z.object({ category: z.string().nullable().describe('The product category; null for none'), ...accuracyRow }),
      )
      .describe('Per product category'),
    byRegion: z
      .array(
        z.object({ region: z.string().nullable().describe('The region; null for locations in none'), ...accuracyRow }),
      )
      .describe('Per region'),
  })
  .meta({ id: 'ForecastAccuracy', description: 'Which methods won where, and how accurate the forecasts were' });
export type ForecastAccuracy = z.output<typeof ForecastAccuracy>;
