import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Database, migrateDatabase, openDatabase } from '@coach/data';
import pg from 'pg';
import { ensureDatabase, startEmbeddedServer } from '../apps/backend/src/db/embedded-server.ts';
import type { DatabaseKind } from './scenario.ts';

/** The database `npm start` uses on its embedded server (apps/backend/src/db/system-database.ts). */
const SYSTEM_DATABASE = 'coach';

/**
 * The DATABASE_URL for one system run: a fresh database on the external server, dropped after; for
 * the embedded kind none (the system starts its own server in its DATA_DIR).
 */
export async function benchDatabase(kind: DatabaseKind, serverUrl: string) {
  if (kind === 'embedded') return { url: undefined, drop: async () => {} };
  const url = await createDatabase(serverUrl);
  return { url, drop: () => dropDatabase(serverUrl, url) };
}

/**
 * A server to create databases on: the external one, or for the embedded kind an embedded server
 * started for the bench with the settings `npm start` gives it, durability off (it is loaded and
 * thrown away; reads do not fsync).
 */
export async function benchServer(kind: DatabaseKind, postgresUrl: string) {
  if (kind === 'postgres') return { url: postgresUrl, stop: async () => {} };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'coach-bench-pg-'));
  const server = await startEmbeddedServer({ dataDir: path.join(dir, 'pg'), throwaway: true });
  return {
    url: server.url,
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A new, empty database on the server; answers its URL. */
export async function createDatabase(serverUrl: string): Promise<string> {
  const name = `coach_bench_${randomBytes(4).toString('hex')}`;
  return ensureDatabase(serverUrl, name);
}

export async function dropDatabase(serverUrl: string, databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`);
  } finally {
    await client.end();
  }
}

/**
 * Migrates and loads the database a system run will use, before the system starts: the external
 * database at `databaseUrl`, or (no URL) the embedded server's in `dataDir`, which is started here on
 * DATA_DIR/pg as `npm start` would and stopped again, for the system to find and start the same cluster.
 */
export async function loadSystemDatabase(
  target: { databaseUrl: string | undefined; dataDir: string },
  load: (database: Database) => Promise<void>,
): Promise<void> {
  const server = target.databaseUrl
    ? undefined
    : await startEmbeddedServer({ dataDir: path.join(target.dataDir, 'pg') });
  try {
    const databaseUrl = target.databaseUrl ?? (await ensureDatabase(server!.url, SYSTEM_DATABASE));
    const database = openDatabase({ databaseUrl });
    try {
      await migrateDatabase(database);
      await load(database);
    } finally {
      await database.close();
    }
  } finally {
    await server?.stop();
  }
}
