import { sql } from 'kysely';
import { toIsoStringOrNull } from '../store/index.js';
import type { Store } from '../store/index.js';
import { documentDisagreements } from './verify-documents.js';
import type { DocumentDisagreement } from './verify-documents.js';

/** A cached balance that disagrees with the fold of the ledger, in its quantity or its latest movement time. */
export interface BalanceDrift {
  sku: string;
  locationId: string;
  cached: number;
  ledger: number;
  /** When the times differ: the balance's latest movement time, and the ledger's (null: none). */
  latestAt?: { cached: string | null; ledger: string | null };
}

/** A SKU whose balances over all locations, real and virtual, do not sum to zero. */
export interface ConservationBreach {
  sku: string;
  total: number;
}

/** A `reserved` figure that disagrees with the active reservations, or exceeds what is on hand. */
export interface ReservationDrift {
  sku: string;
  locationId: string;
  reserved: number;
  activeReservations: number;
  onHand: number;
}

/** A location with a stock floor that is below it. */
export interface NegativeStock {
  sku: string;
  locationId: string;
  onHand: number;
}

export interface VerificationReport {
  ok: boolean;
  movements: number;
  balances: number;
  drift: BalanceDrift[];
  conservation: ConservationBreach[];
  reservations: ReservationDrift[];
  negative: NegativeStock[];
  /** Documents (transfers, purchase orders, returns) whose figures the ledger does not bear out. */
  documents: DocumentDisagreement[];
}

/**
 * Rebuilds every balance from the ledger and checks the invariants: each cached on-hand equals the
 * fold of its movements (derivability), each SKU's balances sum to zero (conservation), `reserved`
 * equals the active reservations and never exceeds on hand, no location with a floor is below it,
 * and every document that holds or records stock agrees with the ledger (see `documentDisagreements`).
 */
export async function verifyLedger(store: Store): Promise<VerificationReport> {
  const { db } = store;
  // One pass over the balances and both legs of every movement, grouped: no join, so it stays
  // linear in the size of the ledger on both databases.
  // The latest movement time a balance keeps (which spares postings dated now a read of the ledger)
  // is checked the same way.
  const drift = await sql<{
    sku: string;
    location_id: string;
    cached: number;
    ledger: number;
    cached_at: Date | string | null;
    ledger_at: Date | string | null;
  }>`
    select sku, location_id, sum(cached) as cached, sum(ledger) as ledger,
           max(cached_at) as cached_at, max(ledger_at) as ledger_at from (
      select sku, location_id, on_hand as cached, 0 as ledger, latest_at as cached_at, null as ledger_at from balances
      union all
      select sku, to_location_id, 0, quantity, null, occurred_at from movements
      union all
      select sku, from_location_id, 0, -quantity, null, occurred_at from movements
    ) as entries
    group by sku, location_id
    having sum(cached) <> sum(ledger)
        or (max(cached_at) is null) <> (max(ledger_at) is null)
        or max(cached_at) <> max(ledger_at)
    order by sku, location_id`.execute(db);

  const conservation = await db
    .selectFrom('balances')
    .select((eb) => ['sku', eb.fn.sum<number>('on_hand').as('total')])
    .groupBy('sku')
    .having((eb) => eb.fn.sum('on_hand'), '<>', 0)
    .orderBy('sku')
    .execute();

  const reservations = await sql<{
    sku: string;
    location_id: string;
    reserved: number;
    active: number | null;
    on_hand: number;
  }>`
    select b.sku, b.location_id, b.reserved, r.active, b.on_hand
      from balances b
      left join (
        select sku, location_id, sum(quantity) as active from reservations where status = 'active' group by sku, location_id
      ) r on r.sku = b.sku and r.location_id = b.location_id
     where b.reserved <> coalesce(r.active, 0) or (b.reserved > 0 and b.reserved > b.on_hand)
    union all
    select r.sku, r.location_id, 0, sum(r.quantity), 0
      from reservations r
     where r.status = 'active'
       and not exists (select 1 from balances b where b.sku = r.sku and b.location_id = r.location_id)
     group by r.sku, r.location_id
     order by 1, 2`.execute(db);

  const negative = await db
    .selectFrom('balances')
    .innerJoin('locations', 'locations.id', 'balances.location_id')
    .select(['balances.sku', 'balances.location_id', 'balances.on_hand'])
    .where('balances.on_hand', '<', 0)
    .where((eb) =>
      eb.or([
        eb('locations.kind', 'in', ['transit', 'quarantine']),
        eb.and([
          eb('locations.kind', 'in', ['distribution_centre', 'warehouse', 'store']),
          eb('locations.allow_negative_stock', '=', 0),
        ]),
      ]),
    )
    .orderBy('balances.sku')
    .orderBy('balances.location_id')
    .execute();

  const counts = await db
    .selectNoFrom((eb) => [
      eb.selectFrom('movements').select(eb.fn.countAll<number>().as('n')).as('movements'),
      eb.selectFrom('balances').select(eb.fn.countAll<number>().as('n')).as('balances'),
    ])
    .executeTakeFirstOrThrow();

  const report: VerificationReport = {
    ok: false,
    movements: Number(counts.movements ?? 0),
    balances: Number(counts.balances ?? 0),
    drift: drift.rows.map((r) => {
      const cachedAt = toIsoStringOrNull(r.cached_at);
      const ledgerAt = toIsoStringOrNull(r.ledger_at);
      return {
        sku: r.sku,
        locationId: r.location_id,
        cached: Number(r.cached ?? 0),
        ledger: Number(r.ledger ?? 0),
        ...(cachedAt === ledgerAt ? {} : { latestAt: { cached: cachedAt, ledger: ledgerAt } }),
      };
    }),
    conservation: conservation.map((r) => ({ sku: r.sku, total: Number(r.total) })),
    reservations: reservations.rows.map((r) => ({
      sku: r.sku,
      locationId: r.location_id,
      reserved: Number(r.reserved),
      activeReservations: Number(r.active ?? 0),
      onHand: Number(r.on_hand),
    })),
    negative: negative.map((r) => ({ sku: r.sku, locationId: r.location_id, onHand: Number(r.on_hand) })),
    documents: await documentDisagreements(db),
  };
  report.ok =
    report.drift.length +
      report.conservation.length +
      report.reservations.length +
      report.negative.length +
      report.documents.length ===
    0;
  return report;
}
