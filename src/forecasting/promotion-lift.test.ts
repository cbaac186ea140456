import { describe, expect, it } from 'vitest';
import { createRandom } from '../probability/index.js';
import { covers, seriesPromotions } from './promotion-calendar.js';
import type { SeriesSubject } from './promotion-calendar.js';
import { liftEvidence, pooledLift, POOLING_UNITS, sumEvidence } from './promotion-lift.js';
import type { Promotion } from './promotions.schemas.js';
import { forecastSeries } from './select.js';
import { pooledWeekProfile, weekProfile } from './week-profile.js';

/** Poisson counts, seeded, so every series is the same on every run. */
function poissonSeries(means: readonly number[], seed: number): Float64Array {
  const u = createRandom(seed).float;
  return Float64Array.from(means, (lambda) => {
    const limit = Math.exp(-lambda);
    let k = 0;
    for (let p = u(); p > limit; p *= u()) k += 1;
    return k;
  });
}
const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

describe('a promotions calendar in the forecast', () => {
  // Two years of 12 units a day, with a week promoted every quarter at 1.5 × that.
  const days = 728;
  const horizon = 28;
  const promotedPast = new Uint8Array(days);
  for (let start = 40; start < days - 60; start += 91) promotedPast.fill(1, start, start + 7);
  const y = poissonSeries(
    Array.from({ length: days }, (_, t) => 12 * (promotedPast[t] ? 1.5 : 1)),
    7,
  );
  // The second week of the forecast is promoted.
  const future = new Uint8Array(horizon).fill(1, 7, 14);

  it('learns the lift of past promotions from the series', () => {
    const evidence = liftEvidence(y, promotedPast, 7);
    expect(evidence.days).toBe(7 * 7);
    expect(evidence.sold / evidence.base).toBeGreaterThan(1.4);
    expect(evidence.sold / evidence.base).toBeLessThan(1.6);
  });

  it('lifts the promoted week by the learned lift, and without the calendar does not', () => {
    const lift = pooledLift(liftEvidence(y, promotedPast, 7), { sold: 0, base: 0, days: 0 });
    const withCalendar = forecastSeries(
      y,
      { horizon },
      {
        past: promotedPast,
        future,
        plannedLift: new Float64Array(horizon),
        lift,
      },
    );
    const promoted = mean(withCalendar.mean.slice(7, 14));
    const around = mean([...withCalendar.mean.slice(0, 7), ...withCalendar.mean.slice(14)]);
    expect(promoted / around).toBeCloseTo(lift, 1);
    expect(lift).toBeGreaterThan(1.4);
    expect(withCalendar.promotion).toEqual({ days: 7, lift });
    // The promoted days' spread grows with their level.
    expect(withCalendar.spread.sigmas[7]! / withCalendar.spread.sigmas[6]!).toBeGreaterThan(1.3);

    const blind = forecastSeries(y, { horizon });
    const blindPromoted = mean(blind.mean.slice(7, 14));
    const blindAround = mean([...blind.mean.slice(0, 7), ...blind.mean.slice(14)]);
    expect(Math.abs(blindPromoted / blindAround - 1)).toBeLessThan(0.1);
    expect(blind.promotion).toBeNull();
  });

  it('takes a planned lift over the learned one', () => {
    const planned = new Float64Array(horizon).fill(3, 7, 14);
    const f = forecastSeries(y, { horizon }, { past: promotedPast, future, plannedLift: planned, lift: 1.5 });
    expect(mean(f.mean.slice(7, 14)) / mean(f.mean.slice(0, 7))).toBeCloseTo(3, 1);
  });

  it('keeps a promotion that just ended out of the base level', () => {
    const recent = new Uint8Array(days).fill(1, days - 14);
    const boosted = poissonSeries(
      Array.from({ length: days }, (_, t) => 12 * (recent[t] ? 2 : 1)),
      8,
    );
    const blind = forecastSeries(boosted, { horizon });
    const told = forecastSeries(
      boosted,
      { horizon },
      {
        past: recent,
        future: new Uint8Array(horizon),
        plannedLift: new Float64Array(horizon),
        lift: 2,
      },
    );
    expect(mean(told.mean)).toBeGreaterThan(10.5);
    expect(mean(told.mean)).toBeLessThan(13.5);
    expect(mean(blind.mean)).toBeGreaterThan(mean(told.mean));
  });

  it('leans on the category for a SKU with little evidence of its own, and on itself with much', () => {
    const category = { sold: 3000, base: 2000, days: 300 };
    expect(pooledLift({ sold: 2, base: 1, days: 2 }, category)).toBeCloseTo((2 + POOLING_UNITS * 1.5) / 21, 6);
    expect(pooledLift({ sold: 6000, base: 2000, days: 100 }, category)).toBeGreaterThan(2.9);
    expect(pooledLift({ sold: 0, base: 0, days: 0 }, { sold: 0, base: 0, days: 0 })).toBe(1);
    expect(sumEvidence([category, { sold: 1, base: 2, days: 3 }])).toEqual({ sold: 3001, base: 2002, days: 303 });
  });

  it('finds no evidence in a history promoted on most days, and forecasts such a series as it sold, unlifted', () => {
    const mostly = new Uint8Array(days).fill(1, 0, 600);
    expect(liftEvidence(y, mostly, 7)).toEqual({ sold: 0, base: 0, days: 0 });
    const f = forecastSeries(y, { horizon }, { past: mostly, future, plannedLift: new Float64Array(horizon), lift: 2 });
    expect(f.promotion).toBeNull();
    expect(mean(f.mean.slice(7, 14)) / mean(f.mean.slice(14))).toBeCloseTo(1, 1);
    expect(f.notes.join(' ')).toContain('promoted on most days');
  });

  it('forecasts a product that sold only while promoted as it sold, not as zero', () => {
    // Its last promotion ended ten days ago.
    const past = Uint8Array.from(promotedPast).fill(1, days - 24, days - 10);
    const onlyPromoted = Float64Array.from(y, (v, t) => (past[t] ? v : 0));
    const f = forecastSeries(
      onlyPromoted,
      { horizon },
      {
        past,
        future,
        plannedLift: new Float64Array(horizon),
        lift: 2,
      },
    );
    expect(f.promotion).toBeNull();
    expect(mean(f.mean)).toBeGreaterThan(0);
    expect(f.notes.join(' ')).toContain('sold only while promoted');
    expect(f.notes.join(' ')).not.toContain('forecast zero');
  });
});

describe('which series a promotion covers', () => {
  const promotion = (fields: Partial<Promotion>): Promotion => ({
    id: 'P',
    name: null,
    sku: null,
    category: null,
    locationId: null,
    region: null,
    from: '2026-03-10',
    to: '2026-03-12',
    plannedLift: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    createdBy: 'pia',
    ...fields,
  });
  const tea: SeriesSubject = { sku: 'TEA', category: 'drinks', locationId: 's1', region: 'north' };

  it('matches by SKU or category, and by location, region or the whole network', () => {
    expect(covers(promotion({ sku: 'TEA' }), tea)).toBe(true);
    expect(covers(promotion({ sku: 'MUG' }), tea)).toBe(false);
    expect(covers(promotion({ category: 'drinks', region: 'north' }), tea)).toBe(true);
    expect(covers(promotion({ category: 'drinks', region: 'south' }), tea)).toBe(false);
    expect(covers(promotion({ category: 'drinks', locationId: 's2' }), tea)).toBe(false);
    expect(covers(promotion({ category: 'food' }), tea)).toBe(false);
  });

  it('marks history and forecast days, first and last included, with the highest planned lift', () => {
    // History 2026-03-01 … 2026-03-10 (10 days), forecast 2026-03-11 … 2026-03-14.
    const marked = seriesPromotions(
      [
        promotion({ sku: 'TEA' }),
        promotion({ id: 'Q', sku: 'TEA', from: '2026-03-12', to: '2026-03-20', plannedLift: 2 }),
      ],
      tea,
      '2026-03-01',
      10,
      4,
    )!;
    expect([...marked.past]).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect([...marked.future]).toEqual([1, 1, 1, 1]);
    expect([...marked.plannedLift]).toEqual([0, 2, 2, 2]);
    expect(seriesPromotions([promotion({ sku: 'MUG' })], tea, '2026-03-01', 10, 4)).toBeNull();
  });
});

describe('weekly profiles', () => {
  it('does not take a trend for a weekday', () => {
    const trend = Array.from({ length: 140 }, (_, t) => 20 + 0.8 * t);
    for (const share of weekProfile(trend, 7, undefined)!) expect(share).toBeCloseTo(1, 6);
  });

  it("gives a slow seller its category's profile, and a fast one its own", () => {
    const weekend = [1, 1, 1, 1, 1, 2, 2];
    const category = pooledWeekProfile([Float64Array.from({ length: 70 }, (_, t) => 10 * weekend[t % 7]!)], 7)!;
    expect(category[5]! / category[0]!).toBeCloseTo(2, 6);
    // One sale in ten weeks says nothing of its weekdays: the category's profile, nearly.
    const slow = new Float64Array(70);
    slow[30] = 1;
    const slowProfile = weekProfile(slow, 7, category)!;
    expect(slowProfile[5]! / slowProfile[0]!).toBeGreaterThan(1.8);
    // Thousands of units on a flat week: flat, whatever the category does.
    const fast = weekProfile(new Float64Array(70).fill(100), 7, category)!;
    expect(fast[5]! / fast[0]!).toBeLessThan(1.02);
  });

  it("pools each series' shares by its units, and leaves out one with less than four weeks of history", () => {
    const flat = Float64Array.from({ length: 700 }, () => 1);
    // Launched two days ago, 100 a day: its two weekdays say nothing of the week.
    const launched = Float64Array.of(100, 100);
    const pooled = pooledWeekProfile([flat, launched], 7)!;
    for (const share of pooled) expect(share).toBeCloseTo(1, 6);
    expect(pooledWeekProfile([launched], 7)).toBeNull();
  });
});
