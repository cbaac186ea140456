import { describe, expect, it } from 'vitest';
import { withDataDir } from '../support/cli.js';

interface Scored {
  policy: string;
  scores: { fillRate: number; cycleService: number; inventory: { total: { value: number } }; costs: { total: number } };
}

describe('omnistock simulate', () => {
  it('scores every policy on a small network, as JSON', async () => {
    await withDataDir(async ({ omnistock }) => {
      const result = await omnistock(
        'simulate',
        '--skus',
        '16',
        '--stores',
        '4',
        '--dcs',
        '2',
        '--days',
        '70',
        '--json',
      );
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const report = JSON.parse(result.stdout) as {
        network: { skus: number; unmet: string };
        days: number;
        policies: Scored[];
        ratios: { totalCostVsMinMax: { multiEchelon: number } };
      };
      expect(report.network).toMatchObject({ skus: 16, unmet: 'lost' });
      expect(report.days).toBe(70 - 17);
      const names = report.policies.map((p) => p.policy);
      for (const name of [
        'static min/max',
        'omnistock per-location',
        'omnistock per-location + rebalancing',
        'omnistock multi-echelon',
        'omnistock multi-echelon + rebalancing',
        'textbook 95 % per-location',
      ])
        expect(names).toContain(name);
      for (const { scores } of report.policies) {
        expect(scores.fillRate).toBeGreaterThanOrEqual(0);
        expect(scores.fillRate).toBeLessThanOrEqual(1);
        expect(scores.cycleService).toBeGreaterThanOrEqual(0);
        expect(scores.cycleService).toBeLessThanOrEqual(1);
        expect(scores.costs.total).toBeGreaterThan(0);
      }
      expect(report.policies[0]!.scores.inventory.total.value).toBeGreaterThan(0);
      expect(report.ratios.totalCostVsMinMax.multiEchelon).toBeGreaterThan(0);
    });
  });

  it('prints a table by default, and refuses a bad flag with exit code 2', async () => {
    await withDataDir(async ({ omnistock }) => {
      const table = await omnistock('simulate', '--skus', '8', '--stores', '2', '--dcs', '1', '--days', '40');
      expect(table.code).toBe(0);
      expect(table.stdout).toMatch(/^policy\s+fill rate\s+cycle service\s+stock-out days/m);
      expect(table.stdout).toMatch(/^static min\/max\s+\d/m);
      expect(table.stdout).toMatch(/Total cost/);

      const unmet = await omnistock('simulate', '--unmet', 'never');
      expect(unmet.code).toBe(2);
      expect(unmet.stderr).toMatch(
        /option '--unmet <what>' argument 'never' is invalid\. Allowed choices are lost, backorder/,
      );
      const skus = await omnistock('simulate', '--skus', '0');
      expect(skus.code).toBe(2);
      expect(skus.stderr).toMatch(/--skus <n>.*expected a whole number of at least 1/);
    });
  });
});
