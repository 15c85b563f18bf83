import { createMessagesRepository, listenForSettledTurns } from '@coach/data';
import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from './app-context.ts';
import { startDeadLetterWorker } from './jobs/dead-letter.ts';
import { createJobService } from './jobs/service.ts';
import { startChatTurnDeadLetterWorker } from './messages/dead-letter.ts';
import { createSafetyAlertsRepository } from './safety-alerts/repository.ts';
import { startSafetyWebhookWorker } from './safety-alerts/webhook.ts';
import { startGenerationSchedule } from './tasks/schedule.ts';
import { createTaskServiceFor } from './tasks/service.ts';

/**
 * The Backend's own queue work, started beside its HTTP app: bookkeeping, no model calls. Generation
 * jobs and chat turns that gave up (dead letters) are settled, the generation schedule ticks, new safety
 * alerts are posted to SAFETY_WEBHOOK_URL when it is set, and turns settled by other processes wake this
 * one's waiting polls (LISTEN). Answers how to stop the listening (the queue's work stops with the queue).
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
  if (ctx.config.safetyWebhookUrl) {
    await startSafetyWebhookWorker({
      queue: ctx.queue,
      alerts: createSafetyAlertsRepository(ctx.db),
      url: ctx.config.safetyWebhookUrl,
      secret: ctx.config.safetyWebhookSecret,
      logger,
    });
  }
  return () => listening.close();
}
