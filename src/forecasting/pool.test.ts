import { expect, it } from 'vitest';
import { forecastInParallel } from './pool.js';
import { forecastSeries } from './select.js';

it('forecasts on worker threads exactly as in the main thread, in order', async () => {
  const series = Array.from({ length: 150 }, (_, s) =>
    Float64Array.from({ length: 120 }, (_, t) => ((s * 7 + t * 3) % 11) + (t % 7 === 5 ? 6 : 0)),
  );
  let counted = 0;
  const parallel = await forecastInParallel(series, { horizon: 14 }, { workers: 2, done: (n) => (counted += n) });
  expect(counted).toBe(150);
  expect(parallel).toEqual(series.map((values) => forecastSeries(values, { horizon: 14 })));
});
