import type { JobQueue } from '@coach/runtime';
import { type BackendDeps, createApp } from './app.ts';
import type { ZodApp } from './app-context.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';

// the app is read, never serves a request: no queue call has anything to do
const idleQueue = new Proxy({}, { get: () => async () => undefined }) as JobQueue;
// nor any database call: the pool connects on its first query, and there is none
const NO_DATABASE = 'postgres://unused@127.0.0.1:1/unused';

/**
 * Builds the Backend's app as `npm start` does, on a database it never connects to and an idle queue, hands
 * it to `read` once it is ready (its routes registered, its OpenAPI document complete), and closes it.
 * For tools that describe the API: the route list, the generated client types.
 */
export async function readIdleApp<T>(
  options: Pick<BackendDeps, 'webRoot' | 'onRoute'>,
  read: (app: ZodApp) => T | Promise<T>,
): Promise<T> {
  const database = openDatabase({ databaseUrl: NO_DATABASE });
  try {
    const app = await createApp({
      config: loadConfig({}),
      secrets: { adminToken: 'unused', internalToken: 'unused', tokenSecret: 'unused', fromDataDir: [] },
      database,
      queue: idleQueue,
      ...options,
    });
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
