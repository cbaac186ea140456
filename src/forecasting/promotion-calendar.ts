import { daysBetween } from '../calendar/index.js';
import type { SeriesPromotions } from './promotion-lift.js';
import type { Promotion } from './promotions.schemas.js';

/** What a promotion is matched against: one series' product and place. */
export interface SeriesSubject {
  sku: string;
  category: string | null;
  locationId: string;
  region: string;
}

/** Whether `promotion` covers the product and place of `subject`. */
export function covers(promotion: Promotion, subject: SeriesSubject): boolean {
  const product = promotion.sku !== null ? promotion.sku === subject.sku : promotion.category === subject.category;
  const place =
    promotion.locationId !== null
      ? promotion.locationId === subject.locationId
      : promotion.region === null || promotion.region === subject.region;
  return product && place;
}

/**
 * A series' days under promotion, from the promotions that cover it: its history of `length` days
 * starting on `start`, and `horizon` forecast days after it. Where promotions overlap on a forecast
 * day, the highest planned lift counts. Null when no promotion covers any of its days.
 *
 * @example
 * seriesPromotions(promotions, { sku: 'TEA', category: 'drinks', locationId: 's1', region: 'north' }, '2026-01-01', 365, 28);
 */
export function seriesPromotions(
  promotions: readonly Promotion[],
  subject: SeriesSubject,
  start: string,
  length: number,
  horizon: number,
): SeriesPromotions | null {
  const past = new Uint8Array(length);
  const future = new Uint8Array(horizon);
  const plannedLift = new Float64Array(horizon);
  let any = false;
  for (const promotion of promotions) {
    if (!covers(promotion, subject)) continue;
    const first = Math.max(0, daysBetween(start, promotion.from));
    const last = Math.min(length + horizon - 1, daysBetween(start, promotion.to));
    for (let t = first; t <= last; t++) {
      any = true;
      if (t < length) past[t] = 1;
      else {
        future[t - length] = 1;
        if (promotion.plannedLift !== null)
          plannedLift[t - length] = Math.max(plannedLift[t - length]!, promotion.plannedLift);
      }
    }
  }
  return any ? { past, future, plannedLift } : null;
}
