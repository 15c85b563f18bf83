import path from 'node:path';
import { createLogger, type JobQueue, loadSecrets, type Secrets, startQueue } from '@coach/runtime';
import type { FastifyBaseLogger } from 'fastify';
import { createApp } from './app.ts';
import type { ZodApp } from './app-context.ts';
import { type Config, loadConfig } from './config.ts';
import { type Database, migrateDatabase, openDatabase, queueConnection } from './db/database.ts';

export interface RunningBackend {
  app: ZodApp;
  config: Config;
  secrets: Secrets;
  database: Database;
  queue: JobQueue;
  logger: FastifyBaseLogger;
  url: string;
  stop(): Promise<void>;
}

/** Opens (and migrates) the database, starts the queue and serves the Backend's HTTP API. */
export async function startBackendService(
  env: Record<string, string | undefined> = process.env,
): Promise<RunningBackend> {
  const config = loadConfig(env);
  const logger = createLogger(config.logLevel, 'backend');
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrateDatabase(database);
  const secrets = loadSecrets(config);
  // pg-boss sends scheduled jobs only from instances started with `schedule`
  const queue = await startQueue(queueConnection(database), { schedule: config.generationScheduleMinutes > 0 });
  const app = await createApp({ config, secrets, database, queue, logger });
  await app.listen({ port: config.port, host: config.host });
  const where = database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  const url = `http://${config.host}:${config.port}`;
  logger.info({ database: database.kind }, `Backend listening on ${url} with ${where}`);
  return {
    app,
    config,
    secrets,
    database,
    queue,
    logger,
    url,
    async stop() {
      await app.close();
      await queue.stop();
      await database.close();
    },
  };
}

/**
 * The tokens the operator did not set, to print at start (SYSTEM.md): they live only in
 * `DATA_DIR/secrets.json`, and the operator needs the admin token to do anything.
 */
export function unsetTokenLines(backend: Pick<RunningBackend, 'config' | 'secrets'>): string[] {
  const file = path.join(backend.config.dataDir, 'secrets.json');
  return backend.secrets.fromDataDir
    .filter((key) => key !== 'tokenSecret')
    .map((key) => {
      const name = key === 'adminToken' ? 'COACH_ADMIN_TOKEN' : 'COACH_INTERNAL_TOKEN';
      return `${name} (not set; kept in ${file}): ${backend.secrets[key]}`;
    });
}
