import { ADJUSTMENT } from '../catalog/index.js';
import { DomainError, parseInput, validationFailed } from '../errors/index.js';
import { postMovements } from '../ledger/index.js';
import type { MovementDraft } from '../ledger/index.js';
import type { Db, Store } from '../store/index.js';
import { loadSession, markLines } from './count-session.repository.js';
import { OPEN_COUNT_STATUSES } from './cycle-count.js';
import { CancelCount } from './cycle-counts.schemas.js';
import type { CountSession } from './cycle-counts.schemas.js';
import type { CycleCounts } from './cycle-counts.service.js';
import { transition } from './document.js';

type CountLine = CountSession['lines'][number];

/**
 * Ending a count: submitting it (small variances post, large ones are held), a planner's approval of
 * the held ones, or cancelling it while nothing has posted.
 */
export function cycleCountReview(store: Store): Pick<CycleCounts, 'submit' | 'approve' | 'cancel'> {
  const { capabilities } = store;

  /** Posts the variances of `lines` as adjustments, in one posting, and marks them posted. */
  async function post(trx: Db, session: CountSession, lines: readonly CountLine[], actor: string): Promise<void> {
    const drafts: MovementDraft[] = lines
      .filter((l) => l.variance !== null && l.variance !== 0)
      .map((l) => ({
        sku: l.sku,
        quantity: Math.abs(l.variance!),
        kind: 'adjust' as const,
        reason: `cycle count ${session.id}`,
        reference: session.id,
        from: l.variance! > 0 ? ADJUSTMENT : session.locationId,
        to: l.variance! > 0 ? session.locationId : ADJUSTMENT,
      }));
    if (drafts.length > 0)
      await postMovements(trx, capabilities, {
        document: { type: 'cycle_count', id: session.id },
        movements: drafts,
        actor,
        occurredAt: new Date().toISOString(),
      });
    await markLines(
      trx,
      session.id,
      lines.map((l) => l.sku),
      'posted',
    );
  }

  return {
    async submit(id, actor) {
      if (!actor) throw validationFailed([{ path: 'actor', message: 'say who is acting' }]);
      return store.transaction(async (trx) => {
        await transition(trx, capabilities, 'count_sessions', id, ['open'], 'closed', {
          submitted_at: new Date().toISOString(),
        });
        const session = await loadSession(trx, id, false);
        const counted = session.lines.filter((l) => l.variance !== null);
        const large = (l: CountLine) =>
          Math.abs(l.variance!) > session.thresholdUnits || Math.abs(l.varianceValue!) > session.thresholdValue;
        await post(
          trx,
          session,
          counted.filter((l) => !large(l)),
          actor,
        );
        const held = counted.filter(large);
        await markLines(
          trx,
          id,
          held.map((l) => l.sku),
          'held',
        );
        if (held.length > 0) await transition(trx, capabilities, 'count_sessions', id, ['closed'], 'pending_approval');
        else
          await transition(trx, capabilities, 'count_sessions', id, ['closed'], 'closed', {
            closed_at: new Date().toISOString(),
          });
        return loadSession(trx, id, false);
      });
    },

    async approve(id, actor) {
      if (!actor) throw validationFailed([{ path: 'actor', message: 'say who is acting' }]);
      return store.transaction(async (trx) => {
        await transition(trx, capabilities, 'count_sessions', id, ['pending_approval'], 'closed', {
          closed_at: new Date().toISOString(),
          approved_by: actor,
        });
        const session = await loadSession(trx, id, false);
        // Four eyes: whoever counted the shelf does not also accept what it lacks.
        if (session.createdBy === actor || session.lines.some((l) => l.countedBy === actor))
          throw new DomainError(
            'forbidden',
            `${actor} started or counted count '${id}'; someone who took no part in it approves its variances`,
            { count: id, actor, rule: 'self_approval' },
          );
        await post(
          trx,
          session,
          session.lines.filter((l) => l.state === 'held'),
          actor,
        );
        return loadSession(trx, id, false);
      });
    },

    async cancel(id, raw, from = OPEN_COUNT_STATUSES) {
      parseInput(CancelCount, raw);
      return store.transaction(async (trx) => {
        await transition(trx, capabilities, 'count_sessions', id, from, 'cancelled', {
          closed_at: new Date().toISOString(),
        });
        const session = await loadSession(trx, id, false);
        const posted = session.lines.filter((l) => l.state === 'posted' && l.variance !== 0).map((l) => l.sku);
        if (posted.length > 0)
          throw new DomainError(
            'illegal_transition',
            `Count '${id}' has posted variances for ${posted.join(', ')}; posted variances cannot be taken back, so it cannot be cancelled (approve or leave its held ones)`,
            { id, wanted: 'cancelled', posted },
          );
        return loadSession(trx, id, true);
      });
    },
  };
}
