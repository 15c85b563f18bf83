import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext, ZodApp } from '../app-context.ts';

const Health = z
  .object({ status: z.string(), database: z.string(), queue: z.string(), brain: z.string() })
  .meta({ id: 'Health' });

const PROBE_TIMEOUT_MS = 1_500;

function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    work,
    new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new Error(`${what} did not answer within ${PROBE_TIMEOUT_MS} ms`)),
        PROBE_TIMEOUT_MS,
      ).unref(),
    ),
  ]);
}

async function probe(check: () => Promise<unknown>, what: string): Promise<string> {
  try {
    await withTimeout(check(), what);
    return 'ok';
  } catch (error) {
    return `error: ${error instanceof Error ? error.message : String(error)}`;
  }
}

export function registerHealthRoutes(app: ZodApp, ctx: AppContext): void {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['health'],
        summary: 'Whether the database, queue and Brain answer',
        response: { 200: Health, 503: Health },
      },
    },
    async (_request, reply) => {
      const [database, queue, brain] = await Promise.all([
        probe(() => ctx.db.execute(sql`select 1`), 'database'),
        probe(() => ctx.queue.check(), 'queue'),
        probe(async () => {
          const response = await fetch(`${ctx.config.brainUrl}/health`, {
            signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
          });
          if (!response.ok) throw new Error(`Brain answered ${response.status}`);
        }, 'Brain'),
      ]);
      const status = database !== 'ok' ? 'error' : queue === 'ok' && brain === 'ok' ? 'ok' : 'degraded';
      return reply.status(database === 'ok' ? 200 : 503).send({ status, database, queue, brain });
    },
  );
}
