import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { QueueConnection } from '@coach/runtime';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { type DataMigrationReport, runDataMigrations } from './data-migrations/index.ts';
import { createReplyWaiters, type ReplyWaiters } from './reply-waiters.ts';
import { schema } from './schema.ts';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** An open database: Drizzle for the application, the pool for raw work, the URL for pg-boss. */
export interface Database {
  db: Db;
  pool: pg.Pool;
  connectionString: string;
  /**
   * Students waiting in this process on a turn of this database: whoever stores the reply in this
   * process (the Backend's route, or the built-in Brain sharing this object) hands it to them.
   */
  replies: ReplyWaiters;
  close(): Promise<void>;
}

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

// Any fixed number: every process that migrates takes this lock first, so replicas starting
// together do not apply the same migration twice.
const MIGRATION_LOCK = 727_001;

/** A pool on the PostgreSQL server at `databaseUrl` (the embedded one or an external one). */
export function openDatabase(options: { databaseUrl: string }): Database {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
  // an idle client that loses its server must not crash the process; the next query reports it
  pool.on('error', () => {});
  // the pool listens only to idle clients: one checked out for a transaction whose server goes away
  // between two queries would throw an unhandled 'error' event and end the process; its next query fails instead
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = drizzle(pool, { schema }) as unknown as Db;
  return { db, pool, connectionString: options.databaseUrl, replies: createReplyWaiters(), close: () => pool.end() };
}

/**
 * Applies every pending migration, then every data migration not run yet (packages/data/src/data-migrations),
 * and answers what the data migrations reported; safe to call from several processes at once.
 */
export async function migrateDatabase(database: Database): Promise<DataMigrationReport[]> {
  const client = await database.pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migrate(drizzle(client), { migrationsFolder });
    return await runDataMigrations(drizzle(client, { schema }) as unknown as Db);
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
}

/** How pg-boss reaches this database: a pool of its own on the same server. */
export function queueConnection(database: Database): QueueConnection {
  return { connectionString: database.connectionString };
}
