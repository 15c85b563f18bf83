import { setTimeout as sleep } from 'node:timers/promises';
import { type GenerationJobPayload, QUEUE_NAMES } from '@coach/core';
import type { Db } from '@coach/data';
import { Conflict, HttpError, Invalid, type JobQueue, NotFound } from '@coach/runtime';
import { createJobsRepository, type JobRow, type NewJob } from './repository.ts';

export interface JobSpec extends NewJob {
  /** The queue payload, once the job row (and so its id) exists. */
  payload: (jobId: number) => GenerationJobPayload;
}

const SETTLED = new Set(['completed', 'failed']);

/** What the dead letter reports: the last attempt ended without the worker saying how. */
export const GAVE_UP =
  'Gave up: the last attempt stopped without an answer (the worker crashed, was stopped or timed out).';

/**
 * Generation jobs: created together with their pg-boss job, joined by a second request for the same
 * thing, moved through queued → running → completed | failed by the Brain's reports, and waited for
 * by the `sync=true` routes.
 */
export function createJobService(deps: { db: Db; queue: JobQueue }) {
  const repo = createJobsRepository(deps.db);

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
    async enqueue(spec: JobSpec): Promise<{ job: JobRow; joined: boolean }> {
      for (let tries = 1; tries <= 3; tries++) {
        const outcome = await deps.db.transaction(async (tx) => {
          const found = await repo.insertOrFindActive(tx, spec);
          if (!found) return undefined;
          if (found.created) {
            const payload = spec.payload(found.row.id);
            await deps.queue.send(queueFor(payload), payload, {
              tx,
              // one persona generation per student at a time, whatever route asked for it
              ...(payload.type === 'memory-batch' ? {} : { singletonKey: `user:${payload.user_id}` }),
            });
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

    async start(id: number, attempt: number): Promise<JobRow> {
      return (await repo.start(id, attempt)) ?? refuse(id, attempt);
    },

    async progress(id: number, attempt: number, done: number, total: number): Promise<JobRow> {
      return (await repo.progress(id, attempt, done, total)) ?? refuse(id, attempt);
    },

    async complete(id: number, attempt: number, result: Record<string, unknown>): Promise<JobRow> {
      return (await repo.complete(id, attempt, result)) ?? refuse(id, attempt);
    },

    async fail(
      id: number,
      report: { attempt?: number | undefined; error: string; final: boolean; result?: Record<string, unknown> },
    ): Promise<JobRow> {
      if (!report.final) {
        if (report.attempt === undefined) throw new Invalid('body.attempt: required when final is false');
        return (await repo.failAttempt(id, report.attempt, report.error)) ?? refuse(id, report.attempt);
      }
      let error = report.error;
      if (report.attempt === undefined) {
        // the dead letter knows nothing of the cause; the last attempt that reported one does
        const previous = (await repo.find(id))?.error;
        if (previous) error = `${error} Last error: ${previous}`;
      }
      return (await repo.fail(id, report.attempt, error, report.result)) ?? refuse(id, report.attempt);
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

export function queueFor(payload: GenerationJobPayload): string {
  return payload.type === 'memory-batch' ? QUEUE_NAMES.memoryGeneration : QUEUE_NAMES.personaGeneration;
}
