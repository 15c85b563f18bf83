import { type EnqueueGenerationBody, GenerationJobResult, type PersonaOutcome } from '@coach/core';
import {
  createMemoriesRepository,
  createPersonasRepository,
  type MemoriesRepository,
  type PersonasRepository,
} from '@coach/data';
import { HttpError, NotFound } from '@coach/runtime';
import type { AppContext } from '../app-context.ts';
import type { Config } from '../config.ts';
import type { JobRow } from '../jobs/repository.ts';
import { createJobService, type JobService, type JobSpec } from '../jobs/service.ts';
import { toMemoryDto } from '../memories/schemas.ts';
import { toPersonaDto } from '../personas/schemas.ts';
import type { UsersRepository } from '../users/repository.ts';
import { createSelectionsRepository, type Selection, type SelectionsRepository } from './repository.ts';
import type {
  ConversationMemoryTaskResponse,
  MemoryTaskResponse,
  PersonaForUserResponse,
  PersonaTaskResponse,
} from './schemas.ts';
import { taskTexts as texts } from './texts.ts';

export interface TaskServiceDeps {
  selections: SelectionsRepository;
  jobs: JobService;
  users: UsersRepository;
  memories: MemoriesRepository;
  personas: PersonasRepository;
  config: Pick<Config, 'memoryInactivityThresholdHours' | 'syncTaskTimeoutSeconds'>;
}

export interface PersonaForUserOptions {
  refreshMemories: boolean;
  onlyNeeding: boolean;
  includeEmpty: boolean;
  clamp: number;
  sync: boolean;
}

/** A scheduled tick may wait this long for its memories before it triggers the personas. */
const SCHEDULED_MEMORY_WAIT_MS = 60 * 60 * 1000;

/** Persona jobs the persona trigger creates at once, each in its own transaction. */
const PARALLEL_ENQUEUES = 4;

const limitOf = (clamp: number) => (clamp === -1 ? null : clamp);

/**
 * The Tasks routes' decisions: select (at request time), create or join the job, and for `sync=true`
 * wait until the job has settled and answer from its result. The Brain does the generating.
 */
export function createTaskService(deps: TaskServiceDeps) {
  const { selections, jobs } = deps;
  const syncWaitMs = deps.config.syncTaskTimeoutSeconds * 1000;

  async function requireUser(userId: number) {
    if (!(await deps.users.findById(userId))) throw new NotFound(`User ${userId} not found.`);
  }

  /** A memory-batch job's outcome once settled; 502 when the job itself failed. */
  async function settledMemories(jobId: number, timeoutMs = syncWaitMs) {
    const job = await jobs.waitUntilSettled(jobId, timeoutMs);
    if (job.state === 'failed') throw new HttpError(502, `Memory generation failed: ${job.error} (job ${jobId}).`);
    const result = GenerationJobResult.parse(job.result);
    if (result.type !== 'memory-batch') throw new Error(`job ${jobId} is not a memory batch`);
    return result.memories;
  }

  async function settledPersona(job: JobRow): Promise<PersonaOutcome> {
    const settled = await jobs.waitUntilSettled(job.id, syncWaitMs);
    if (settled.state === 'failed') return { status: 'failed', error: settled.error ?? 'unknown error' };
    const result = GenerationJobResult.parse(settled.result);
    return 'persona' in result ? result.persona : { status: 'failed', error: 'the job has no persona result' };
  }

  async function triggerMemoryGeneration(
    options: { clamp: number; sync: boolean },
    timeoutMs = syncWaitMs,
  ): Promise<MemoryTaskResponse> {
    const idleBefore = new Date(Date.now() - deps.config.memoryInactivityThresholdHours * 3_600_000);
    const found = await selections.conversationsNeedingMemory(idleBefore, limitOf(options.clamp));
    if (found.eligible === 0) return { message: texts.noConversationsNeedMemory(), selected: 0, eligible: 0 };
    if (found.ids.length === 0) {
      return { message: texts.memoriesQueued(0, found.eligible), selected: 0, eligible: found.eligible };
    }
    const { job, joined } = await jobs.enqueue(
      memoryBatchJob(found.ids, 'all', null, { trigger: 'global', clamp: options.clamp, ...countsOf(found) }),
    );
    const counts = selectionOf(job);
    if (!options.sync) {
      return { message: texts.memoriesQueued(counts.selected, counts.eligible), ...counts, job_id: job.id, joined };
    }
    const memories = await settledMemories(job.id, timeoutMs);
    return {
      message: texts.memoriesCompleted(counts.selected, counts.eligible),
      ...counts,
      job_id: job.id,
      joined,
      counts: memories.counts,
      results: memories.items,
    };
  }

  /**
   * The persona trigger with `user_id`: that student, whether or not they need a persona (as the
   * original did); they are the one eligible student. `clamp=0` still means none.
   */
  async function namedStudent(userId: number, clamp: number): Promise<Selection> {
    await requireUser(userId);
    return { ids: clamp === 0 ? [] : [userId], eligible: 1 };
  }

  async function triggerPersonaGeneration(options: {
    clamp: number;
    userId?: number | undefined;
    sync: boolean;
  }): Promise<PersonaTaskResponse> {
    const found =
      options.userId === undefined
        ? await selections.usersNeedingPersona(limitOf(options.clamp))
        : await namedStudent(options.userId, options.clamp);
    // a few transactions at a time (in the students' order): the Brain starts on the first jobs meanwhile
    const enqueued = new Array<JobRow>(found.ids.length);
    let next = 0;
    const lanes = Array.from({ length: Math.min(PARALLEL_ENQUEUES, found.ids.length) }, async () => {
      for (let i = next++; i < found.ids.length; i = next++) {
        enqueued[i] = (await jobs.enqueue(userPersonaJob(found.ids[i]!))).job;
      }
    });
    await Promise.all(lanes);
    const base = {
      selected: found.ids.length,
      eligible: found.eligible,
      user_id: options.userId ?? null,
      job_ids: enqueued.map((job) => job.id),
    };
    if (!options.sync) {
      return { message: texts.personasQueued(found.ids.length, options.userId, found.eligible), ...base };
    }
    const results = await Promise.all(
      enqueued.map(async (job) => ({ user_id: job.userId!, job_id: job.id, ...(await settledPersona(job)) })),
    );
    const saved = results.filter((r) => r.status === 'saved').length;
    return { message: texts.personasCompleted(saved, found.ids.length, found.eligible), ...base, results };
  }

  async function generateMemoryForConversation(
    conversationId: number,
    options: { sync: boolean },
  ): Promise<ConversationMemoryTaskResponse> {
    const conversation = await selections.conversationForMemory(conversationId);
    if (!conversation) throw new NotFound(`Conversation ${conversationId} not found.`);
    const skipped = { message: texts.conversationMemorySkipped(conversationId), conversation_id: conversationId };
    if (!conversation.hasMessages) return skipped;
    const { job, joined } = await jobs.enqueue(
      memoryBatchJob([conversationId], `conversation:${conversationId}`, conversation.userId, {
        conversation_id: conversationId,
        selected: 1,
        eligible: 1,
      }),
    );
    const ids = { conversation_id: conversationId, job_id: job.id, joined };
    if (!options.sync) return { message: texts.conversationMemoryQueued(conversationId), ...ids };
    const [item] = (await settledMemories(job.id)).items;
    if (item?.status === 'failed') {
      throw new HttpError(502, `Memory generation for conversation ${conversationId} failed: ${item.error}`);
    }
    const memory = await deps.memories.findByConversation(conversationId);
    if (item?.status === 'skipped' || !memory) return { ...skipped, ...ids };
    return { message: texts.conversationMemoryCompleted(conversationId), ...ids, memory: toMemoryDto(memory) };
  }

  async function generateMemoriesForUser(
    userId: number,
    options: { onlyNeeding: boolean; includeEmpty: boolean; clamp: number; sync: boolean },
  ): Promise<MemoryTaskResponse> {
    await requireUser(userId);
    const found = await selections.userConversationsForMemory(userId, selectionFlags(options), limitOf(options.clamp));
    if (found.ids.length === 0) {
      return { message: texts.userMemoriesNothingToDo(userId, found.eligible), ...countsOf(found), user_id: userId };
    }
    const { job, joined } = await jobs.enqueue(
      memoryBatchJob(found.ids, `user:${userId}`, userId, {
        only_needing: options.onlyNeeding,
        include_empty: options.includeEmpty,
        clamp: options.clamp,
        ...countsOf(found),
      }),
    );
    const counts = selectionOf(job);
    const base = { ...counts, user_id: userId, job_id: job.id, joined };
    if (!options.sync) return { message: texts.userMemoriesQueued(counts.selected, userId, counts.eligible), ...base };
    const memories = await settledMemories(job.id);
    return {
      message: texts.userMemoriesCompleted(counts.selected, userId, counts.eligible),
      ...base,
      counts: memories.counts,
      results: memories.items,
    };
  }

  /**
   * Design document §1.a. The conversations needing a memory are selected now (when the flag is on) and
   * named in one job; the Brain refreshes those memories first and then, whatever became of them,
   * writes the persona. A request while one for this student is queued or running joins it.
   */
  async function generatePersonaForUser(
    userId: number,
    options: PersonaForUserOptions,
  ): Promise<PersonaForUserResponse> {
    await requireUser(userId);
    const found: Selection = options.refreshMemories
      ? await selections.userConversationsForMemory(userId, selectionFlags(options), limitOf(options.clamp))
      : { ids: [], eligible: 0 };
    const { job, joined } = await jobs.enqueue({
      type: 'persona-for-user',
      scope: `user:${userId}`,
      userId,
      params: {
        generate_conversation_memories_if_not_found: options.refreshMemories,
        only_needing: options.onlyNeeding,
        include_empty: options.includeEmpty,
        clamp: options.clamp,
        ...countsOf(found),
      },
      // memory first: the persona reads it
      total: found.ids.length + 1,
      payload: (jobId) => ({ job_id: jobId, type: 'persona-for-user', user_id: userId, conversation_ids: found.ids }),
    });
    const { selected, eligible } = selectionOf(job);
    const base = { user_id: userId, job_id: job.id, joined };
    if (!options.sync) {
      return {
        message: texts.personaQueued(userId, selected),
        ...base,
        mode: 'async',
        state: job.state,
        counts: { selected, eligible, refreshed: null, skipped: null, failed: null },
        failed_memories: [],
        persona: null,
        revision: null,
      };
    }
    const settled = await jobs.waitUntilSettled(job.id, syncWaitMs);
    if (settled.state === 'failed') {
      throw new HttpError(502, `Persona generation for user ${userId} failed: ${settled.error} (job ${job.id}).`);
    }
    const result = GenerationJobResult.parse(settled.result);
    if (result.type !== 'persona-for-user') throw new Error(`job ${job.id} is not a persona-for-user job`);
    const { saved, skipped, failed } = result.memories.counts;
    const persona = await deps.personas.findByUser(userId);
    const message =
      result.persona.status === 'saved'
        ? texts.personaCompleted(userId, saved, failed)
        : texts.personaWithoutMemories(userId, saved, failed);
    return {
      message,
      ...base,
      mode: 'sync',
      state: settled.state,
      counts: { selected, eligible, refreshed: saved, skipped, failed },
      failed_memories: result.memories.items.flatMap((item) =>
        item.status === 'failed' ? [{ conversation_id: item.conversation_id, error: item.error }] : [],
      ),
      persona: persona ? toPersonaDto(persona) : null,
      // the revision this run wrote: the persona above is the current one, which it is only once approved
      revision: result.persona.status === 'saved' ? (result.persona.revision ?? null) : null,
    };
  }

  /** The Brain's `POST /tasks` without `wait`: its work goes onto the durable queue. */
  async function enqueueForBrain(task: EnqueueGenerationBody) {
    if (task.task_type === 'USER_PERSONA_GENERATION') {
      await requireUser(task.user_id);
      return jobs.enqueue(userPersonaJob(task.user_id));
    }
    const ids = task.conversation_ids;
    return jobs.enqueue(
      memoryBatchJob(ids, null, null, { source: 'brain', selected: ids.length, eligible: ids.length }),
    );
  }

  /** A schedule tick: the global memory trigger, and once its memories are written, the persona trigger. */
  async function runScheduledGeneration() {
    const memories = await triggerMemoryGeneration({ clamp: -1, sync: true }, SCHEDULED_MEMORY_WAIT_MS);
    const personas = await triggerPersonaGeneration({ clamp: -1, sync: false });
    return { memories: memories.message, personas: personas.message };
  }

  return {
    triggerMemoryGeneration,
    triggerPersonaGeneration,
    generateMemoryForConversation,
    generateMemoriesForUser,
    generatePersonaForUser,
    enqueueForBrain,
    runScheduledGeneration,
  };
}
export type TaskService = ReturnType<typeof createTaskService>;

function memoryBatchJob(
  conversationIds: number[],
  scope: string | null,
  userId: number | null,
  params: Record<string, unknown>,
): JobSpec {
  return {
    type: 'memory-batch',
    scope,
    userId,
    params,
    total: conversationIds.length,
    payload: (jobId) => ({ job_id: jobId, type: 'memory-batch', conversation_ids: conversationIds }),
  };
}

function userPersonaJob(userId: number): JobSpec {
  return {
    type: 'user-persona',
    scope: `user:${userId}`,
    userId,
    params: {},
    total: 1,
    payload: (jobId) => ({ job_id: jobId, type: 'user-persona', user_id: userId }),
  };
}

const selectionFlags = (o: { onlyNeeding: boolean; includeEmpty: boolean }) => ({
  onlyNeeding: o.onlyNeeding,
  includeEmpty: o.includeEmpty,
});

const countsOf = (found: Selection) => ({ selected: found.ids.length, eligible: found.eligible });

/** The selection counts a job was created with: a request that joined it answers with the same ones. */
function selectionOf(job: JobRow) {
  return { selected: Number(job.params.selected ?? 0), eligible: Number(job.params.eligible ?? 0) };
}

/** The task service wired from the app's context: the routes and the generation schedule share it. */
export function createTaskServiceFor(ctx: AppContext): TaskService {
  return createTaskService({
    selections: createSelectionsRepository(ctx.db),
    jobs: createJobService(ctx),
    users: ctx.repos.users,
    memories: createMemoriesRepository(ctx.db),
    personas: createPersonasRepository(ctx.db),
    config: ctx.config,
  });
}
