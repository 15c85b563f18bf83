import { z } from 'zod';
import type { AppContext, ZodApp } from '../app-context.ts';
import { createHealthRepository } from './repository.ts';
import { createHealthService } from './service.ts';

const Health = z
  .object({ status: z.string(), database: z.string(), queue: z.string(), brain: z.string() })
  .meta({ id: 'Health' });

export function registerHealthRoutes(app: ZodApp, ctx: AppContext): void {
  const health = createHealthService({
    health: createHealthRepository(ctx.db),
    queue: ctx.queue,
    brainUrl: ctx.config.brainUrl,
  });

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
      const answer = await health.check();
      return reply.status(answer.database === 'ok' ? 200 : 503).send(answer);
    },
  );
}
