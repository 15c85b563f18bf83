import { MemoryRecord } from '@coach/core';
import { createConversationsRepository, createMemoriesRepository } from '@coach/data';
import { z } from 'zod';
import type { AppContext, ZodApp } from '../app-context.ts';
import { IdParams } from '../http/params.ts';
import { toMemoryDto, UpsertMemoryBody, UserIdParams } from './schemas.ts';
import { createMemoriesService } from './service.ts';

export function registerMemoryRoutes(app: ZodApp, ctx: AppContext): void {
  const memories = createMemoriesService({
    memories: createMemoriesRepository(ctx.db),
    conversations: createConversationsRepository(ctx.db),
    users: ctx.repos.users,
  });
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
    async (request) => toMemoryDto(await memories.save(request.body.conversation_id, request.body.memory_data)),
  );

  app.get(
    '/api/internal/users/:user_id/memories',
    {
      onRequest: ctx.guards.internal,
      schema: { tags: ['internal'], params: UserIdParams, response: { 200: z.array(MemoryRecord) } },
    },
    async (request) => (await memories.listForUser(request.params.user_id)).map(toMemoryDto),
  );

  app.get(
    '/api/internal/conversations/:id/memory',
    {
      // the console reads a conversation's memory too
      onRequest: ctx.guards.internalOrStaff('read'),
      schema: { tags: ['internal'], params: IdParams, response: { 200: MemoryRecord } },
    },
    async (request) => toMemoryDto(await memories.forConversation(request.params.id)),
  );
}
