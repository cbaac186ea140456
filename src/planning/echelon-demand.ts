/**
 * What a distribution centre must plan for: not its own sales history (a DC sells little or nothing
 * itself) but what its stores will draw from it, plus its own online orders. Stores draw in lots, so
 * over a short window a store takes either nothing or a whole lot: the draws vary more than the
 * stores' sales do, by up to a quarter of each lot squared.
 */

export interface DailyDemand {
  perDay: number;
  sdPerDay: number;
}

/**
 * The daily demand a DC faces over a protection period of `protectionDays`: the mean of its stores'
 * demand and its own; the variance of their sums over the period plus, for each store, the lumpiness
 * of its lots (μ·P·Q while a lot is larger than the period's demand, at most Q²/4), expressed per day.
 *
 * @example
 * echelonDemand([{ perDay: 2, sdPerDay: 1.5, lotSize: 14 }, { perDay: 1, sdPerDay: 1, lotSize: 1 }], { perDay: 0.5, sdPerDay: 0.7 }, 10);
 * // { perDay: 3.5, sdPerDay: 2.94 }: the first store's lots of 14 add 49 units² over the ten days
 */
export function echelonDemand(
  stores: readonly (DailyDemand & { lotSize: number })[],
  own: DailyDemand | null,
  protectionDays: number,
): DailyDemand {
  const days = Math.max(1, protectionDays);
  let perDay = own?.perDay ?? 0;
  let variance = days * (own?.sdPerDay ?? 0) ** 2;
  for (const store of stores) {
    perDay += store.perDay;
    const lot = Math.max(1, store.lotSize);
    variance += days * store.sdPerDay ** 2 + Math.min((lot * lot) / 4, store.perDay * days * (lot - 1));
  }
  return { perDay, sdPerDay: Math.sqrt(variance / days) };
}
