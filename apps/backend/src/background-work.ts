import { createMessagesRepository, listenForSettledTurns } from '@coach/data';
import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from './app-context.ts';
import { startDeadLetterWorker } from './jobs/dead-letter.ts';
import { createJobService } from './jobs/service.ts';
import { startChatTurnDeadLetterWorker } from './messages/dead-letter.ts';
import { startGenerationSchedule } from './tasks/schedule.ts';
import { createTaskServiceFor } from './tasks/service.ts';

/**
 * The Backend's own queue work, started beside its HTTP app: bookkeeping, no model calls. Generation
 * jobs and chat turns that gave up (dead letters) are settled, the generation schedule ticks, and turns
 * settled by other processes wake this one's waiting polls (LISTEN). Answers how to stop the listening
 * (the queue's work stops with the queue).
 */
export async function startBackgroundWork(
  ctx: AppContext,
  logger: Pick<FastifyBaseLogger, 'info' | 'warn'>,
): Promise<() => Promise<void>> {
  const listening = await listenForSettledTurns(ctx.database);
  await startDeadLetterWorker({ queue: ctx.queue, jobs: createJobService(ctx), logger });
  await startChatTurnDeadLetterWorker({ queue: ctx.queue, messages: createMessagesRepository(ctx.db), logger });
  await startGenerationSchedule({
    queue: ctx.queue,
    tasks: createTaskServiceFor(ctx),
    minutes: ctx.config.generationScheduleMinutes,
    logger,
  });
  return () => listening.close();
}
