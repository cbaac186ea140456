import { describe, expect, it } from 'vitest';
import { correlatedSum } from './sums.js';

describe('a sum of days', () => {
  it('adds means, and variances with their correlations', () => {
    expect(correlatedSum([10, 10], [3, 3], 0, 2)).toEqual({ mean: 20, sd: Math.sqrt(18) });
    expect(correlatedSum([10, 10], [3, 3], 1, 2).sd).toBeCloseTo(6, 12);
    // Days beyond the arrays repeat the last day.
    expect(correlatedSum([1, 2], [1, 1], 0, 4)).toEqual({ mean: 7, sd: 2 });
    expect(correlatedSum([], [], 0.5, 3)).toEqual({ mean: 0, sd: 0 });
  });
});
