import { sql } from 'kysely';
import type { Db } from '../store/index.js';

/**
 * A document whose figures the ledger does not bear out: a transfer order's units in transit against
 * its transit balance, a purchase order's received units against its receipts' movements, or the
 * units open customer returns hold in a location's quarantine against that quarantine's balance.
 */
export interface DocumentDisagreement {
  document: 'transfer_order' | 'purchase_order' | 'customer_return';
  /** The documents concerned (several returns may share a quarantine). */
  documentIds: string[];
  sku: string;
  /** Where the stock is: the transit, the receiving location, the quarantine. */
  locationId: string;
  /** What the documents say. */
  expected: number;
  /** What the ledger says. */
  ledger: number;
  /** The disagreement in words. */
  problem: string;
}

/**
 * Checks the documents that hold or record stock against the ledger. Each check is one grouped
 * statement over the documents' lines (and, for purchase orders, their receipts' postings), so it
 * stays linear in their size on both databases.
 */
export async function documentDisagreements(db: Db): Promise<DocumentDisagreement[]> {
  return [...(await transferOrders(db)), ...(await purchaseOrders(db)), ...(await quarantines(db))];
}

/**
 * A transfer order owns its whole transit location: while shipped, it holds exactly what its lines
 * still have on the way; before shipping and once received, nothing.
 */
async function transferOrders(db: Db): Promise<DocumentDisagreement[]> {
  const { rows } = await sql<{ id: string; sku: string; status: string; expected: number; ledger: number }>`
    select t.id, l.sku, t.status, l.quantity - l.received - l.shortfall as expected, coalesce(b.on_hand, 0) as ledger
      from transfer_orders t
      join transfer_order_lines l on l.transfer_id = t.id
      left join balances b on b.location_id = 'transit:' || t.id and b.sku = l.sku
     where t.status in ('shipped', 'partially_received') and l.quantity - l.received - l.shortfall <> coalesce(b.on_hand, 0)
    union all
    select t.id, b.sku, t.status, 0, b.on_hand
      from balances b
      join transfer_orders t on b.location_id = 'transit:' || t.id
     where b.on_hand <> 0
       and (t.status not in ('shipped', 'partially_received')
            or not exists (select 1 from transfer_order_lines l where l.transfer_id = t.id and l.sku = b.sku))
     order by 1, 2`.execute(db);
  return rows.map((r) => {
    const [expected, ledger] = [Number(r.expected), Number(r.ledger)];
    return {
      document: 'transfer_order',
      documentIds: [r.id],
      sku: r.sku,
      locationId: `transit:${r.id}`,
      expected,
      ledger,
      problem: `transfer ${r.id} (${r.status.replace('_', ' ')}) has ${expected} of ${r.sku} in transit, its transit holds ${ledger}`,
    };
  });
}

/** A purchase order's received units are what its receipts posted into stock, line by line. */
async function purchaseOrders(db: Db): Promise<DocumentDisagreement[]> {
  const { rows } = await sql<{ id: string; sku: string; location_id: string; expected: number; ledger: number }>`
    select l.order_id as id, l.sku, o.location_id, l.received as expected, coalesce(m.quantity, 0) as ledger
      from purchase_order_lines l
      join purchase_orders o on o.id = l.order_id
      left join (
        select r.order_id, m.sku, sum(m.quantity) as quantity
          from purchase_order_receipts r
          join movements m on m.posting_id = r.posting_id and m.kind = 'receive'
         group by r.order_id, m.sku
      ) m on m.order_id = l.order_id and m.sku = l.sku
     where l.received <> coalesce(m.quantity, 0)
     order by 1, 2`.execute(db);
  return rows.map((r) => {
    const [expected, ledger] = [Number(r.expected), Number(r.ledger)];
    return {
      document: 'purchase_order',
      documentIds: [r.id],
      sku: r.sku,
      locationId: r.location_id,
      expected,
      ledger,
      problem: `purchase order ${r.id} says ${expected} of ${r.sku} were received, its receipts posted ${ledger}`,
    };
  });
}

/**
 * A location's quarantine must still hold every unit its open returns await inspection of. (It may
 * hold more: imported history can bring quarantined units without their returns.)
 */
async function quarantines(db: Db): Promise<DocumentDisagreement[]> {
  const { rows } = await sql<{ id: string; location_id: string; sku: string; quantity: number; ledger: number }>`
    select r.id, r.location_id, l.sku, l.quantity, coalesce(b.on_hand, 0) as ledger
      from returns r
      join return_lines l on l.return_id = r.id
      left join balances b on b.location_id = 'quarantine:' || r.location_id and b.sku = l.sku
     where l.disposition = 'quarantine' and l.outcome is null
     order by r.location_id, l.sku, r.id`.execute(db);
  const held = new Map<string, { locationId: string; sku: string; ids: string[]; expected: number; ledger: number }>();
  for (const r of rows) {
    const key = `${r.location_id}\u0000${r.sku}`;
    const entry = held.get(key) ?? {
      locationId: r.location_id,
      sku: r.sku,
      ids: [],
      expected: 0,
      ledger: Number(r.ledger),
    };
    entry.ids.push(r.id);
    entry.expected += Number(r.quantity);
    held.set(key, entry);
  }
  return [...held.values()]
    .filter((h) => h.ledger < h.expected)
    .map((h) => ({
      document: 'customer_return',
      documentIds: h.ids,
      sku: h.sku,
      locationId: `quarantine:${h.locationId}`,
      expected: h.expected,
      ledger: h.ledger,
      problem: `returns ${h.ids.join(', ')} await inspection of ${h.expected} of ${h.sku}, quarantine:${h.locationId} holds ${h.ledger}`,
    }));
}
