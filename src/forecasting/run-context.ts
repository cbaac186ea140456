import { addDays } from '../calendar/index.js';
import type { SeriesContext } from './pool.js';
import { seriesPromotions } from './promotion-calendar.js';
import type { SeriesSubject } from './promotion-calendar.js';
import { liftEvidence, pooledLift, sumEvidence } from './promotion-lift.js';
import type { LiftEvidence } from './promotion-lift.js';
import type { Promotion } from './promotions.schemas.js';
import { pooledWeekProfile } from './week-profile.js';

/** A category's key: products without one are pooled together. */
const categoryKey = (subject: SeriesSubject) => subject.category ?? '';

/**
 * What each series of a run is forecast with beside its own values: its category's weekly profile
 * (pooled over every SKU × location of the category, all ending on `until`), and its days under
 * promotion with the lift learned for it — its own past promotions' evidence, pooled over the
 * category's. `values[i]` ends on `until`; the last `maxHistory` days are looked at.
 *
 * @example
 * const contexts = seriesContexts(subjects, values, { until: '2026-11-30', horizon: 28, season: 7, promotions });
 */
export function seriesContexts(
  subjects: readonly SeriesSubject[],
  values: readonly Float64Array[],
  options: { until: string; horizon: number; season: number; promotions: readonly Promotion[]; maxHistory?: number },
): SeriesContext[] {
  const { until, horizon, season, promotions } = options;
  const maxHistory = options.maxHistory ?? 728;
  const recent = values.map((v) => (v.length > maxHistory ? v.subarray(v.length - maxHistory) : v));
  const members = new Map<string, number[]>();
  subjects.forEach((subject, i) => {
    const key = categoryKey(subject);
    const list = members.get(key) ?? [];
    list.push(i);
    members.set(key, list);
  });
  const profiles = new Map<string, number[] | null>();
  for (const [key, indexes] of members)
    profiles.set(
      key,
      pooledWeekProfile(
        indexes.map((i) => recent[i]!),
        season,
      ),
    );

  const calendars = subjects.map((subject, i) =>
    seriesPromotions(promotions, subject, addDays(until, 1 - values[i]!.length), values[i]!.length, horizon),
  );
  const evidence: LiftEvidence[] = calendars.map((calendar, i) =>
    calendar === null
      ? { sold: 0, base: 0, days: 0 }
      : liftEvidence(recent[i]!, calendar.past.subarray(values[i]!.length - recent[i]!.length), season),
  );
  const categoryEvidence = new Map<string, LiftEvidence>();
  for (const [key, indexes] of members) categoryEvidence.set(key, sumEvidence(indexes.map((i) => evidence[i]!)));

  return subjects.map((subject, i): SeriesContext => {
    const profile = profiles.get(categoryKey(subject));
    const calendar = calendars[i];
    return {
      ...(profile ? { weekProfile: profile } : {}),
      ...(calendar
        ? {
            promotions: {
              ...calendar,
              lift: pooledLift(evidence[i]!, categoryEvidence.get(categoryKey(subject))!),
            },
          }
        : {}),
    };
  });
}
