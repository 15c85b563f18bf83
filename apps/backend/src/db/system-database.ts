import { existsSync } from 'node:fs';
import path from 'node:path';
import { type Database, migrateDatabase, openDatabase } from '@coach/data';
import type { FastifyBaseLogger } from 'fastify';
import { EMBEDDED_MAJOR, EmbeddedServerError, ensureDatabase, startEmbeddedServer } from './embedded-server.ts';

/** The system's database, migrated, and where it is (for the start-up line). */
export interface SystemDatabase {
  database: Database;
  where: string;
  close(): Promise<void>;
}

/**
 * `DATABASE_URL` when set; otherwise the embedded PostgreSQL server with its data in `DATA_DIR/pg`
 * (started here, stopped by `close`), database `coach`.
 */
export async function openSystemDatabase(
  config: { databaseUrl: string | undefined; dataDir: string },
  logger: FastifyBaseLogger,
): Promise<SystemDatabase> {
  if (config.databaseUrl) {
    const database = openDatabase({ databaseUrl: config.databaseUrl });
    await migrateOrClose(database, async () => {}, logger);
    return {
      database,
      where: `PostgreSQL at ${describeUrl(config.databaseUrl)} (DATABASE_URL)`,
      close: database.close,
    };
  }
  refuseLegacyPglite(config.dataDir);
  const server = await startEmbeddedServer({ dataDir: path.join(config.dataDir, 'pg') });
  server.onExit((code) =>
    logger.error({ code }, 'the embedded PostgreSQL server stopped unexpectedly; starting it again'),
  );
  const database = openDatabase({ databaseUrl: await ensureDatabase(server.url, 'coach') });
  await migrateOrClose(database, server.stop, logger);
  return {
    database,
    where: `embedded PostgreSQL ${EMBEDDED_MAJOR} in ${server.dataDir} (127.0.0.1:${server.port})`,
    async close() {
      await database.close();
      await server.stop();
    },
  };
}

async function migrateOrClose(
  database: Database,
  stopServer: () => Promise<void>,
  logger: FastifyBaseLogger,
): Promise<void> {
  try {
    const reports = await migrateDatabase(database);
    // counts only: a data migration never logs the rows it changed
    for (const report of reports) logger.info({ data_migration: report.name, ...report.details }, report.summary);
  } catch (error) {
    await database.close();
    await stopServer();
    throw error;
  }
}

/** host:port/database, never the password. */
function describeUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

/**
 * Earlier versions kept their data in `DATA_DIR/pglite` (embedded PGlite). Starting empty beside it
 * would look like lost data to a school, so the first start of this version says what to do instead.
 */
function refuseLegacyPglite(dataDir: string): void {
  const legacy = path.join(dataDir, 'pglite');
  if (!existsSync(legacy) || existsSync(path.join(dataDir, 'pg'))) return;
  throw new EmbeddedServerError(
    `${legacy} holds data from an earlier version (embedded PGlite), which this version no longer reads: to keep it, run the earlier version once more and save what you need (GET /api/admin/users/{id}/export per student); to start afresh, move ${legacy} away.`,
  );
}
