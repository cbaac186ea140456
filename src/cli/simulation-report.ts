import type { Comparison, PolicyScore } from '../simulation/index.js';
import { columns, whole } from './bench-report.js';

const rate = (x: number) => `${(100 * x).toFixed(2)} %`;
const ratio = (x: number) => x.toFixed(3);

/**
 * The policies side by side, one row each: service, stock-outs, average inventory value by echelon and
 * the year's costs. `omnistock simulate` and `omnistock bench planning` print the same table.
 *
 * @example
 * process.stdout.write(simulationTable(comparison.policies));
 */
export function simulationTable(policies: readonly PolicyScore[]): string {
  return columns(
    [
      'policy',
      'fill rate',
      'cycle service',
      'stock-out days',
      'inv. DC',
      'inv. stores',
      'inv. transit',
      'inv. total',
      'safety stock',
      'holding',
      'ordering',
      'transport',
      'lost margin',
      'total cost',
    ],
    policies.map(({ policy, scores: s, safetyStock }) => [
      policy,
      rate(s.fillRate),
      rate(s.cycleService),
      whole(s.stockOutDays),
      whole(s.inventory.dc.value),
      whole(s.inventory.store.value),
      whole(s.inventory.inTransit.value),
      whole(s.inventory.total.value),
      safetyStock ? whole(safetyStock.total.value) : '–',
      whole(s.costs.holding),
      whole(s.costs.ordering),
      whole(s.costs.transport),
      whole(s.costs.lostMargin),
      whole(s.costs.total),
    ]),
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13],
  );
}

/** The goals as sentences, each with its ratio and whether it was met. */
export function simulationRatios(comparison: Comparison): string {
  const { ratios } = comparison;
  const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
  const at = ratios.inventoryAtMinMaxFill;
  const minMax = comparison.policies[0]!.scores.fillRate;
  const lines = [
    at
      ? `Inventory value at min/max's fill rate (${rate(at.minMaxFillRate)}): ${at.policy} at ${rate(at.fillRate)} holds ${ratio(at.ratio)} × min/max's (goal ≤ 0.650: ${met(at.ratio <= 0.65)}).`
      : `Inventory value at min/max's fill rate (${rate(minMax)}): no Omnistock setting reached it (MISSED).`,
    `Total cost (holding + ordering + transport + lost margin), cost-optimal ÷ min/max: multi-echelon ${ratio(ratios.totalCostVsMinMax.multiEchelon)}, per-location ${ratio(ratios.totalCostVsMinMax.perLocation)} (goal < 1: ${met(ratios.totalCostVsMinMax.multiEchelon < 1)}).`,
    `Total cost, cost-optimal ÷ textbook 95 %: multi-echelon ${ratio(ratios.totalCostVsTextbook.multiEchelon)}, per-location ${ratio(ratios.totalCostVsTextbook.perLocation)} (goal < 1: ${met(ratios.totalCostVsTextbook.multiEchelon < 1)}).`,
    `Safety stock at 95 % cycle service everywhere, multi-echelon ÷ per-location: ${ratio(ratios.safetyStockMultiVsPerLocation.ratio)} at fill rates ${rate(ratios.safetyStockMultiVsPerLocation.multiEchelonFillRate)} and ${rate(ratios.safetyStockMultiVsPerLocation.perLocationFillRate)} (goal < 1 at no lower fill rate: ${met(ratios.safetyStockMultiVsPerLocation.ratio < 1 && ratios.safetyStockMultiVsPerLocation.multiEchelonFillRate >= ratios.safetyStockMultiVsPerLocation.perLocationFillRate)}).`,
    ...ratios.rebalancing.map(
      (r) =>
        `Rebalancing (${r.placement.replace('_', '-')}): unserved units ${ratio(r.unservedRatio)} ×, inventory value ${ratio(r.inventoryRatio)} × without it (goal < 1 at ≤ 1: ${met(r.unservedRatio < 1 && r.inventoryRatio <= 1)}).`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
