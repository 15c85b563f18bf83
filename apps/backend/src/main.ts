import path from 'node:path';
import { pino } from 'pino';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { migrateDatabase, openDatabase } from './db/database.ts';
import { startQueue } from './queue/queue.ts';
import { loadSecrets } from './secrets.ts';

/** Starts the Backend alone: database (migrated), queue, HTTP server. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({
    level: config.logLevel,
    redact: ['req.headers.authorization', 'headers.authorization'],
  });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrateDatabase(database);
  const secrets = loadSecrets(config);
  const queue = await startQueue(database);
  const app = await createApp({ config, secrets, database, queue, logger });
  await app.listen({ port: config.port, host: config.host });

  const where = database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  logger.info({ database: database.kind }, `Backend listening on http://${config.host}:${config.port} with ${where}`);
  for (const key of secrets.fromDataDir) {
    if (key === 'tokenSecret') continue;
    const name = key === 'adminToken' ? 'COACH_ADMIN_TOKEN' : 'COACH_INTERNAL_TOKEN';
    // printed on purpose (SYSTEM.md): the operator needs it and did not set it anywhere they can read
    console.log(`${name} (not set; kept in ${path.join(config.dataDir, 'secrets.json')}): ${secrets[key]}`);
  }

  const shutdown = async (signal: string) => {
    logger.info(`${signal}: shutting down`);
    await app.close();
    await queue.stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
