import { openDatabase } from '@coach/data';
import type { JobQueue } from '@coach/runtime';
import { type BackendHttpOptions, createApp, createAppContext } from './app.ts';
import type { ZodApp } from './app-context.ts';
import { loadConfig } from './config.ts';

// the app only registers its routes: it serves no request, so nothing reaches the database or the queue
// (the pool connects on its first query, and there is none; the queue's work starts with the server, not here)
const NO_DATABASE = 'postgres://unused@127.0.0.1:1/unused';
const NO_QUEUE = {} as JobQueue;

/**
 * Builds the Backend's app as `npm start` does, on a database it never connects to and no queue, hands
 * it to `read` once it is ready (its routes registered, its OpenAPI document complete), and closes it.
 * For tools that describe the API: the route list, the generated client types.
 */
export async function readIdleApp<T>(
  options: Pick<BackendHttpOptions, 'webRoot' | 'onRoute'>,
  read: (app: ZodApp) => T | Promise<T>,
): Promise<T> {
  const database = openDatabase({ databaseUrl: NO_DATABASE });
  try {
    const context = createAppContext({
      config: loadConfig({}),
      secrets: { adminToken: 'unused', internalToken: 'unused', tokenSecret: 'unused', fromDataDir: [] },
      database,
      queue: NO_QUEUE,
    });
    const app = await createApp(context, options);
    await app.ready();
    try {
      return await read(app);
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
}
