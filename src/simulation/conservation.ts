/**
 * The simulator's own audit, run at the end of every day: no unit appears or vanishes. Per SKU, opening
 * stock + units received from suppliers = units sold + on hand everywhere + in transit between our
 * locations (nothing is lost in transit: the simulator models no shrinkage). On hand is summed afresh
 * from the cells each day, so a unit booked twice or dropped by any step shows up here.
 */

/** Per SKU, the day's totals. */
export interface StockTotals {
  readonly opening: ArrayLike<number>;
  readonly received: ArrayLike<number>;
  readonly sold: ArrayLike<number>;
  readonly onHand: ArrayLike<number>;
  readonly inTransit: ArrayLike<number>;
}

/**
 * Throws an Error naming the day and the SKU where the books do not balance: a bug in the simulator,
 * never a property of a policy.
 *
 * @example
 * checkConservation(12, totals); // Error: Stock is not conserved on day 12 for SKU 3: …
 */
export function checkConservation(day: number, totals: StockTotals): void {
  const { opening, received, sold, onHand, inTransit } = totals;
  for (let k = 0; k < opening.length; k++) {
    const came = opening[k]! + received[k]!;
    const went = sold[k]! + onHand[k]! + inTransit[k]!;
    if (came !== went)
      throw new Error(
        `Stock is not conserved on day ${day} for SKU ${k}: opening ${opening[k]} + received ${received[k]} ≠ ` +
          `sold ${sold[k]} + on hand ${onHand[k]} + in transit ${inTransit[k]}`,
      );
  }
}
