import { TurnContextRecord } from '@coach/core';
import { z } from 'zod';
import type { AppContext, ZodApp } from '../app-context.ts';
import { IdParams } from '../http/params.ts';
import { createTurnContextService } from './service.ts';

const TurnContextQuery = z.object({
  purpose: z.enum(['chat', 'test-prompt']).describe('chat reads production prompt versions, test-prompt active ones'),
});

/** What a chat turn reads, in one request instead of five (see the service). */
export function registerTurnContextRoutes(app: ZodApp, ctx: AppContext): void {
  const turnContext = createTurnContextService({ db: ctx.db });

  app.get(
    '/api/internal/conversations/:id/turn_context',
    {
      onRequest: ctx.guards.internal,
      schema: {
        tags: ['internal'],
        summary: "Everything a chat turn reads: persona, memory, messages, FlowConfig and the purpose's prompts",
        params: IdParams,
        querystring: TurnContextQuery,
        response: { 200: TurnContextRecord },
      },
    },
    async (request) => turnContext.read(request.params.id, request.query.purpose),
  );
}
