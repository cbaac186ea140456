import { DomainError } from '../errors/index.js';
import { singleLine } from '../input/index.js';

/**
 * What a plan can suggest: a purchase order from a supplier, a transfer from a location's parent, a
 * move between stores of one parent (rebalancing), and a change to a store's range.
 */
export const SUGGESTION_KINDS = ['purchase_order', 'transfer', 'rebalance', 'range_add', 'range_delist'] as const;
export type SuggestionKind = (typeof SUGGESTION_KINDS)[number];

/** open → approved | dismissed | expired; only an open suggestion can be decided. */
export const SUGGESTION_STATUSES = ['open', 'approved', 'dismissed', 'expired'] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

/** Kinds whose approval creates a document through the procedures; a range change is a decision only. */
export const DOCUMENT_OF: Readonly<Record<SuggestionKind, 'purchase_order' | 'transfer_order' | null>> = {
  purchase_order: 'purchase_order',
  transfer: 'transfer_order',
  rebalance: 'transfer_order',
  range_add: null,
  range_delist: null,
};

export const Note = singleLine(500, 'give a note').describe('A note: one line of 1–500 characters');

/** The refusal a planner gets for deciding a suggestion someone else decided, or a newer plan replaced. */
export function notOpen(id: string, status: string, decidedBy: string | null): DomainError {
  const by = decidedBy && status !== 'expired' ? ` by ${decidedBy}` : '';
  const why = status === 'expired' ? ': a newer plan replaced it' : by;
  return new DomainError('illegal_transition', `Suggestion ${id} is ${status}${why}; only an open one can be decided`, {
    id,
    status,
    ...(decidedBy ? { decidedBy } : {}),
  });
}
