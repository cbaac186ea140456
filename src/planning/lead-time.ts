/**
 * How long replenishment takes. A supplier's lead time is what its receipts show once there are enough
 * of them (their mean and spread), its stated figures until then; a store's is its parent's transfer time.
 */

/** From this many receipts on, a supplier's actual lead times replace what it states. */
export const MIN_RECEIPTS = 5;

export interface LeadTime {
  mean: number;
  sd: number;
  /** Where the figures come from: receipts of past orders, the supplier's (or item's) stated terms, or transfers. */
  basis: 'receipts' | 'stated' | 'transfers';
  /** Receipts or transfers the figures were measured on; 0 for stated ones. */
  observations: number;
}

/**
 * A supplier's lead time for planning: the mean and spread of its actual lead times from receipts when
 * there are at least `MIN_RECEIPTS`, else its stated ones.
 *
 * @example
 * supplierLeadTime({ mean: 7, sd: 2 }, { receipts: 12, mean: 8.5, sd: 3.1 }); // { mean: 8.5, sd: 3.1, basis: 'receipts', observations: 12 }
 */
export function supplierLeadTime(
  stated: { mean: number; sd: number },
  observed: { receipts: number; mean: number; sd: number } | null,
): LeadTime {
  if (observed && observed.receipts >= MIN_RECEIPTS)
    return { mean: observed.mean, sd: observed.sd, basis: 'receipts', observations: observed.receipts };
  return { mean: stated.mean, sd: stated.sd, basis: 'stated', observations: 0 };
}
