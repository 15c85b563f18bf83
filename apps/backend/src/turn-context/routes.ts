import { TurnContextRecord } from '@coach/core';
import { z } from 'zod';
import type { AppContext, ZodApp } from '../app-context.ts';
import { createConversationsRepository } from '../conversations/repository.ts';
import { createFlowConfigRepository } from '../flow-config/repository.ts';
import { createFlowConfigService } from '../flow-config/service.ts';
import { IdParams } from '../http/params.ts';
import { createMemoriesRepository } from '../memories/repository.ts';
import { createMessagesRepository } from '../messages/repository.ts';
import { createPersonasRepository } from '../personas/repository.ts';
import { createPromptsRepository } from '../prompts/repository.ts';
import { createTurnContextService } from './service.ts';

const TurnContextQuery = z.object({
  purpose: z.enum(['chat', 'test-prompt']).describe('chat reads production prompt versions, test-prompt active ones'),
});

/** What a chat turn reads, in one request instead of five (see the service). */
export function registerTurnContextRoutes(app: ZodApp, ctx: AppContext): void {
  const turnContext = createTurnContextService({
    conversations: createConversationsRepository(ctx.db),
    personas: createPersonasRepository(ctx.db),
    memories: createMemoriesRepository(ctx.db),
    messages: createMessagesRepository(ctx.db),
    prompts: createPromptsRepository(ctx.db),
    flowConfig: createFlowConfigService({ flowConfig: createFlowConfigRepository(ctx.db) }),
  });

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
