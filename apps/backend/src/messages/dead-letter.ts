import { ChatTurnJob, QUEUE_NAMES } from '@coach/core';
import type { MessagesRepository } from '@coach/data';
import type { JobQueue } from '@coach/runtime';
import type { FastifyBaseLogger } from 'fastify';

/** What the student is told about a turn whose last attempt ended without a word from the Brain. */
export const TURN_GAVE_UP = 'the coach stopped before it could answer';

/**
 * A chat turn whose retries ran out without a reply or a failure report (the Brain crashed on the last
 * attempt, or could not reach the Backend to say it gave up) lands in the dead letter queue; its message
 * is marked failed here, so the response route answers 502 instead of 202 forever. A reply that did
 * arrive wins: marking is a no-op then.
 */
export async function startChatTurnDeadLetterWorker(deps: {
  queue: JobQueue;
  messages: MessagesRepository;
  logger: Pick<FastifyBaseLogger, 'warn'>;
}): Promise<void> {
  await deps.queue.work<object>(QUEUE_NAMES.chatTurnDeadLetter, {}, async (job) => {
    const turn = ChatTurnJob.safeParse(job.data);
    if (!turn.success) return { dropped: 'unreadable payload' };
    await deps.messages.markReplyFailed(turn.data.message_id, TURN_GAVE_UP);
    deps.logger.warn({ messageId: turn.data.message_id }, 'chat turn failed for good (dead letter)');
    return { failed: turn.data.message_id };
  });
}
