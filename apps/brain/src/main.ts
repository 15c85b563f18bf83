import { openDatabase } from '@coach/data';
import { createLogger, loadSecrets, startQueue } from '@coach/runtime';
import { startBrainService } from './server.ts';

/**
 * The Brain alone, as its own process: it shares the database (chat turns read and write it directly)
 * and the queue with the Backend on the PostgreSQL server named by DATABASE_URL. The Backend migrates it;
 * `npm start` runs both in one process on the embedded server, which a Brain of its own finds only
 * through DATABASE_URL (the embedded server listens on 127.0.0.1 at the port the Backend's start line
 * names, database `coach`).
 */
const env = process.env;
const logger = createLogger(env.LOG_LEVEL ?? 'info', 'brain');
try {
  if (!env.DATABASE_URL)
    throw new Error('The Brain as its own process needs DATABASE_URL (PostgreSQL): the database and queue it shares.');
  const secrets = loadSecrets({
    dataDir: env.DATA_DIR ?? './data',
    adminToken: env.COACH_ADMIN_TOKEN,
    internalToken: env.COACH_INTERNAL_TOKEN,
    tokenSecret: env.COACH_TOKEN_SECRET,
  });
  const database = openDatabase({ databaseUrl: env.DATABASE_URL });
  const queue = await startQueue({ connectionString: env.DATABASE_URL });
  const brain = await startBrainService({ database, queue, tokens: secrets, logger });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void Promise.all([brain.stop(), queue.stop()])
        .then(() => database.close())
        .then(() => process.exit(0));
    });
  }
} catch (error) {
  logger.fatal(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
