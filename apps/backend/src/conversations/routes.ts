import { NotFound } from '@coach/runtime';
import { z } from 'zod';
import type { AppContext, ZodApp } from '../app-context.ts';
import { currentUser } from '../http/auth.ts';
import { IdParams, iso, Pagination } from '../http/params.ts';
import { createMemoriesRepository } from '../memories/repository.ts';
import { type ConversationsRepository, createConversationsRepository, toConversationDto } from './repository.ts';
import { ConversationDto, ConversationSummary, CreateConversationBody, RenameConversationBody } from './schemas.ts';

/** The caller's conversation, or 404 — another student's conversation does not exist for them. */
export async function ownedConversation(repo: ConversationsRepository, id: number, userId: number) {
  const conversation = await repo.findOwned(id, userId);
  if (!conversation) throw new NotFound(`Conversation ${id} not found.`);
  return conversation;
}

export function registerConversationRoutes(app: ZodApp, ctx: AppContext): void {
  const repo = createConversationsRepository(ctx.db);
  const memories = createMemoriesRepository(ctx.db);
  const tags = ['conversations'];
  const onRequest = ctx.guards.user;

  app.get(
    '/api/conversations',
    { onRequest, schema: { tags, querystring: Pagination, response: { 200: z.array(ConversationSummary) } } },
    async (request) => {
      const rows = await repo.listForUser(currentUser(request).id, request.query.limit, request.query.offset);
      return rows.map((r) => ({ id: r.id, title: r.title, updated_at: iso(r.updatedAt) }));
    },
  );

  app.post(
    '/api/conversations',
    { onRequest, schema: { tags, body: CreateConversationBody, response: { 201: ConversationDto } } },
    async (request, reply) => {
      const title = request.body.title || 'New Chat';
      const row = await repo.create(currentUser(request).id, title);
      return reply.status(201).send(toConversationDto(row));
    },
  );

  app.get(
    '/api/conversations/:id',
    { onRequest, schema: { tags, params: IdParams, response: { 200: ConversationDto } } },
    async (request) => toConversationDto(await ownedConversation(repo, request.params.id, currentUser(request).id)),
  );

  app.delete('/api/conversations/:id', { onRequest, schema: { tags, params: IdParams } }, async (request, reply) => {
    const conversation = await ownedConversation(repo, request.params.id, currentUser(request).id);
    await repo.remove(conversation.id);
    return reply.status(204).send();
  });

  app.put(
    '/api/conversations/:id/title',
    {
      onRequest,
      schema: { tags, params: IdParams, body: RenameConversationBody, response: { 200: ConversationDto } },
    },
    async (request) => {
      const conversation = await ownedConversation(repo, request.params.id, currentUser(request).id);
      const renamed = await repo.rename(conversation.id, request.body.title);
      if (!renamed) throw new NotFound(`Conversation ${conversation.id} not found.`);
      return toConversationDto(renamed);
    },
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
    async (request) => {
      const conversation = await ownedConversation(repo, request.params.id, currentUser(request).id);
      const memory = await memories.findByConversation(conversation.id);
      if (!memory) throw new NotFound(`Conversation ${conversation.id} has no memory yet.`);
      return memory.memoryData;
    },
  );
}
