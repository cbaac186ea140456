import type { Selectable } from 'kysely';
import { toIsoString } from '../store/index.js';
import type { PromotionTable } from '../store/index.js';
import type { NewPromotion, Promotion } from './promotions.schemas.js';
import type { z } from 'zod';

/** A promotion as checked by `NewPromotion`, defaults filled in. */
export type CheckedPromotion = z.output<typeof NewPromotion>;

/** A stored promotion as the API answers it. */
export function toPromotion(row: Selectable<PromotionTable>): Promotion {
  return {
    id: row.id,
    name: row.name,
    sku: row.sku,
    category: row.category,
    locationId: row.location_id,
    region: row.region,
    from: row.starts_on,
    to: row.ends_on,
    plannedLift: row.planned_lift,
    createdAt: toIsoString(row.created_at),
    updatedAt: toIsoString(row.updated_at),
    createdBy: row.created_by,
  };
}

/**
 * A promotion's columns, without who made it and when: what creating, changing and importing one write.
 *
 * @example
 * await db.updateTable('promotions').set(promotionColumns(promotion)).where('id', '=', promotion.id).execute();
 */
export function promotionColumns(p: CheckedPromotion) {
  return {
    id: p.id,
    name: p.name,
    sku: p.sku,
    category: p.category,
    location_id: p.location,
    region: p.region,
    starts_on: p.from,
    ends_on: p.to,
    planned_lift: p.plannedLift,
  };
}

/** A stored promotion as a new one would be sent: what a change is laid over. */
export function asNewPromotion(p: Promotion): CheckedPromotion {
  return {
    id: p.id,
    name: p.name,
    sku: p.sku,
    category: p.category,
    location: p.locationId,
    region: p.region,
    from: p.from,
    to: p.to,
    plannedLift: p.plannedLift,
  };
}
