import { eq } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { dataMigrations } from '../schema.ts';
import { redactStoredContactDetails } from './redact-contact-details.ts';

/** One step over stored rows, run once (by name) after the SQL migrations. */
interface DataMigration {
  name: string;
  run(db: Db): Promise<Record<string, number>>;
  /** One line for the start-up log, from the counts. */
  summary(details: Record<string, number>): string;
}

/** What a data migration did when it ran now: its name and its counts. */
export interface DataMigrationReport {
  name: string;
  details: Record<string, number>;
  summary: string;
}

const DATA_MIGRATIONS: DataMigration[] = [
  // issue 17: memories and personas written before the Backend refused contact details
  {
    name: 'redact-contact-details',
    run: async (db) => ({ ...(await redactStoredContactDetails(db)) }),
    summary: (d) =>
      `redacted contact details in ${count(d.memories, 'memory', 'memories')} and ${count(d.personas, 'persona', 'personas')} (${count(d.persona_revisions, 'persona revision', 'persona revisions')})`,
  },
];

const count = (n = 0, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Runs every data migration not recorded in `data_migrations` yet, in order, recording each after it
 * finished; the caller holds the migration lock. Returns what ran now.
 */
export async function runDataMigrations(db: Db): Promise<DataMigrationReport[]> {
  const reports: DataMigrationReport[] = [];
  for (const migration of DATA_MIGRATIONS) {
    const [done] = await db.select().from(dataMigrations).where(eq(dataMigrations.name, migration.name));
    if (done) continue;
    const details = await migration.run(db);
    await db.insert(dataMigrations).values({ name: migration.name, details }).onConflictDoNothing();
    reports.push({ name: migration.name, details, summary: migration.summary(details) });
  }
  return reports;
}

export { type ContactDetailRedactionReport, redactStoredContactDetails } from './redact-contact-details.ts';
