import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, migrateDatabase, openDatabase } from '../src/db/database.ts';

/** Which database the DB tests run on: `TEST_DATABASE=postgres` or (default) embedded PGlite. */
export const testDatabaseKind = process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'pglite';

/** The machine's PostgreSQL server; each test file gets a database of its own on it. */
const SERVER_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function withServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`TEST_DATABASE=postgres but PostgreSQL at ${SERVER_URL} cannot be reached: ${String(error)}`);
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new, migrated, empty database of the kind under test; `close` drops it again. */
export async function freshDatabase(): Promise<Database> {
  if (testDatabaseKind === 'pglite') {
    const database = await openDatabase({});
    await migrateDatabase(database);
    return database;
  }
  const name = `coach_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withServer((client) => client.query(`create database ${name}`));
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString() });
  await migrateDatabase(database);
  const close = database.close;
  return {
    ...database,
    async close() {
      await close();
      await withServer((client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}
