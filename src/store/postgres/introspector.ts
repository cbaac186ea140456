import { sql } from 'kysely';
import type { DatabaseIntrospector, DatabaseMetadata, Kysely, SchemaMetadata, TableMetadata } from 'kysely';

/**
 * Sees only the tables of the store's own schema. Kysely's own introspector, which the migrator asks
 * whether its table exists, reads every schema of the database and looks each one up by name: while
 * another store's schema is being dropped (tests and benchmarks drop theirs), that lookup fails with
 * "schema … does not exist" and the migration with it. Tables come without their columns; nothing
 * here needs them.
 */
export class StoreSchemaIntrospector implements DatabaseIntrospector {
  readonly #db: Kysely<unknown>;

  constructor(db: Kysely<unknown>) {
    this.#db = db;
  }

  async getSchemas(): Promise<SchemaMetadata[]> {
    const { rows } = await sql<{ name: string }>`select current_schema() as name`.execute(this.#db);
    return rows.map((r) => ({ name: r.name }));
  }

  async getTables(): Promise<TableMetadata[]> {
    const { rows } = await sql<{ name: string; schema: string; type: string }>`
      select table_name as name, table_schema as schema, table_type as type
        from information_schema.tables
       where table_schema = current_schema()`.execute(this.#db);
    return rows.map((r) => ({ name: r.name, schema: r.schema, isView: r.type === 'VIEW', columns: [] }));
  }

  async getMetadata(): Promise<DatabaseMetadata> {
    return { tables: await this.getTables() };
  }
}
