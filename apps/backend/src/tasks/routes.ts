import { EnqueuedJob, EnqueueGenerationBody } from '@coach/core';
import type { AuditActor } from '@coach/data';
import type { FastifyReply } from 'fastify';
import type { AppContext, ZodApp } from '../app-context.ts';
import { actorOf } from '../http/auth.ts';
import { runBudgetOf } from '../jobs/schemas.ts';
import {
  ConversationIdParams,
  ConversationMemoryTaskOrDryRun,
  ConversationMemoryTaskResponse,
  DryRunAnswer,
  MemoryTaskOrDryRun,
  MemoryTaskResponse,
  PersonaForUserOrDryRun,
  PersonaForUserQuery,
  PersonaForUserResponse,
  PersonaTaskOrDryRun,
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

/**
 * Work that was done answers 200; work that was queued (or found nothing to queue) answers 202; a dry
 * run, which did nothing but estimate, answers 200.
 */
const answer = (reply: FastifyReply, sync: boolean, body: object) =>
  reply.status(sync || 'dry_run' in body ? 200 : 202).send(body);

/** The budget every generating route takes besides its selection (docs/api/tasks-and-jobs.md, Budgets). */
const controlsOf = (
  query: { max_llm_calls?: number | undefined; max_tokens?: number | undefined },
  actor: AuditActor,
) => ({
  budget: runBudgetOf(query),
  actor,
});

/** The Tasks routes (docs/api/tasks-and-jobs.md, admin), and the internal enqueue behind the Brain's `POST /tasks`. */
export function registerTaskRoutes(app: ZodApp, ctx: AppContext): void {
  const tasks = createTaskServiceFor(ctx);
  const onRequest = ctx.guards.staff('admin');
  const tags = ['tasks'];

  app.post(
    '/api/tasks/trigger-memory-generation',
    {
      onRequest,
      schema: {
        tags,
        summary: 'Queue memories for conversations idle past the threshold that need one',
        querystring: TriggerMemoriesQuery,
        response: { 200: DryRunAnswer, 202: MemoryTaskResponse },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        false,
        request.query.dry_run
          ? await tasks.dryRun.triggerMemoryGeneration(request.query)
          : await tasks.triggerMemoryGeneration({
              clamp: request.query.clamp,
              ...controlsOf(request.query, actorOf(request)),
              sync: false,
            }),
      ),
  );

  app.post(
    '/api/tasks/trigger-memory-generation-sync',
    {
      onRequest,
      schema: {
        tags,
        summary: 'The same, answering once the memories are written',
        querystring: TriggerMemoriesQuery,
        response: { 200: MemoryTaskOrDryRun },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        true,
        request.query.dry_run
          ? await tasks.dryRun.triggerMemoryGeneration(request.query)
          : await tasks.triggerMemoryGeneration({
              clamp: request.query.clamp,
              ...controlsOf(request.query, actorOf(request)),
              sync: true,
            }),
      ),
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
        response: { 200: DryRunAnswer, 202: PersonaTaskResponse },
      },
    },
    async (request, reply) => {
      const userId = request.body.user_id ?? undefined;
      const { clamp } = request.query;
      return answer(
        reply,
        false,
        request.query.dry_run
          ? await tasks.dryRun.triggerPersonaGeneration({ clamp, userId })
          : await tasks.triggerPersonaGeneration({
              clamp,
              userId,
              ...controlsOf(request.query, actorOf(request)),
              sync: false,
            }),
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
        response: { 200: PersonaTaskOrDryRun },
      },
    },
    async (request, reply) => {
      const userId = request.body.user_id ?? undefined;
      const { clamp } = request.query;
      return answer(
        reply,
        true,
        request.query.dry_run
          ? await tasks.dryRun.triggerPersonaGeneration({ clamp, userId })
          : await tasks.triggerPersonaGeneration({
              clamp,
              userId,
              ...controlsOf(request.query, actorOf(request)),
              sync: true,
            }),
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
        response: { 200: ConversationMemoryTaskOrDryRun, 202: ConversationMemoryTaskResponse },
      },
    },
    async (request, reply) => {
      const { sync } = request.query;
      const id = request.params.conversation_id;
      if (request.query.dry_run) return answer(reply, sync, await tasks.dryRun.generateMemoryForConversation(id));
      return answer(
        reply,
        sync,
        await tasks.generateMemoryForConversation(id, { sync, ...controlsOf(request.query, actorOf(request)) }),
      );
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
        response: { 200: MemoryTaskOrDryRun, 202: MemoryTaskResponse },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const options = {
        onlyNeeding: q.only_needing,
        includeEmpty: q.include_empty,
        clamp: q.clamp,
        sync: q.sync,
        ...controlsOf(q, actorOf(request)),
      };
      const body = q.dry_run
        ? await tasks.dryRun.generateMemoriesForUser(request.params.user_id, options)
        : await tasks.generateMemoriesForUser(request.params.user_id, options);
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
        response: { 200: PersonaForUserOrDryRun, 202: PersonaForUserResponse },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const options = {
        refreshMemories: q.generate_conversation_memories_if_not_found,
        onlyNeeding: q.only_needing,
        includeEmpty: q.include_empty,
        clamp: q.clamp,
        sync: q.sync,
        ...controlsOf(q, actorOf(request)),
      };
      const body = q.dry_run
        ? await tasks.dryRun.generatePersonaForUser(request.params.user_id, options)
        : await tasks.generatePersonaForUser(request.params.user_id, options);
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
