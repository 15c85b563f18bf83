import path from 'node:path';
import { type Database, queueConnection } from '@coach/data';
import { createLogger, type JobQueue, loadSecrets, type Secrets, startQueue } from '@coach/runtime';
import type { FastifyBaseLogger } from 'fastify';
import { createApp, createAppContext } from './app.ts';
import type { ZodApp } from './app-context.ts';
import { startBackgroundWork } from './background-work.ts';
import { type Config, loadConfig, withModerationLog } from './config.ts';
import { openSystemDatabase } from './db/system-database.ts';

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

/**
 * The Backend's start-up: opens (and migrates) the database, starts the queue, serves the HTTP API and
 * starts the queue work beside it (dead letters, the generation schedule).
 */
export async function startBackendService(
  env: Record<string, string | undefined> = process.env,
): Promise<RunningBackend> {
  const loaded = loadConfig(env);
  const logger = createLogger(loaded.logLevel, 'backend');
  const config = withModerationLog(loaded, env, logger);
  const system = await openSystemDatabase(config, logger);
  const { database } = system;
  const started: Array<() => Promise<void>> = [system.close];
  const stop = async () => {
    for (const close of [...started].reverse()) await close();
  };
  try {
    const secrets = loadSecrets(config);
    // pg-boss sends scheduled jobs only from instances started with `schedule`
    const queue = await startQueue(queueConnection(database), { schedule: config.generationScheduleMinutes > 0 });
    started.push(() => queue.stop());
    const context = createAppContext({ config, secrets, database, queue });
    const app = await createApp(context, { logger });
    started.push(() => app.close());
    started.push(await startBackgroundWork(context, logger));
    await app.listen({ port: config.port, host: config.host });
    const url = `http://${config.host}:${config.port}`;
    logger.info(`Backend listening on ${url} with ${system.where}`);
    return { app, config, secrets, database, queue, logger, url, stop };
  } catch (error) {
    // a port in use, say: what started is stopped again, the embedded server included
    await stop().catch(() => {});
    throw error;
  }
}

/**
 * The admin token, when the operator did not set it, to print at start: it lives only in
 * `DATA_DIR/secrets.json`, and the operator needs it to do anything. The internal token is never
 * printed: nobody types it (Backend and Brain read it from the same place).
 */
export function unsetTokenLines(backend: Pick<RunningBackend, 'config' | 'secrets'>): string[] {
  if (!backend.secrets.fromDataDir.includes('adminToken')) return [];
  const file = path.join(backend.config.dataDir, 'secrets.json');
  return [`COACH_ADMIN_TOKEN (not set; kept in ${file}): ${backend.secrets.adminToken}`];
}
