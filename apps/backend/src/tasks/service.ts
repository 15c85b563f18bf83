import { type EnqueueGenerationBody, GenerationJobResult, type JobUsage, type PersonaOutcome } from '@coach/core';
import {
  type AuditActor,
  createMemoriesRepository,
  createPersonasRepository,
  type MemoriesRepository,
  type PersonasRepository,
} from '@coach/data';
import { HttpError, NotFound } from '@coach/runtime';
import type { AppContext } from '../app-context.ts';
import type { Config } from '../config.ts';
import { NO_BUDGET, type RunBudget, runSpentOf } from '../jobs/budget.ts';
import type { JobRow } from '../jobs/repository.ts';
import { createJobService, type JobService, type JobSpec } from '../jobs/service.ts';
import { toMemoryDto } from '../memories/schemas.ts';
import { toPersonaDto } from '../personas/schemas.ts';
import type { UsersRepository } from '../users/repository.ts';
import { createGenerationEstimator, type GenerationEstimator } from './estimate.ts';
import { createSelectionsRepository, type Selection, type SelectionsRepository } from './repository.ts';
import type {
  ConversationMemoryTaskResponse,
  DryRunAnswer,
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
  estimate?: GenerationEstimator;
  config: Pick<Config, 'memoryInactivityThresholdHours' | 'syncTaskTimeoutSeconds'> & {
    generationDailyTokenBudget?: number | undefined;
  };
}

/** What every generating route takes besides its selection: the run's budget (no limit when absent). */
export interface GenerationControls {
  budget?: RunBudget | undefined;
  /** The operator who triggered it, audited with the job it creates; none for the schedule. */
  actor?: AuditActor | undefined;
}

export interface PersonaForUserOptions extends GenerationControls {
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

  function estimator(): GenerationEstimator {
    if (!deps.estimate) throw new Error('the task service was built without an estimator');
    return deps.estimate;
  }

  /**
   * The triggers and the schedule stop for the day once GENERATION_DAILY_TOKEN_BUDGET is spent: the
   * message to answer with then, or undefined while tokens are left.
   */
  async function dailyBudgetSpent(): Promise<string | undefined> {
    const budget = deps.config.generationDailyTokenBudget;
    if (budget === undefined) return undefined;
    const left = await jobs.dailyTokensLeft();
    return left !== null && left <= 0 ? texts.dailyBudgetSpent(budget - left, budget) : undefined;
  }

  /** The global trigger's selection: conversations idle past the threshold that need a memory. */
  function idleConversationsNeedingMemory(clamp: number) {
    const idleBefore = new Date(Date.now() - deps.config.memoryInactivityThresholdHours * 3_600_000);
    return selections.conversationsNeedingMemory(idleBefore, limitOf(clamp));
  }

  /** The persona trigger's selection: the students who need a persona, or the one named. */
  function studentsForPersona(clamp: number, userId: number | undefined) {
    return userId === undefined ? selections.usersNeedingPersona(limitOf(clamp)) : namedStudent(userId, clamp);
  }

  /** generate-persona-for-user's memories to refresh first (none with the flag off). */
  async function conversationsToRefreshFirst(userId: number, options: PersonaForUserOptions): Promise<Selection> {
    if (!options.refreshMemories) return { ids: [], eligible: 0 };
    return selections.userConversationsForMemory(userId, selectionFlags(options), limitOf(options.clamp));
  }

  /** A memory-batch job's outcome once settled; 502 when the job itself failed. */
  async function settledMemories(jobId: number, timeoutMs = syncWaitMs) {
    const job = await jobs.waitUntilSettled(jobId, timeoutMs);
    if (job.state === 'failed') throw new HttpError(502, `Memory generation failed: ${job.error} (job ${jobId}).`);
    const result = GenerationJobResult.parse(job.result);
    if (result.type !== 'memory-batch') throw new Error(`job ${jobId} is not a memory batch`);
    return { memories: result.memories, run: runOf(job, result) };
  }

  async function settledPersona(job: JobRow): Promise<{ job: JobRow; outcome: PersonaOutcome }> {
    const settled = await jobs.waitUntilSettled(job.id, syncWaitMs);
    if (settled.state === 'failed') {
      return { job: settled, outcome: { status: 'failed', error: settled.error ?? 'unknown error' } };
    }
    const result = GenerationJobResult.parse(settled.result);
    const outcome: PersonaOutcome =
      'persona' in result ? result.persona : { status: 'failed', error: 'the job has no persona result' };
    return { job: settled, outcome };
  }

  async function triggerMemoryGeneration(
    options: { clamp: number; sync: boolean } & GenerationControls,
    timeoutMs = syncWaitMs,
  ): Promise<MemoryTaskResponse> {
    const found = await idleConversationsNeedingMemory(options.clamp);
    if (found.eligible === 0) return { message: texts.noConversationsNeedMemory(), selected: 0, eligible: 0 };
    if (found.ids.length === 0) {
      return { message: texts.memoriesQueued(0, found.eligible), selected: 0, eligible: found.eligible };
    }
    const spent = await dailyBudgetSpent();
    if (spent) return { message: spent, selected: 0, eligible: found.eligible };
    const { job, joined } = await jobs.enqueue(
      memoryBatchJob(found.ids, 'all', null, {
        trigger: 'global',
        clamp: options.clamp,
        ...countsOf(found),
        ...budgetParams(options, { daily: true }),
      }),
      options.actor,
    );
    const counts = selectionOf(job);
    if (!options.sync) {
      return { message: texts.memoriesQueued(counts.selected, counts.eligible), ...counts, job_id: job.id, joined };
    }
    const { memories, run } = await settledMemories(job.id, timeoutMs);
    return {
      message: run.remaining
        ? texts.memoriesStopped(job.id, counts.selected, run.remaining.conversation_ids.length)
        : texts.memoriesCompleted(counts.selected, counts.eligible),
      ...counts,
      job_id: job.id,
      joined,
      counts: memories.counts,
      results: memories.items,
      ...run,
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

  async function triggerPersonaGeneration(
    options: {
      clamp: number;
      userId?: number | undefined;
      sync: boolean;
    } & GenerationControls,
  ): Promise<PersonaTaskResponse> {
    const found = await studentsForPersona(options.clamp, options.userId);
    const spent = found.ids.length > 0 ? await dailyBudgetSpent() : undefined;
    if (spent) {
      return { message: spent, selected: 0, eligible: found.eligible, user_id: options.userId ?? null, job_ids: [] };
    }
    // each student's job gets the budget (a persona is one call, or two when its answer is asked again)
    const params = budgetParams(options, { daily: true });
    // a few transactions at a time (in the students' order): the Brain starts on the first jobs meanwhile
    const enqueued = new Array<JobRow>(found.ids.length);
    let next = 0;
    const lanes = Array.from({ length: Math.min(PARALLEL_ENQUEUES, found.ids.length) }, async () => {
      for (let i = next++; i < found.ids.length; i = next++) {
        enqueued[i] = (await jobs.enqueue(userPersonaJob(found.ids[i]!, params), options.actor)).job;
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
    const settled = await Promise.all(enqueued.map((job) => settledPersona(job)));
    const results = settled.map(({ job, outcome }) => ({ user_id: job.userId!, job_id: job.id, ...outcome }));
    const saved = results.filter((r) => r.status === 'saved').length;
    const stopped = settled.flatMap(({ job }) => (job.state === 'stopped' ? [job.userId!] : []));
    return {
      message: texts.personasCompleted(saved, found.ids.length, found.eligible),
      ...base,
      results,
      usage: sumUsage(settled.map(({ job }) => usageOf(job))),
      ...(stopped.length > 0 ? { stop_reason: 'budget' as const, remaining: { user_ids: stopped } } : {}),
    };
  }

  async function generateMemoryForConversation(
    conversationId: number,
    options: { sync: boolean } & GenerationControls,
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
        ...budgetParams(options, { daily: false }),
      }),
      options.actor,
    );
    const ids = { conversation_id: conversationId, job_id: job.id, joined };
    if (!options.sync) return { message: texts.conversationMemoryQueued(conversationId), ...ids };
    const { memories, run } = await settledMemories(job.id);
    if (run.remaining) return { message: texts.memoriesStopped(job.id, 1, 1), ...ids, ...run };
    const [item] = memories.items;
    if (item?.status === 'failed') {
      throw new HttpError(502, `Memory generation for conversation ${conversationId} failed: ${item.error}`);
    }
    const memory = await deps.memories.findByConversation(conversationId);
    if (item?.status === 'skipped' || !memory) return { ...skipped, ...ids, ...run };
    return { message: texts.conversationMemoryCompleted(conversationId), ...ids, memory: toMemoryDto(memory), ...run };
  }

  async function generateMemoriesForUser(
    userId: number,
    options: { onlyNeeding: boolean; includeEmpty: boolean; clamp: number; sync: boolean } & GenerationControls,
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
        ...budgetParams(options, { daily: false }),
      }),
      options.actor,
    );
    const counts = selectionOf(job);
    const base = { ...counts, user_id: userId, job_id: job.id, joined };
    if (!options.sync) return { message: texts.userMemoriesQueued(counts.selected, userId, counts.eligible), ...base };
    const { memories, run } = await settledMemories(job.id);
    return {
      message: run.remaining
        ? texts.memoriesStopped(job.id, counts.selected, run.remaining.conversation_ids.length)
        : texts.userMemoriesCompleted(counts.selected, userId, counts.eligible),
      ...base,
      counts: memories.counts,
      results: memories.items,
      ...run,
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
    const found = await conversationsToRefreshFirst(userId, options);
    const { job, joined } = await jobs.enqueue(
      {
        type: 'persona-for-user',
        scope: `user:${userId}`,
        userId,
        params: {
          generate_conversation_memories_if_not_found: options.refreshMemories,
          only_needing: options.onlyNeeding,
          include_empty: options.includeEmpty,
          clamp: options.clamp,
          ...countsOf(found),
          ...budgetParams(options, { daily: false }),
        },
        // memory first: the persona reads it
        total: found.ids.length + 1,
        payload: (jobId) => ({ job_id: jobId, type: 'persona-for-user', user_id: userId, conversation_ids: found.ids }),
      },
      options.actor,
    );
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
    const run = runOf(settled, result);
    const message = run.remaining
      ? texts.personaStopped(job.id, userId, saved, run.remaining.conversation_ids.length)
      : result.persona.status === 'saved'
        ? texts.personaCompleted(userId, saved, failed)
        : texts.personaWithoutMemories(userId, saved, failed);
    return {
      message,
      ...base,
      mode: 'sync',
      counts: { selected, eligible, refreshed: saved, skipped, failed },
      failed_memories: result.memories.items.flatMap((item) =>
        item.status === 'failed' ? [{ conversation_id: item.conversation_id, error: item.error }] : [],
      ),
      persona: persona ? toPersonaDto(persona) : null,
      // the revision this run wrote: the persona above is the current one, which it is only once approved
      revision: result.persona.status === 'saved' ? (result.persona.revision ?? null) : null,
      ...run,
    };
  }

  /** The Brain's `POST /tasks` without `wait`: its work goes onto the durable queue. */
  async function enqueueForBrain(task: EnqueueGenerationBody) {
    if (task.task_type === 'USER_PERSONA_GENERATION') {
      await requireUser(task.user_id);
      return jobs.enqueue(userPersonaJob(task.user_id, {}));
    }
    const ids = task.conversation_ids;
    return jobs.enqueue(
      memoryBatchJob(ids, null, null, { source: 'brain', selected: ids.length, eligible: ids.length }),
    );
  }

  /**
   * A schedule tick: the global memory trigger, and once its memories are written, the persona trigger.
   * Both stop for the day when GENERATION_DAILY_TOKEN_BUDGET is spent; a tick whose memory job stopped
   * at it triggers no personas.
   */
  async function runScheduledGeneration() {
    const memories = await triggerMemoryGeneration({ clamp: -1, sync: true }, SCHEDULED_MEMORY_WAIT_MS);
    if (memories.stop_reason) {
      return { memories: memories.message, personas: 'not triggered: the memories stopped at the daily budget' };
    }
    const personas = await triggerPersonaGeneration({ clamp: -1, sync: false });
    return { memories: memories.message, personas: personas.message };
  }

  /** `dry_run=true` on each route: the same selection, estimated (estimate.ts); nothing is queued or called. */
  const dryRun = {
    async triggerMemoryGeneration(options: { clamp: number }): Promise<DryRunAnswer> {
      return estimator().memories((await idleConversationsNeedingMemory(options.clamp)).ids);
    },
    async triggerPersonaGeneration(options: { clamp: number; userId?: number | undefined }): Promise<DryRunAnswer> {
      return estimator().personas((await studentsForPersona(options.clamp, options.userId)).ids, []);
    },
    async generateMemoryForConversation(conversationId: number): Promise<DryRunAnswer> {
      const conversation = await selections.conversationForMemory(conversationId);
      if (!conversation) throw new NotFound(`Conversation ${conversationId} not found.`);
      return estimator().memories(conversation.hasMessages ? [conversationId] : []);
    },
    async generateMemoriesForUser(
      userId: number,
      options: { onlyNeeding: boolean; includeEmpty: boolean; clamp: number },
    ): Promise<DryRunAnswer> {
      await requireUser(userId);
      const found = await selections.userConversationsForMemory(
        userId,
        selectionFlags(options),
        limitOf(options.clamp),
      );
      return estimator().memories(found.ids);
    },
    async generatePersonaForUser(userId: number, options: PersonaForUserOptions): Promise<DryRunAnswer> {
      await requireUser(userId);
      return estimator().personaForUser(userId, (await conversationsToRefreshFirst(userId, options)).ids);
    },
  };

  return {
    dryRun,
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

function userPersonaJob(userId: number, params: Record<string, unknown>): JobSpec {
  return {
    type: 'user-persona',
    scope: `user:${userId}`,
    userId,
    params,
    total: 1,
    payload: (jobId) => ({ job_id: jobId, type: 'user-persona', user_id: userId }),
  };
}

const selectionFlags = (o: { onlyNeeding: boolean; includeEmpty: boolean }) => ({
  onlyNeeding: o.onlyNeeding,
  includeEmpty: o.includeEmpty,
});

const countsOf = (found: Selection) => ({ selected: found.ids.length, eligible: found.eligible });

/**
 * The job params that carry its budget: the run's (`budget`), and for the triggers and the schedule
 * `daily_budget` (GENERATION_DAILY_TOKEN_BUDGET applies to them, not to the routes about one student).
 */
function budgetParams(options: GenerationControls, scope: { daily: boolean }) {
  return { budget: options.budget ?? NO_BUDGET, ...(scope.daily ? { daily_budget: true } : {}) };
}

/** What the model calls of a job's current run used, as the Brain counted them. */
function usageOf(job: JobRow): JobUsage {
  const spent = runSpentOf(job.params);
  return { calls: spent.calls, input_tokens: spent.input_tokens, output_tokens: spent.output_tokens };
}

function sumUsage(usages: JobUsage[]): JobUsage {
  return usages.reduce(
    (sum, usage) => ({
      calls: sum.calls + usage.calls,
      input_tokens: sum.input_tokens + usage.input_tokens,
      output_tokens: sum.output_tokens + usage.output_tokens,
    }),
    { calls: 0, input_tokens: 0, output_tokens: 0 },
  );
}

/** A settled job's state, what its run used, and for a stopped one why and what remains. */
function runOf(job: JobRow, result: GenerationJobResult) {
  return {
    state: job.state,
    usage: usageOf(job),
    ...(job.state === 'stopped' && result.remaining
      ? { stop_reason: 'budget' as const, remaining: result.remaining }
      : {}),
  };
}

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
    estimate: createGenerationEstimator(ctx.db),
    config: ctx.config,
  });
}
