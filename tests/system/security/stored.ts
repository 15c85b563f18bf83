import type { Db } from '@coach/data';
import { sql } from 'drizzle-orm';

/** Searches the database itself, not the API: what is stored anywhere, in any table of a schema. */

type Rows<T> = { rows: T[] };

async function query<T>(db: Db, statement: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(statement)) as unknown as Rows<T>).rows;
}

/** Every text and JSON column of every table in `schema` (partitions included). */
export async function textColumns(db: Db, schema: string): Promise<Array<{ table: string; column: string }>> {
  return query(
    db,
    sql`select table_name as "table", column_name as "column"
        from information_schema.columns
        where table_schema = ${schema} and data_type in ('text', 'jsonb', 'json', 'character varying')
        order by table_name, column_name`,
  );
}

/**
 * Where in `schema` a value matching the POSIX regular expression `pattern` is stored:
 * `["job.data: 2", …]`, empty when nowhere.
 */
export async function placesHolding(db: Db, schema: string, pattern: string): Promise<string[]> {
  const found: string[] = [];
  for (const { table, column } of await textColumns(db, schema)) {
    const [row] = await query<{ n: number }>(
      db,
      sql`select count(*)::int as n from ${sql.identifier(schema)}.${sql.identifier(table)}
          where ${sql.identifier(column)}::text ~ ${pattern}`,
    );
    if (row && row.n > 0) found.push(`${table}.${column}: ${row.n}`);
  }
  return found;
}

/** A POSIX pattern for `text` itself (its regular-expression characters escaped). */
export const literally = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The ways a student's id appears in stored JSON and pg-boss keys: `"user_id": 7`, `user:7`. */
export const userIdPattern = (id: number) => `"user_id": ?${id}([^0-9]|$)|user:${id}([^0-9]|$)`;
