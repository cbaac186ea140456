import { DomainError, parseInput, validationFailed } from '../errors/index.js';
import { toPage } from '../store/index.js';
import type { Db, Page, Store } from '../store/index.js';
import { promotionSubjectIssues } from './promotion-subjects.js';
import { asNewPromotion, promotionColumns, toPromotion } from './promotions.repository.js';
import type { CheckedPromotion } from './promotions.repository.js';
import { NewPromotion, PromotionChanges, PromotionFilter } from './promotions.schemas.js';
import type { Promotion } from './promotions.schemas.js';

/** The promotions calendar: what is promoted where and when, past and planned. */
export interface Promotions {
  /** Records a promotion as made by `actor`; `already_exists` when its code is in use. */
  create(input: NewPromotion, actor: string): Promise<Promotion>;
  /** A page of promotions by code, filtered by what, where and the days they overlap. */
  list(filter?: PromotionFilter): Promise<Page<Promotion>>;
  get(id: string): Promise<Promotion>;
  /** Changes the fields sent and keeps the others; the promotion they make must keep every rule. */
  update(id: string, changes: PromotionChanges): Promise<Promotion>;
  remove(id: string): Promise<void>;
}

const unknownPromotion = (id: string) =>
  new DomainError('not_found', `Promotion '${id}' does not exist`, { promotion: id });

/** Refuses a promotion that names what the catalog does not have, naming each such field. */
async function requireSubjects(db: Db, promotion: CheckedPromotion): Promise<void> {
  const [issues = []] = await promotionSubjectIssues(db, [promotion]);
  if (issues.length > 0) throw validationFailed(issues);
}

/**
 * @example
 * const promotions = createPromotions(store);
 * await promotions.create({ id: 'SPRING-TEA-26', sku: 'TEA', region: 'north', from: '2026-04-01', to: '2026-04-14', plannedLift: 1.5 }, 'ana');
 * await promotions.list({ from: '2026-04-10', to: '2026-04-20' }); // those running on any of those days
 */
export function createPromotions(store: Store): Promotions {
  const { db } = store;

  async function get(id: string): Promise<Promotion> {
    const row = await db.selectFrom('promotions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw unknownPromotion(id);
    return toPromotion(row);
  }

  return {
    async create(input, actor) {
      const promotion = parseInput(NewPromotion, input);
      await requireSubjects(db, promotion);
      const now = new Date().toISOString();
      const row = await db
        .insertInto('promotions')
        .values({ ...promotionColumns(promotion), created_at: now, updated_at: now, created_by: actor })
        .onConflict((oc) => oc.column('id').doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!row) {
        throw new DomainError('already_exists', `Promotion '${promotion.id}' already exists`, {
          promotion: promotion.id,
        });
      }
      return toPromotion(row);
    },

    async list(input = {}) {
      const filter = parseInput(PromotionFilter, input);
      let query = db
        .selectFrom('promotions')
        .selectAll()
        .orderBy('id')
        .limit(filter.limit + 1);
      if (filter.sku !== undefined) query = query.where('sku', '=', filter.sku);
      if (filter.category !== undefined) query = query.where('category', '=', filter.category);
      if (filter.location !== undefined) query = query.where('location_id', '=', filter.location);
      if (filter.region !== undefined) query = query.where('region', '=', filter.region);
      if (filter.from !== undefined) query = query.where('ends_on', '>=', filter.from);
      if (filter.to !== undefined) query = query.where('starts_on', '<=', filter.to);
      if (filter.after !== undefined) query = query.where('id', '>', filter.after);
      return toPage((await query.execute()).map(toPromotion), filter.limit, (p) => p.id);
    },

    get,

    async update(id, input) {
      const changes = parseInput(PromotionChanges, input);
      // Every field is written, checked together: two changes at once leave one valid promotion, never a mix.
      const promotion = parseInput(NewPromotion, { ...asNewPromotion(await get(id)), ...changes });
      await requireSubjects(db, promotion);
      const row = await db
        .updateTable('promotions')
        .set({ ...promotionColumns(promotion), updated_at: new Date().toISOString() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      if (!row) throw unknownPromotion(id);
      return toPromotion(row);
    },

    async remove(id) {
      const removed = await db.deleteFrom('promotions').where('id', '=', id).executeTakeFirst();
      if (Number(removed.numDeletedRows) === 0) throw unknownPromotion(id);
    },
  };
}

/**
 * Every promotion running on at least one day from `from` to `to` (YYYY-MM-DD, both included): it
 * starts on or before `to` and ends on or after `from`. In code order. What a forecast run reads for
 * the days of its history and horizon.
 *
 * @example
 * const promoted = await promotionsOverlapping(store, '2025-01-01', '2026-04-28');
 */
export async function promotionsOverlapping(store: Store, from: string, to: string): Promise<Promotion[]> {
  const rows = await store.db
    .selectFrom('promotions')
    .selectAll()
    .where('starts_on', '<=', to)
    .where('ends_on', '>=', from)
    .orderBy('id')
    .execute();
  return rows.map(toPromotion);
}
