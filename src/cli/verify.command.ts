import { Command } from 'commander';
import { verifyLedger } from '../ledger/index.js';
import type { VerificationReport } from '../ledger/index.js';
import { databaseOption, withStore } from './database.option.js';

const SHOWN = 20;

export function verifyCommand(): Command {
  return new Command('verify')
    .description(
      'Rebuild every balance from the ledger and check the invariants: balances match the ledger, every SKU sums to zero over all locations, reservations agree with reserved stock, no location is below its floor, and every transfer, purchase order and quarantined return agrees with the ledger. Exits 1 on any drift.',
    )
    .addOption(databaseOption())
    .option('--json', 'print the full report as JSON')
    .action(async (options: { database?: string; json?: boolean }) => {
      const report = await withStore(options.database, verifyLedger);
      process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : describe(report));
      if (!report.ok) process.exitCode = 1;
    });
}

function describe(report: VerificationReport): string {
  const lines = [`Checked ${report.movements} movements and ${report.balances} balances.`];
  if (report.ok) {
    lines.push(
      'Ledger verified: balances match the ledger, every SKU sums to zero, reservations agree, documents agree.',
    );
    return `${lines.join('\n')}\n`;
  }
  const section = <T>(title: string, rows: T[], format: (row: T) => string) => {
    if (rows.length === 0) return;
    lines.push('', `${title} (${rows.length}):`);
    for (const row of rows.slice(0, SHOWN)) lines.push(`  ${format(row)}`);
    if (rows.length > SHOWN) lines.push(`  … and ${rows.length - SHOWN} more (use --json for all)`);
  };
  section(
    'Balances that differ from the ledger',
    report.drift,
    (d) =>
      `${d.sku} at ${d.locationId}: balance ${d.cached}, ledger ${d.ledger}` +
      (d.latestAt
        ? `; latest movement ${d.latestAt.cached ?? 'none'} in the balance, ${d.latestAt.ledger ?? 'none'} in the ledger`
        : ''),
  );
  section('SKUs whose balances do not sum to zero', report.conservation, (c) => `${c.sku}: sum ${c.total}`);
  section(
    'Reserved stock that disagrees with reservations',
    report.reservations,
    (r) =>
      `${r.sku} at ${r.locationId}: reserved ${r.reserved}, active reservations ${r.activeReservations}, on hand ${r.onHand}`,
  );
  section('Stock below zero where it may not be', report.negative, (n) => `${n.sku} at ${n.locationId}: ${n.onHand}`);
  section('Documents that disagree with the ledger', report.documents, (d) => d.problem);
  lines.push('', 'LEDGER DRIFT FOUND');
  return `${lines.join('\n')}\n`;
}
