import { describe, expect, it } from 'vitest';
import { economicOrderQuantity, newsvendor, newsvendorCost } from './single-stage.js';

// The single-stage examples stockpyl's test suite checks (Snyder & Shen, Fundamentals of Supply Chain Theory).
describe('single-stage models', () => {
  it('give the newsvendor base stock of the textbook examples', () => {
    expect(newsvendor({ holdingCost: 2, stockoutCost: 18, mean: 120, sd: 10 }).baseStock).toBeCloseTo(132.8155, 4);
    expect(newsvendor({ holdingCost: 0.18, stockoutCost: 0.7, mean: 50, sd: 8 }).baseStock).toBeCloseTo(56.604, 3);
    const example = { holdingCost: 2, stockoutCost: 18, mean: 120, sd: 10 };
    const { baseStock, cost } = newsvendor(example);
    expect(cost).toBeCloseTo(35.0997, 3);
    // The optimum is a minimum of the objective.
    expect(newsvendorCost(example, baseStock)).toBeCloseTo(cost, 3);
    expect(newsvendorCost(example, baseStock + 1)).toBeGreaterThan(cost);
    expect(newsvendorCost(example, baseStock - 1)).toBeGreaterThan(cost);
  });

  it('gives the economic order quantity of the textbook example', () => {
    const { quantity, cost } = economicOrderQuantity({ orderingCost: 8, holdingCost: 0.225, demandRate: 1300 });
    expect(quantity).toBeCloseTo(304.0468, 4);
    expect(cost).toBeCloseTo(68.4105, 4);
  });

  it('refuses costs that make no sense', () => {
    expect(() => newsvendor({ holdingCost: 0, stockoutCost: 1, mean: 1, sd: 1 })).toThrow(RangeError);
    expect(() => economicOrderQuantity({ orderingCost: 1, holdingCost: 0, demandRate: 1 })).toThrow(RangeError);
  });
});
