import { GenerationJobPayload, QUEUE_NAMES } from '@coach/core';
import { Conflict, type JobQueue, NotFound } from '@coach/runtime';
import type { FastifyBaseLogger } from 'fastify';
import { GAVE_UP, type JobService } from './service.ts';

/**
 * A generation job whose retries ran out without a report (its worker crashed, was stopped or timed
 * out) lands in the dead letter queue; its job row is marked failed here, so nobody waits for it
 * forever. Bookkeeping only, so the Backend does it.
 */
export async function startDeadLetterWorker(deps: {
  queue: JobQueue;
  jobs: JobService;
  logger: Pick<FastifyBaseLogger, 'warn'>;
}): Promise<void> {
  await deps.queue.work<object>(QUEUE_NAMES.generationDeadLetter, {}, async (job) => {
    const payload = GenerationJobPayload.safeParse(job.data);
    if (!payload.success) return { dropped: 'unreadable payload' };
    try {
      await deps.jobs.fail(payload.data.job_id, { error: GAVE_UP, final: true });
      deps.logger.warn({ jobId: payload.data.job_id }, 'generation job failed for good (dead letter)');
    } catch (error) {
      // already settled, or deleted with its student: nothing left to record
      if (!(error instanceof Conflict || error instanceof NotFound)) throw error;
    }
    return { failed: payload.data.job_id };
  });
}
