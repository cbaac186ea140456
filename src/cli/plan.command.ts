import { Command, Option } from 'commander';
import { createServices } from '../api/index.js';
import { PLACEMENTS, SERVICE_CHOICES } from '../planning/index.js';
import type { PlanRun, PlanSettingsInput } from '../plans/index.js';
import { terminalProgress } from '../progress/index.js';
import { nonNegativeNumber } from './arguments.js';
import { databaseOption, withStore } from './database.option.js';

interface PlanFlags {
  database?: string;
  placement: (typeof PLACEMENTS)[number];
  service: (typeof SERVICE_CHOICES)[number];
  holdingRate?: number;
  orderingCost?: number;
  rebalancing: boolean;
  range: boolean;
  actor: string;
  json?: boolean;
}

export function planCommand(): Command {
  return new Command('plan')
    .description(
      "Plan the network on the latest forecast: every SKU × location's safety stock, reorder point and order-up-to level per week, safety stock placed across DCs and stores, and suggestions to approve (purchase orders, transfers from DCs, moves between stores, range changes). Open suggestions of earlier plans expire. Run `omnistock forecast` first.",
    )
    .addOption(databaseOption())
    .addOption(
      new Option('--placement <how>', 'where safety stock sits: chosen over the tree, or each location on its own')
        .choices(PLACEMENTS)
        .default('multi_echelon'),
    )
    .addOption(
      new Option('--service <choice>', 'service targets: where holding and lost margin balance, or per ABC class')
        .choices(SERVICE_CHOICES)
        .default('cost'),
    )
    .option('--holding-rate <share>', 'holding cost a year as a share of unit cost (default 0.25)', nonNegativeNumber)
    .option(
      '--ordering-cost <amount>',
      'cost of one order line: lots become economic order quantities',
      nonNegativeNumber,
    )
    .option('--no-rebalancing', 'suggest no moves between stores')
    .option('--no-range', 'suggest no range changes')
    .option('--actor <name>', 'who the plan is recorded as made by', 'plan')
    .option('--json', 'print the run as JSON')
    .action(async (options: PlanFlags) => {
      const started = Date.now();
      const settings: PlanSettingsInput = {
        placement: options.placement,
        service: { choice: options.service },
        rebalancing: options.rebalancing,
        range: options.range,
        ...(options.holdingRate === undefined ? {} : { holdingRate: options.holdingRate }),
        ...(options.orderingCost === undefined ? {} : { orderingCost: options.orderingCost }),
      };
      const run = await withStore(options.database, (store) =>
        createServices(store).plans.run({ settings, actor: options.actor, progress: terminalProgress() }),
      );
      process.stdout.write(
        options.json ? `${JSON.stringify(run, null, 2)}\n` : describePlan(run, (Date.now() - started) / 1000),
      );
    });
}

const money = (amount: number) => amount.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const count = (n: number) => n.toLocaleString('en');

/** What a planner reads after a plan: what to approve, what it is worth, and where safety stock sits. */
export function describePlan(run: PlanRun, seconds: number): string {
  const { summary } = run;
  const { suggestions: s, value } = summary;
  const where = summary.safetyStock.byKind
    .map((k) => `${k.kind.replace('_', ' ')} ${Math.round((k.share ?? 0) * 100)} %`)
    .join(', ');
  const lines = [
    `Planned ${count(summary.pairs)} SKU × location pairs from ${run.startsOn} (${count(summary.policies)} weekly policy rows, ${run.settings.placement.replace('_', '-')}, ${seconds.toFixed(1)} s).`,
    `Suggestions: ${count(s.purchaseOrders)} purchase orders worth ${money(value.purchaseOrders)}, ${count(s.transfers)} transfers from parents worth ${money(value.transfers)}, ${count(s.rebalancing)} moves between stores worth ${money(value.rebalancing)}; range: ${count(s.rangeAdd)} to add, ${count(s.rangeDelist)} to delist.`,
    `Safety stock: ${count(Math.round(summary.safetyStock.units))} units worth ${money(summary.safetyStock.value)}${where ? ` — ${where}` : ''}.`,
  ];
  if (summary.expired > 0) lines.push(`${count(summary.expired)} open suggestions of earlier plans expired.`);
  if (summary.waiting.pairs > 0)
    lines.push(
      `${count(summary.waiting.pairs)} SKUs at stores wait for their DC (${count(summary.waiting.units)} units it cannot spare now): it orders them or has them on the way.`,
    );
  if (summary.unsourced > 0)
    lines.push(
      `${count(summary.unsourced)} needs have no source: no supplier carries the SKU and no parent can spare it.`,
    );
  lines.push(
    'Review them: GET /api/v1/suggestions?status=open, or export the policies: omnistock export policies <file>.',
  );
  return `${lines.join('\n')}\n`;
}
