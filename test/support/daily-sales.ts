/**
 * Daily sales shaped like a store's, for forecasting tests: days counted from today (UTC), and a
 * weekly pattern around 10 units a day with noise that no method foresees.
 */

const DAY_MS = 86_400_000;

/** The day `offset` days from today (negative: before), YYYY-MM-DD in UTC. */
export const day = (offset: number): string => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);

/** A week around 10 units a day, busiest on the sixth day. */
export const WEEK = [6, 8, 9, 10, 11, 14, 12];

/**
 * Units sold on day `t`: the week's value plus noise of −`spread`…`spread`, the same on every run.
 *
 * @example
 * noisyDemand(-3); // 11 + noise
 */
export const noisyDemand = (t: number, spread = 2): number => {
  const width = 2 * spread + 1;
  return WEEK[((t % 7) + 7) % 7]! + ((((t * 7919) % width) + width) % width) - spread;
};
