import { ChatTurnJob, QUEUE_NAMES } from '@coach/core';
import type { JobQueue, QueuedJob } from '@coach/runtime';
import type { FastifyBaseLogger } from 'fastify';
import { BackendError } from '../backend-client.ts';
import { isTransient } from '../failures.ts';
import type { PipelineDeps } from '../pipeline/process-turn.ts';
import { answerTurn, describeTurnFailure, turnFromJob } from './chat-turn.ts';

/**
 * Consumes chat-turn jobs. A transient failure is thrown back to pg-boss, which retries with
 * backoff; on the last attempt, or for a failure that cannot heal, the student is told (the
 * response route answers 502) instead of waiting forever.
 */
export async function startTurnWorker(
  queue: JobQueue,
  deps: PipelineDeps & {
    concurrency: number;
    turnTimeoutMs: number;
    logger: Pick<FastifyBaseLogger, 'warn' | 'error'>;
  },
): Promise<void> {
  await queue.work<ChatTurnJob>(
    QUEUE_NAMES.chatTurn,
    { concurrency: deps.concurrency },
    async (job: QueuedJob<ChatTurnJob>) => {
      const parsed = ChatTurnJob.safeParse(job.data);
      if (!parsed.success) {
        deps.logger.error({ jobId: job.id }, 'chat-turn job with an unreadable payload dropped');
        return { dropped: 'unreadable payload' };
      }
      const turn = turnFromJob(parsed.data);
      try {
        // a student is waiting: the whole turn, every step and retry included, has a deadline
        const signal = AbortSignal.any([job.signal, AbortSignal.timeout(deps.turnTimeoutMs)]);
        const result = await answerTurn(turn, { ...deps, signal });
        return { answered: true, steps: result.steps.length };
      } catch (error) {
        // pg-boss took the job back (expired, or this process is stopping): a retry owns the turn now
        if (job.signal.aborted) throw error;
        if (error instanceof BackendError && error.status === 404) {
          // the message or its conversation was deleted meanwhile: nobody is waiting for a reply
          return { dropped: error.message };
        }
        const lastAttempt = job.retryCount >= job.retryLimit;
        if (isTransient(error) && !lastAttempt) {
          deps.logger.warn(
            { jobId: job.id, messageId: turn.messageId, attempt: job.retryCount + 1, err: error },
            'chat turn failed; will retry',
          );
          throw error;
        }
        deps.logger.error({ jobId: job.id, messageId: turn.messageId, err: error }, 'chat turn failed for good');
        await deps.backend.postBrainFailure({
          original_message_id: turn.messageId,
          detail: describeTurnFailure(error),
        });
        return { failed: describeTurnFailure(error) };
      }
    },
  );
}
