import { ChatTurnJob, QUEUE_NAMES } from '@coach/core';
import { HttpError, type JobQueue, type QueuedJob } from '@coach/runtime';
import type { FastifyBaseLogger } from 'fastify';
import { isTransient } from '../failures.ts';
import type { PipelineDeps } from '../pipeline/process-turn.ts';
import { answerTurn, describeTurnFailure, turnFromJob } from './chat-turn.ts';

/**
 * Consumes chat-turn jobs. The reply (or the failure the student is told) is stored in the transaction
 * that completes the job: one commit settles the turn. A transient failure is thrown back to pg-boss,
 * which retries with backoff; on the last attempt, or for a failure that cannot heal, the student is
 * told (the response route answers 502) instead of waiting forever.
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
        const steps = await job.settleWithin(async (complete) => {
          const result = await answerTurn(turn, { ...deps, signal }, (tx) => complete(tx, { answered: true }));
          return result.steps.length;
        });
        return { answered: true, steps };
      } catch (error) {
        // pg-boss took the job back (expired, or this process is stopping): a retry owns the turn now
        if (job.signal.aborted) throw error;
        if (error instanceof HttpError && error.statusCode === 404) {
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
        const detail = describeTurnFailure(error);
        await job.settleWithin((complete) =>
          deps.turns.recordFailure(turn.messageId, detail, (tx) => complete(tx, { failed: detail })),
        );
        return { failed: detail };
      }
    },
  );
}
