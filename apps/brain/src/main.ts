import { createLogger, loadSecrets, startQueue } from '@coach/runtime';
import { startBrainService } from './server.ts';

/**
 * The Brain alone, as its own process: it shares the queue with the Backend through the PostgreSQL
 * server named by DATABASE_URL (`npm start` runs both in one process on the embedded server).
 */
const env = process.env;
const logger = createLogger(env.LOG_LEVEL ?? 'info', 'brain');
try {
  if (!env.DATABASE_URL)
    throw new Error('The Brain as its own process needs DATABASE_URL (PostgreSQL) for the shared queue.');
  const secrets = loadSecrets({
    dataDir: env.DATA_DIR ?? './data',
    adminToken: env.COACH_ADMIN_TOKEN,
    internalToken: env.COACH_INTERNAL_TOKEN,
    tokenSecret: env.COACH_TOKEN_SECRET,
  });
  const queue = await startQueue({ connectionString: env.DATABASE_URL });
  const brain = await startBrainService({ queue, tokens: secrets, logger });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void Promise.all([brain.stop(), queue.stop()]).then(() => process.exit(0));
    });
  }
} catch (error) {
  logger.fatal(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
