import { EnqueuedJob, EnqueueGenerationBody } from '@coach/core';
import type { FastifyReply } from 'fastify';
import type { AppContext, ZodApp } from '../app-context.ts';
import {
  ConversationIdParams,
  ConversationMemoryTaskResponse,
  MemoryTaskResponse,
  PersonaForUserQuery,
  PersonaForUserResponse,
  PersonaTaskResponse,
  SyncQuery,
  TriggerMemoriesQuery,
  TriggerPersonasBody,
  TriggerPersonasQuery,
  TriggerPersonasSyncQuery,
  UserIdParams,
  UserMemoriesQuery,
} from './schemas.ts';
import { createTaskServiceFor } from './service.ts';

/** Work that was done answers 200; work that was queued (or found nothing to queue) answers 202. */
const answer = (reply: FastifyReply, sync: boolean, body: unknown) => reply.status(sync ? 200 : 202).send(body);

/** The Tasks routes (docs/api/tasks-and-jobs.md, admin), and the internal enqueue behind the Brain's `POST /tasks`. */
export function registerTaskRoutes(app: ZodApp, ctx: AppContext): void {
  const tasks = createTaskServiceFor(ctx);
  const onRequest = ctx.guards.admin;
  const tags = ['tasks'];

  app.post(
    '/api/tasks/trigger-memory-generation',
    {
      onRequest,
      schema: {
        tags,
        summary: 'Queue memories for conversations idle past the threshold that need one',
        querystring: TriggerMemoriesQuery,
        response: { 202: MemoryTaskResponse },
      },
    },
    async (request, reply) =>
      answer(reply, false, await tasks.triggerMemoryGeneration({ ...request.query, sync: false })),
  );

  app.post(
    '/api/tasks/trigger-memory-generation-sync',
    {
      onRequest,
      schema: {
        tags,
        summary: 'The same, answering once the memories are written',
        querystring: TriggerMemoriesQuery,
        response: { 200: MemoryTaskResponse },
      },
    },
    async (request, reply) =>
      answer(reply, true, await tasks.triggerMemoryGeneration({ ...request.query, sync: true })),
  );

  app.post(
    '/api/tasks/trigger-user-persona-generation',
    {
      onRequest,
      schema: {
        tags,
        summary: 'Queue personas for students who need one, or for body.user_id whether or not they need one',
        querystring: TriggerPersonasQuery,
        body: TriggerPersonasBody,
        response: { 202: PersonaTaskResponse },
      },
    },
    async (request, reply) => {
      const userId = request.body.user_id ?? undefined;
      return answer(
        reply,
        false,
        await tasks.triggerPersonaGeneration({ clamp: request.query.clamp, userId, sync: false }),
      );
    },
  );

  app.post(
    '/api/tasks/trigger-user-persona-generation-sync',
    {
      onRequest,
      schema: {
        tags,
        summary: 'The same, answering once the personas are written',
        querystring: TriggerPersonasSyncQuery,
        body: TriggerPersonasBody,
        response: { 200: PersonaTaskResponse },
      },
    },
    async (request, reply) => {
      const userId = request.body.user_id ?? undefined;
      return answer(
        reply,
        true,
        await tasks.triggerPersonaGeneration({ clamp: request.query.clamp, userId, sync: true }),
      );
    },
  );

  app.post(
    '/api/tasks/generate-memory-for-conversation/:conversation_id',
    {
      onRequest,
      schema: {
        tags,
        summary: "(Re)generate one conversation's memory",
        params: ConversationIdParams,
        querystring: SyncQuery,
        response: { 200: ConversationMemoryTaskResponse, 202: ConversationMemoryTaskResponse },
      },
    },
    async (request, reply) => {
      const { sync } = request.query;
      return answer(reply, sync, await tasks.generateMemoryForConversation(request.params.conversation_id, { sync }));
    },
  );

  app.post(
    '/api/tasks/generate-memories-for-user/:user_id',
    {
      onRequest,
      schema: {
        tags,
        summary: "Generate memories for a student's conversations",
        params: UserIdParams,
        querystring: UserMemoriesQuery,
        response: { 200: MemoryTaskResponse, 202: MemoryTaskResponse },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const body = await tasks.generateMemoriesForUser(request.params.user_id, {
        onlyNeeding: q.only_needing,
        includeEmpty: q.include_empty,
        clamp: q.clamp,
        sync: q.sync,
      });
      return answer(reply, q.sync, body);
    },
  );

  app.post(
    '/api/tasks/generate-persona-for-user/:user_id',
    {
      onRequest,
      schema: {
        tags,
        summary: "Refresh a student's stale conversation memories, then generate their persona (design §1.a)",
        params: UserIdParams,
        querystring: PersonaForUserQuery,
        response: { 200: PersonaForUserResponse, 202: PersonaForUserResponse },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const body = await tasks.generatePersonaForUser(request.params.user_id, {
        refreshMemories: q.generate_conversation_memories_if_not_found,
        onlyNeeding: q.only_needing,
        includeEmpty: q.include_empty,
        clamp: q.clamp,
        sync: q.sync,
      });
      return answer(reply, q.sync, body);
    },
  );

  app.post(
    '/api/internal/jobs',
    {
      onRequest: ctx.guards.internal,
      schema: {
        tags: ['internal'],
        summary: "The Brain's POST /tasks without wait: put the work on the durable queue",
        body: EnqueueGenerationBody,
        response: { 202: EnqueuedJob },
      },
    },
    async (request, reply) => {
      const { job, joined } = await tasks.enqueueForBrain(request.body);
      return reply.status(202).send({ job_id: job.id, joined });
    },
  );
}
