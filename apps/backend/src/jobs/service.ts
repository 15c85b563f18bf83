import { setTimeout as sleep } from 'node:timers/promises';
import {
  type AttemptLimits,
  type AttemptSpend,
  type GenerationJobPayload,
  GenerationJobResult,
  QUEUE_NAMES,
  type StopReason,
} from '@coach/core';
import type { AuditActor, Db } from '@coach/data';
import { Conflict, HttpError, Invalid, type JobQueue, NotFound } from '@coach/runtime';
import { type AuditEntry, recordAudit } from '../audit/repository.ts';
import { createUsageService } from '../usage/service.ts';
import { addSpend, attemptLimits, NOTHING_SPENT, type RunBudget, runSpentOf } from './budget.ts';
import { createJobsRepository, type JobRow, type NewJob } from './repository.ts';
import { mergeRunResults } from './run-results.ts';

export interface JobSpec extends NewJob {
  /** The queue payload, once the job row (and so its id) exists. */
  payload: (jobId: number) => GenerationJobPayload;
}

const SETTLED = new Set(['completed', 'failed', 'stopped']);

/** A job's audit entry: its type and scope, and the student it is about, if one. */
function jobEntry(action: string, job: JobRow, details: Record<string, unknown> = {}): AuditEntry {
  return {
    action,
    targetType: 'generation_job',
    targetId: job.id,
    details: { type: job.type, scope: job.scope, ...(job.userId !== null ? { user_id: job.userId } : {}), ...details },
  };
}

/** What the dead letter reports: the last attempt ended without the worker saying how. */
export const GAVE_UP =
  'Gave up: the last attempt stopped without an answer (the worker crashed, was stopped or timed out).';

/**
 * Generation jobs: created together with their pg-boss job, joined by a second request for the same
 * thing, moved through queued → running → completed | failed by the Brain's reports, and waited for
 * by the `sync=true` routes.
 */
export function createJobService(deps: {
  db: Db;
  queue: JobQueue;
  config?: { generationDailyTokenBudget?: number | undefined };
}) {
  const repo = createJobsRepository(deps.db);
  const usage = createUsageService(deps.db);
  const dailyBudget = deps.config?.generationDailyTokenBudget;

  /** Tokens left of today's GENERATION_DAILY_TOKEN_BUDGET (null: no daily budget). */
  async function dailyTokensLeft(): Promise<number | null> {
    if (dailyBudget === undefined) return null;
    return dailyBudget - (await usage.generationTokensToday());
  }

  /** The params after an attempt's report: what it spent added to its run's. */
  const withSpent = (job: JobRow, spent: AttemptSpend | undefined) => ({
    ...job.params,
    run_spent: addSpend(runSpentOf(job.params), spent),
  });

  /** The result an attempt reports, over what earlier runs of a resumed job finished. */
  const mergedResult = (job: JobRow, result: GenerationJobResult) => {
    const previous = job.result ? GenerationJobResult.safeParse(job.result) : undefined;
    return mergeRunResults(previous?.success ? previous.data : undefined, result) as Record<string, unknown>;
  };

  return {
    find: repo.find,

    async get(id: number): Promise<JobRow> {
      const job = await repo.find(id);
      if (!job) throw new NotFound(`Job ${id} not found.`);
      return job;
    },

    /**
     * Creates the job row and its pg-boss job in one transaction (neither exists without the other),
     * or joins the job already queued or running for the same type and scope.
     */
    async enqueue(spec: JobSpec, actor?: AuditActor): Promise<{ job: JobRow; joined: boolean }> {
      for (let tries = 1; tries <= 3; tries++) {
        const outcome = await deps.db.transaction(async (tx) => {
          const found = await repo.insertOrFindActive(tx, spec);
          if (!found) return undefined;
          if (found.created) {
            const payload = spec.payload(found.row.id);
            await deps.queue.send(queueFor(payload), payload, { tx, ...singletonOf(payload) });
            // an operator's trigger is audited with the job it created (joining one creates nothing)
            if (actor) await recordAudit(tx, actor, jobEntry('task.trigger', found.row));
          }
          return { job: found.row, joined: !found.created };
        });
        if (outcome) return outcome;
      }
      throw new Error(`could not create or join a ${spec.type} job for ${spec.scope}`);
    },

    /**
     * Polls the job row until it is completed or failed (the Brain reports through the Backend, so the
     * row is the truth). After `timeoutMs`: 504, and the job keeps running.
     */
    async waitUntilSettled(id: number, timeoutMs: number): Promise<JobRow> {
      const deadline = Date.now() + timeoutMs;
      for (let delay = 50; ; delay = Math.min(delay * 1.5, 1_000)) {
        const job = await repo.find(id);
        if (!job) throw new NotFound(`Job ${id} no longer exists (its student was deleted).`);
        if (SETTLED.has(job.state)) return job;
        if (Date.now() >= deadline) {
          throw new HttpError(
            504,
            `Job ${id} is still ${job.state} after ${Math.round(timeoutMs / 1000)} s; it keeps going in the background. Follow it with GET /api/tasks/jobs/${id}.`,
          );
        }
        await sleep(Math.min(delay, Math.max(deadline - Date.now(), 0)));
      }
    },

    dailyTokensLeft,

    /** Attempt `attempt` begins; with what it may spend (its run's budget, the day's). */
    async start(id: number, attempt: number): Promise<{ job: JobRow; limits: AttemptLimits }> {
      const job = (await repo.start(id, attempt)) ?? (await refuse(id, attempt));
      const daily = job.params.daily_budget === true ? await dailyTokensLeft() : null;
      return { job, limits: attemptLimits(job.params, daily) };
    },

    async progress(id: number, attempt: number, done: number, total: number): Promise<JobRow> {
      return (await repo.progress(id, attempt, done, total)) ?? refuse(id, attempt);
    },

    async complete(
      id: number,
      report: { attempt: number; result: GenerationJobResult; spent?: AttemptSpend | undefined },
    ): Promise<JobRow> {
      const job = await repo.find(id);
      if (!job) return refuse(id, report.attempt);
      const done = await repo.complete(
        id,
        report.attempt,
        mergedResult(job, report.result),
        withSpent(job, report.spent),
      );
      return done ?? refuse(id, report.attempt);
    },

    /** The attempt reached its budget: the job is stopped with what it finished and what remains. */
    async stop(
      id: number,
      report: { attempt: number; reason: StopReason; result: GenerationJobResult; spent?: AttemptSpend | undefined },
    ): Promise<JobRow> {
      const job = await repo.find(id);
      if (!job) return refuse(id, report.attempt);
      const stopped = await repo.stop(id, report.attempt, {
        reason: report.reason,
        result: mergedResult(job, report.result),
        params: withSpent(job, report.spent),
      });
      return stopped ?? refuse(id, report.attempt);
    },

    /**
     * A stopped job goes on with what it has left, as the same job (same id, its usage and attempts go
     * on counting) with `budget` for the new run. The row is locked while it is checked and queued again,
     * so of two resumes one queues it and the other finds it queued: 409.
     */
    async resume(actor: AuditActor, id: number, budget: RunBudget): Promise<JobRow> {
      try {
        return await deps.db.transaction(async (tx) => {
          const job = await repo.findForUpdate(tx, id);
          if (!job) throw new NotFound(`Job ${id} not found.`);
          if (job.state !== 'stopped') {
            throw new Conflict(`Job ${id} is ${job.state}; only a stopped job can be resumed.`);
          }
          const payload = resumePayload(job);
          const params = {
            ...job.params,
            budget,
            run_spent: NOTHING_SPENT,
            resumes: Number(job.params.resumes ?? 0) + 1,
          };
          const total =
            'conversation_ids' in payload
              ? payload.conversation_ids.length + (payload.type === 'memory-batch' ? 0 : 1)
              : 1;
          const queued = await repo.requeueStopped(tx, id, params, total);
          if (!queued) throw new Conflict(`Job ${id} is no longer stopped.`);
          await deps.queue.send(queueFor(payload), payload, { tx, ...singletonOf(payload) });
          await recordAudit(tx, actor, jobEntry('task.resume', queued, { budget }));
          return queued;
        });
      } catch (error) {
        // another job for the same thing was started meanwhile (generation_jobs_one_active_per_scope)
        if (isUniqueViolation(error)) {
          throw new Conflict(
            `Job ${id} cannot be resumed while another job for the same student or conversations is queued or running.`,
          );
        }
        throw error;
      }
    },

    async fail(
      id: number,
      report: {
        attempt?: number | undefined;
        error: string;
        final: boolean;
        result?: Record<string, unknown>;
        spent?: AttemptSpend | undefined;
      },
    ): Promise<JobRow> {
      const job = await repo.find(id);
      if (!job) return refuse(id, report.attempt);
      const params = withSpent(job, report.spent);
      if (!report.final) {
        if (report.attempt === undefined) throw new Invalid('body.attempt: required when final is false');
        return (await repo.failAttempt(id, report.attempt, report.error, params)) ?? refuse(id, report.attempt);
      }
      let error = report.error;
      if (report.attempt === undefined) {
        // the dead letter knows nothing of the cause; the last attempt that reported one does
        const previous = (await repo.find(id))?.error;
        if (previous) error = `${error} Last error: ${previous}`;
      }
      const result = report.result ? mergedResult(job, GenerationJobResult.parse(report.result)) : undefined;
      return (await repo.fail(id, report.attempt, error, result, params)) ?? refuse(id, report.attempt);
    },
  };

  /** A report about a job that is gone, settled, or run by a newer attempt: 404 or 409. */
  async function refuse(id: number, attempt: number | undefined): Promise<never> {
    const job = await repo.find(id);
    if (!job) throw new NotFound(`Job ${id} not found.`);
    if (SETTLED.has(job.state)) throw new Conflict(`Job ${id} is already ${job.state}.`);
    throw new Conflict(
      `Job ${id} is ${job.state} in attempt ${job.attempts}; the report of attempt ${attempt ?? '?'} is out of date.`,
    );
  }
}
export type JobService = ReturnType<typeof createJobService>;

/** One persona generation per student at a time, whatever route asked for it. */
function singletonOf(payload: GenerationJobPayload) {
  return payload.type === 'memory-batch' ? {} : { singletonKey: `user:${payload.user_id}` };
}

/** What a resume of a stopped job queues: exactly what its result says remains, attempts counted on. */
function resumePayload(job: JobRow): GenerationJobPayload {
  const result = GenerationJobResult.parse(job.result);
  const remaining = result.remaining ?? { conversation_ids: [], persona: result.type !== 'memory-batch' };
  const base = { job_id: job.id, attempts_before: job.attempts };
  if (result.type === 'memory-batch') {
    return { ...base, type: 'memory-batch', conversation_ids: remaining.conversation_ids };
  }
  if (result.type === 'user-persona') return { ...base, type: 'user-persona', user_id: result.user_id };
  return { ...base, type: 'persona-for-user', user_id: result.user_id, conversation_ids: remaining.conversation_ids };
}

function isUniqueViolation(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } } | undefined)?.cause;
  return (error as { code?: string } | undefined)?.code === '23505' || cause?.code === '23505';
}

export function queueFor(payload: GenerationJobPayload): string {
  return payload.type === 'memory-batch' ? QUEUE_NAMES.memoryGeneration : QUEUE_NAMES.personaGeneration;
}
