import type { HttpApp } from '@coach/runtime';
import { z } from 'zod';
import type { BrainDeps } from '../app.ts';

/** `GET /health`: up, and which model answers; open to everyone. */
export function registerHealthRoutes(app: HttpApp, deps: Pick<BrainDeps, 'llmDescription'>): void {
  app.get(
    '/health',
    { schema: { tags: ['health'], response: { 200: z.object({ status: z.string(), llm: z.string() }) } } },
    async () => ({ status: 'ok', llm: deps.llmDescription }),
  );
}
