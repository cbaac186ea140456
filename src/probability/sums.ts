/**
 * The mean and standard deviation of `days` consecutive days of a quantity whose daily means and σ are
 * given from `meansFrom` and `sigmasFrom` on (days beyond the arrays repeat their last), when neighbouring days' errors correlate by
 * `correlation` and days further apart by its powers: a level that is off stays off, so the spread of
 * a sum grows faster than √days.
 *
 * @example
 * correlatedSum([10, 10], [3, 3], 0, 2); // { mean: 20, sd: 4.243 }: √(9 + 9)
 * correlatedSum([10, 10], [3, 3], 1, 2); // { mean: 20, sd: 6 }: one error, twice
 */
export function correlatedSum(
  means: readonly number[],
  sigmas: readonly number[],
  correlation: number,
  days: number,
  meansFrom = 0,
  sigmasFrom = meansFrom,
): { mean: number; sd: number } {
  // Σᵢ Σⱼ σᵢ σⱼ ρ^|i−j| in one pass: σᵢ² on the diagonal, and twice σᵢ times the earlier days' σⱼ
  // ρ^(i−j), carried forward as one running sum (each day multiplies it by ρ once more).
  let mean = 0;
  let variance = 0;
  let earlier = 0;
  for (let i = 0; i < days; i++) {
    mean += at(means, meansFrom + i);
    const si = at(sigmas, sigmasFrom + i);
    variance += si * si + 2 * si * earlier;
    earlier = correlation * (earlier + si);
  }
  return { mean, sd: Math.sqrt(Math.max(0, variance)) };
}

/** A day's value, the last one's beyond the array, 0 for none. */
function at(values: readonly number[], day: number): number {
  return values.length === 0 ? 0 : values[Math.min(day, values.length - 1)]!;
}
