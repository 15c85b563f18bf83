import { type Db, schema } from '@coach/data';
import { getTableName, sql } from 'drizzle-orm';

/** Every application table, by its SQL name. */
export const APPLICATION_TABLES = Object.values(schema).map((table) => getTableName(table));

/**
 * A fingerprint of everything a request could have written: per application table its row count
 * and newest row version (`xmin` moves on every insert and update), and the number of pg-boss jobs.
 * Two equal fingerprints around a request mean it wrote nothing.
 */
export async function writeFingerprint(db: Db): Promise<Record<string, string>> {
  const parts = APPLICATION_TABLES.map(
    (table) =>
      sql`(select count(*) || '/' || coalesce(max(xmin::text::bigint), 0) from ${sql.identifier(table)}) as ${sql.identifier(table)}`,
  );
  parts.push(sql`(select count(*)::text from pgboss.job) as "pgboss.job"`);
  const result = (await db.execute(sql`select ${sql.join(parts, sql`, `)}`)) as unknown as {
    rows: Array<Record<string, string>>;
  };
  return result.rows[0]!;
}

/** The tables whose fingerprint differs, e.g. `messages 3/812 → 4/815`. */
export function writesBetween(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(before)
    .filter((table) => before[table] !== after[table])
    .map((table) => `${table} ${before[table]} → ${after[table]}`);
}
