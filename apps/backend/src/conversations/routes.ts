import { createConversationsRepository, createMemoriesRepository } from '@coach/data';
import { z } from 'zod';
import type { AppContext, ZodApp } from '../app-context.ts';
import { currentUser } from '../http/auth.ts';
import { IdParams, Pagination } from '../http/params.ts';
import {
  ConversationDto,
  ConversationSummary,
  CreateConversationBody,
  RenameConversationBody,
  toConversationDto,
  toConversationSummaryDto,
} from './schemas.ts';
import { createConversationsService } from './service.ts';

export function registerConversationRoutes(app: ZodApp, ctx: AppContext): void {
  const conversations = createConversationsService({
    conversations: createConversationsRepository(ctx.db),
    memories: createMemoriesRepository(ctx.db),
  });
  const tags = ['conversations'];
  const onRequest = ctx.guards.user;

  app.get(
    '/api/conversations',
    { onRequest, schema: { tags, querystring: Pagination, response: { 200: z.array(ConversationSummary) } } },
    async (request) => (await conversations.list(currentUser(request).id, request.query)).map(toConversationSummaryDto),
  );

  app.post(
    '/api/conversations',
    { onRequest, schema: { tags, body: CreateConversationBody, response: { 201: ConversationDto } } },
    async (request, reply) => {
      const row = await conversations.start(currentUser(request).id, request.body.title);
      return reply.status(201).send(toConversationDto(row));
    },
  );

  app.get(
    '/api/conversations/:id',
    { onRequest, schema: { tags, params: IdParams, response: { 200: ConversationDto } } },
    async (request) => toConversationDto(await conversations.owned(request.params.id, currentUser(request).id)),
  );

  app.delete('/api/conversations/:id', { onRequest, schema: { tags, params: IdParams } }, async (request, reply) => {
    await conversations.remove(request.params.id, currentUser(request).id);
    return reply.status(204).send();
  });

  app.put(
    '/api/conversations/:id/title',
    {
      onRequest,
      schema: { tags, params: IdParams, body: RenameConversationBody, response: { 200: ConversationDto } },
    },
    async (request) =>
      toConversationDto(await conversations.rename(request.params.id, currentUser(request).id, request.body.title)),
  );

  app.get(
    '/api/conversations/:id/memory',
    {
      onRequest,
      schema: {
        tags,
        summary: "The conversation's memory_data",
        params: IdParams,
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async (request) => conversations.memoryOf(request.params.id, currentUser(request).id),
  );
}
