import { QUEUE_NAMES } from '@coach/core';
import type { JobQueue } from '@coach/runtime';
import type { FastifyBaseLogger } from 'fastify';
import type { TaskService } from './service.ts';

/**
 * The periodic generation (docs/GENERATION.md): a pg-boss schedule sends a tick to `generation-schedule` every
 * `minutes` — one tick per occurrence however many Backends registered it — and a tick runs the global
 * memory trigger, then the persona trigger. 0 removes the schedule.
 */
export async function startGenerationSchedule(deps: {
  queue: JobQueue;
  tasks: TaskService;
  minutes: number;
  logger: Pick<FastifyBaseLogger, 'info'>;
}): Promise<void> {
  const { queue, logger } = deps;
  if (deps.minutes <= 0) {
    await queue.unschedule(QUEUE_NAMES.generationSchedule);
    return;
  }
  await queue.work<object>(QUEUE_NAMES.generationSchedule, {}, async () => {
    const outcome = await deps.tasks.runScheduledGeneration();
    logger.info(outcome, 'scheduled memory and persona generation');
    return outcome;
  });
  await queue.schedule(QUEUE_NAMES.generationSchedule, deps.minutes);
  logger.info(`memory and persona generation scheduled every ${deps.minutes} min`);
}
