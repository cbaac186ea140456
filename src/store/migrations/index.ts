import { Migrator } from 'kysely';
import { isDomainError } from '../../errors/index.js';
import type { Kysely, Migration } from 'kysely';
import type { Store } from '../store.js';
import { catalogAndLedger } from './0001_catalog_and_ledger.js';
import { securityAndEvents } from './0002_security_and_events.js';
import { suppliersAndSalesHistory } from './0003_suppliers_and_sales_history.js';
import { purchaseOrders } from './0004_purchase_orders.js';
import { transferOrders } from './0005_transfer_orders.js';
import { cycleCounts } from './0006_cycle_counts.js';
import { customerReturns } from './0007_returns.js';
import { forecasts } from './0008_forecasts.js';
import { orders } from './0009_orders.js';
import { settings } from './0010_settings.js';
import { balanceLatestMovement } from './0011_balance_latest_movement.js';
import { transferExpectedArrival } from './0012_transfer_expected_arrival.js';
import { heldBalances } from './0013_held_balances.js';
import { movementDocuments } from './0014_movement_documents.js';
import { forecastRunSummary } from './0015_forecast_run_summary.js';
import { salesHistoryStockOuts } from './0016_sales_history_stock_outs.js';
import { forecastSpread } from './0017_forecast_spread.js';
import { promotions } from './0018_promotions.js';
import { forecastCombination } from './0019_forecast_combination.js';
import { plans } from './0020_plans.js';
import type { VersionedMigration } from './migration.js';

/** Every migration, by version. Versions sort by name; a new one gets the next number. */
const migrations: Record<string, VersionedMigration> = {
  '0001_catalog_and_ledger': catalogAndLedger,
  '0002_security_and_events': securityAndEvents,
  '0003_suppliers_and_sales_history': suppliersAndSalesHistory,
  '0004_purchase_orders': purchaseOrders,
  '0005_transfer_orders': transferOrders,
  '0006_cycle_counts': cycleCounts,
  '0007_returns': customerReturns,
  '0008_forecasts': forecasts,
  '0009_orders': orders,
  '0010_settings': settings,
  '0011_balance_latest_movement': balanceLatestMovement,
  '0012_transfer_expected_arrival': transferExpectedArrival,
  '0013_held_balances': heldBalances,
  '0014_movement_documents': movementDocuments,
  '0015_forecast_run_summary': forecastRunSummary,
  '0016_sales_history_stock_outs': salesHistoryStockOuts,
  '0017_forecast_spread': forecastSpread,
  '0018_promotions': promotions,
  '0019_forecast_combination': forecastCombination,
  '0020_plans': plans,
};

/** Applies every pending migration, each in its own transaction. */
export async function migrateToLatest(store: Store): Promise<string[]> {
  const migrator = new Migrator({
    db: store.db as unknown as Kysely<unknown>,
    // On PostgreSQL the migrator must look for its own tables in our schema, not in any schema.
    ...(store.schema ? { migrationTableSchema: store.schema } : {}),
    provider: {
      async getMigrations() {
        const bound: Record<string, Migration> = {};
        for (const [version, migration] of Object.entries(migrations)) {
          bound[version] = { up: (db) => migration.up(db, store.capabilities) };
        }
        return bound;
      },
    },
  });
  const { error, results } = await migrator.migrateToLatest();
  // A database that cannot be reached says so itself; anything else is the migration's own failure.
  if (isDomainError(error)) throw error;
  if (error) throw new Error(`database migration failed: ${(error as Error).message}`, { cause: error });
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
