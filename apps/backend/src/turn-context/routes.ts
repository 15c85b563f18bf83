import { TurnContextRecord } from '@coach/core';
import { NotFound } from '@coach/runtime';
import { z } from 'zod';
import type { AppContext, ZodApp } from '../app-context.ts';
import { createConversationsRepository } from '../conversations/repository.ts';
import { createFlowConfigRepository } from '../flow-config/repository.ts';
import { IdParams } from '../http/params.ts';
import { createMemoriesRepository, toMemoryDto } from '../memories/repository.ts';
import { createMessagesRepository, toMessageDto } from '../messages/repository.ts';
import { createPersonasRepository, toPersonaDto } from '../personas/repository.ts';
import { createPromptsRepository, toPromptVersionDto } from '../prompts/repository.ts';

const TurnContextQuery = z.object({
  purpose: z.enum(['chat', 'test-prompt']).describe('chat reads production prompt versions, test-prompt active ones'),
});

/**
 * What a chat turn reads, in one request: the five reads of API.md's internal routes (persona, memory,
 * messages, FlowConfig, prompt versions) run concurrently here instead of as five requests from the Brain.
 */
export function registerTurnContextRoutes(app: ZodApp, ctx: AppContext): void {
  const conversations = createConversationsRepository(ctx.db);
  const personas = createPersonasRepository(ctx.db);
  const memories = createMemoriesRepository(ctx.db);
  const messages = createMessagesRepository(ctx.db);
  const prompts = createPromptsRepository(ctx.db);
  const flowConfig = createFlowConfigRepository(ctx.db);

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
    async (request) => {
      const conversation = await conversations.findById(request.params.id);
      if (!conversation) throw new NotFound(`Conversation ${request.params.id} not found.`);
      const [persona, memory, rows, flow, versions] = await Promise.all([
        personas.findByUser(conversation.userId),
        memories.findByConversation(conversation.id),
        messages.listForConversation(conversation.id),
        flowConfig.readOrDefault(),
        prompts.findVersionsForPurpose(request.query.purpose),
      ]);
      return {
        user_id: conversation.userId,
        persona: persona ? toPersonaDto(persona) : null,
        memory: memory ? toMemoryDto(memory) : null,
        messages: rows.map(toMessageDto),
        flow_config: flow,
        prompt_versions: Object.fromEntries(versions.map((row) => [row.name, toPromptVersionDto(row.version)])),
      };
    },
  );
}
