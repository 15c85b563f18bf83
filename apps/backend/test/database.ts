import { randomBytes } from 'node:crypto';
import { type Database, migrateDatabase, openDatabase } from '@coach/data';
import pg from 'pg';

/**
 * The run's PostgreSQL server (the global setup puts its URL in TEST_POSTGRES_URL: an embedded
 * server, or one you name), where each test file gets databases of its own.
 */
export function testServerUrl(): string {
  const url = process.env.TEST_DATABASE_URL || process.env.TEST_POSTGRES_URL;
  if (!url) throw new Error('no test database server: run database tests through vitest (its global setup starts one)');
  return url;
}

export async function withServer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`PostgreSQL at ${new URL(serverUrl).host} cannot be reached: ${String(error)}`);
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const databaseUrl = (serverUrl: string, name: string) => {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

/** A migrated, empty database to copy: each fresh database costs a file copy instead of a migration. */
export async function buildTemplateDatabase(serverUrl: string): Promise<string> {
  const name = `coach_template_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withServer(serverUrl, (client) => client.query(`create database ${name}`));
  const database = openDatabase({ databaseUrl: databaseUrl(serverUrl, name) });
  try {
    await migrateDatabase(database);
  } finally {
    await database.close();
  }
  return name;
}

export async function dropTemplateDatabase(serverUrl: string, name: string): Promise<void> {
  await withServer(serverUrl, (client) => client.query(`drop database if exists ${name} with (force)`));
}

/** A new, migrated, empty database on the run's server; `close` drops it again. */
export async function freshDatabase(): Promise<Database> {
  const serverUrl = testServerUrl();
  const name = `coach_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const template = process.env.TEST_TEMPLATE_DATABASE;
  // file_copy: for a database this small, copying the files beats replaying the template through WAL
  await withServer(serverUrl, (client) =>
    client.query(
      template ? `create database ${name} template ${template} strategy file_copy` : `create database ${name}`,
    ),
  );
  const database = openDatabase({ databaseUrl: databaseUrl(serverUrl, name) });
  // a no-op on a copy of the template; migrates a database made without one
  await migrateDatabase(database);
  const close = database.close;
  return {
    ...database,
    async close() {
      await close();
      await withServer(serverUrl, (client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}
