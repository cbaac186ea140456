import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import type { Store } from '../store/index.js';

/** One movement as the bare baseline writes it: the row, and the two balance rows it changes. */
export interface BareMovement {
  id: string;
  postingId: string;
  sku: string;
  from: string;
  to: string;
  quantity: number;
  at: string;
}

/**
 * The floor the ledger is measured against: the same rows written straight through the same driver,
 * with no checks. SQLite runs prepared statements in-process (no round trips to save); PostgreSQL sends
 * multi-row statements, the fastest plain way over a network connection.
 */
export interface BareDriver {
  /** Inserts the movements and upserts both ends' balances, in one transaction. */
  post(movements: readonly BareMovement[]): Promise<void>;
  /** `UPDATE balances SET reserved = reserved + 1 WHERE … AND on_hand - reserved >= 1`, autocommit. */
  reserveOne(sku: string, location: string): Promise<boolean>;
  close(): Promise<void>;
}

const INSERT_MOVEMENT = `insert into movements (id, posting_id, line, sku, from_location_id, to_location_id, quantity, kind, reason, reference, actor, occurred_at, recorded_at)`;
const RESERVE_ONE = `update balances set reserved = reserved + 1 where sku = $1 and location_id = $2 and on_hand - reserved >= 1`;

export function openBareDriver(store: Store, url: string): BareDriver {
  return store.capabilities.name === 'sqlite'
    ? bareSqlite(store.location)
    : barePostgres(url, store.schema ?? 'public');
}

function bareSqlite(filename: string): BareDriver {
  // The same settings as the store's own connection: foreign keys are part of the schema on both
  // databases, so the floor checks them too (PostgreSQL always does).
  const db = new SqliteDatabase(filename);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const insert = db.prepare(`${INSERT_MOVEMENT} values (?, ?, 0, ?, ?, ?, ?, 'bench', null, null, 'bench', ?, ?)`);
  const upsert = db.prepare(
    `insert into balances (sku, location_id, on_hand, reserved, updated_at) values (?, ?, ?, 0, ?)
     on conflict (sku, location_id) do update set on_hand = balances.on_hand + excluded.on_hand, updated_at = excluded.updated_at`,
  );
  const reserve = db.prepare(RESERVE_ONE.replace('$1', '?').replace('$2', '?'));
  const post = db.transaction((movements: readonly BareMovement[]) => {
    for (const m of movements) {
      insert.run(m.id, m.postingId, m.sku, m.from, m.to, m.quantity, m.at, m.at);
      upsert.run(m.sku, m.from, -m.quantity, m.at);
      upsert.run(m.sku, m.to, m.quantity, m.at);
    }
  });
  return {
    async post(movements) {
      post.immediate(movements);
    },
    async reserveOne(sku, location) {
      return reserve.run(sku, location).changes === 1;
    },
    async close() {
      db.close();
    },
  };
}

function barePostgres(url: string, schema: string): BareDriver {
  const pool = new pg.Pool({ connectionString: url, max: 16, options: `-c search_path=${schema}` });
  return {
    async post(movements) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const rows: unknown[] = [];
        const tuples = movements.map((m, i) => {
          rows.push(m.id, m.postingId, m.sku, m.from, m.to, m.quantity, m.at);
          const p = i * 7;
          return `($${p + 1}, $${p + 2}, 0, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}, 'bench', null, null, 'bench', $${p + 7}, $${p + 7})`;
        });
        await client.query(`${INSERT_MOVEMENT} values ${tuples.join(', ')}`, rows);
        const deltas = new Map<string, { sku: string; location: string; delta: number }>();
        for (const m of movements) {
          for (const [location, delta] of [
            [m.from, -m.quantity],
            [m.to, m.quantity],
          ] as const) {
            const key = `${m.sku}\u0000${location}`;
            const entry = deltas.get(key) ?? { sku: m.sku, location, delta: 0 };
            entry.delta += delta;
            deltas.set(key, entry);
          }
        }
        const params: unknown[] = [];
        const values = [...deltas.values()].map((d, i) => {
          params.push(d.sku, d.location, d.delta);
          return `($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3}::bigint, 0, now())`;
        });
        await client.query(
          `insert into balances (sku, location_id, on_hand, reserved, updated_at) values ${values.join(', ')}
           on conflict (sku, location_id) do update set on_hand = balances.on_hand + excluded.on_hand, updated_at = excluded.updated_at`,
          params,
        );
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw error;
      } finally {
        client.release();
      }
    },
    async reserveOne(sku, location) {
      return (await pool.query(RESERVE_ONE, [sku, location])).rowCount === 1;
    },
    close: () => pool.end(),
  };
}
