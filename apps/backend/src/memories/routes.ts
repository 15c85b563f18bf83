import { Id, IdParam, JsonObject, MemoryRecord } from '@coach/core';
import { isForeignKeyViolation, NotFound } from '@coach/runtime';
import { z } from 'zod';
import type { AppContext, ZodApp } from '../app-context.ts';
import { createConversationsRepository } from '../conversations/repository.ts';
import { IdParams } from '../http/params.ts';
import { createMemoriesRepository, toMemoryDto } from './repository.ts';

const UpsertMemoryBody = z.object({ conversation_id: Id, memory_data: JsonObject });
const UserIdParams = z.object({ user_id: IdParam });

export function registerMemoryRoutes(app: ZodApp, ctx: AppContext): void {
  const repo = createMemoriesRepository(ctx.db);
  const conversations = createConversationsRepository(ctx.db);
  const tags = ['memories'];

  app.post(
    '/api/memories',
    {
      onRequest: ctx.guards.internal,
      schema: {
        tags,
        summary: "Create or replace a conversation's memory",
        body: UpsertMemoryBody,
        response: { 200: MemoryRecord },
      },
    },
    async (request) => {
      const { conversation_id, memory_data } = request.body;
      try {
        return toMemoryDto(await repo.upsert(conversation_id, memory_data));
      } catch (error) {
        if (isForeignKeyViolation(error)) throw new NotFound(`Conversation ${conversation_id} not found.`);
        throw error;
      }
    },
  );

  app.get(
    '/api/internal/users/:user_id/memories',
    {
      onRequest: ctx.guards.internal,
      schema: { tags: ['internal'], params: UserIdParams, response: { 200: z.array(MemoryRecord) } },
    },
    async (request) => {
      const user = await ctx.repos.users.findById(request.params.user_id);
      if (!user) throw new NotFound(`User ${request.params.user_id} not found.`);
      return (await repo.listForUser(user.id)).map(toMemoryDto);
    },
  );

  app.get(
    '/api/internal/conversations/:id/memory',
    {
      onRequest: ctx.guards.internal,
      schema: { tags: ['internal'], params: IdParams, response: { 200: MemoryRecord } },
    },
    async (request) => {
      const memory = await repo.findByConversation(request.params.id);
      if (!memory) {
        const exists = await conversations.findById(request.params.id);
        throw new NotFound(
          exists
            ? `Conversation ${request.params.id} has no memory yet.`
            : `Conversation ${request.params.id} not found.`,
        );
      }
      return toMemoryDto(memory);
    },
  );
}
