import { GenerationJobPayload, QUEUE_NAMES } from '@coach/core';
import { createConcurrencyLimit, type JobQueue, type QueuedJob } from '@coach/runtime';
import type { FastifyBaseLogger } from 'fastify';
import { BackendError } from '../backend-client.ts';
import { describeFailure, isTransient } from '../failures.ts';
import type { LlmClient } from '../llm/client.ts';
import type { CallBudget } from '../usage/budget.ts';
import type { GenerationDeps } from './deps.ts';
import { PersonaStepFailed, runGenerationJob } from './job-runner.ts';

export interface GenerationWorkerDeps extends GenerationDeps {
  /** Memories one job works on at once (MEMORY_GENERATION_CONCURRENCY). */
  concurrency: number;
  /** Jobs of each generation queue one process works on at once. */
  jobConcurrency: number;
  logger: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
}

/**
 * The same model with at most `limit` calls in flight at once, however many jobs and memories ask for
 * them; the others wait their turn. One per process: GENERATION_CONCURRENCY is what the provider is asked
 * to bear, while the jobs around the calls (transcripts, upserts, reports) overlap with them.
 */
export function limitModelCalls(llm: LlmClient, limit: number): LlmClient {
  const slots = createConcurrencyLimit(limit);
  return {
    text: (request) => slots.run(() => llm.text(request), request.signal),
    object: (request, schema) => slots.run(() => llm.object(request, schema), request.signal),
  };
}

/** At most one progress report per job this often: each is a round trip to the Backend. */
const PROGRESS_REPORT_MS = 250;

/**
 * Consumes the memory and persona generation queues. Their jobs share `callConcurrency` model calls
 * (GENERATION_CONCURRENCY) between them.
 */
export async function startGenerationWorker(
  queue: JobQueue,
  deps: GenerationWorkerDeps & { callConcurrency: number },
): Promise<void> {
  const shared = { ...deps, llm: limitModelCalls(deps.llm, deps.callConcurrency) };
  for (const name of [QUEUE_NAMES.memoryGeneration, QUEUE_NAMES.personaGeneration]) {
    await queue.work<object>(name, { concurrency: deps.jobConcurrency }, (job) => handleGenerationJob(job, shared));
  }
}

/**
 * One attempt at a generation job, reported to the Backend: start, progress, then complete or fail.
 * A failure that may heal (a model or Backend hiccup) is thrown back to pg-boss, which retries with
 * backoff; on the last attempt, or for one that cannot heal (output that never fits the schema), the job
 * fails for good. The Backend refuses reports of a settled job or an older attempt (404/409): then this
 * attempt stops without touching anything, so a job finishes once however often it is delivered.
 */
export async function handleGenerationJob(job: QueuedJob<object>, deps: GenerationWorkerDeps) {
  const parsed = GenerationJobPayload.safeParse(job.data);
  if (!parsed.success) {
    deps.logger.error({ queueJobId: job.id }, 'generation job with an unreadable payload dropped');
    return { dropped: 'unreadable payload' };
  }
  const payload = parsed.data;
  const { backend } = deps;
  const jobId = payload.job_id;
  // a resumed job's attempts go on from its earlier runs'
  const attempt = (payload.attempts_before ?? 0) + job.retryCount + 1;

  const started = await accepted(() => backend.startJob(jobId, { attempt }));
  if (!started) return { skipped: 'settled or superseded' };
  let budget: CallBudget | undefined;
  // what the attempt's calls used, in every report that ends it (the Backend counts a run's budget with it)
  const spent = () => (budget ? { spent: budget.spent() } : {});
  let reportedAt = 0;
  try {
    const { result, stopped } = await runGenerationJob(payload, deps, {
      signal: job.signal,
      limits: started.limits,
      onBudget: (counter) => {
        budget = counter;
      },
      onProgress: async (done, total) => {
        if (job.signal.aborted) return;
        // a few reports a second are plenty for someone watching, and `complete` reports the end
        if (Date.now() - reportedAt < PROGRESS_REPORT_MS) return;
        reportedAt = Date.now();
        // progress is for people watching; losing one report must not fail the job
        await backend.reportJobProgress(jobId, { attempt, done, total }).catch((error: unknown) => {
          deps.logger.warn({ jobId, err: error }, 'could not report generation progress');
        });
      },
    });
    // pg-boss took the job back (it timed out, or this process is stopping): a retry owns it now
    if (job.signal.aborted) return { abandoned: jobId };
    if (stopped) {
      await accepted(() => backend.stopJob(jobId, { attempt, reason: 'budget', result, ...spent() }));
      deps.logger.info({ jobId, type: payload.type }, 'generation job stopped at its budget');
      return { stopped: jobId };
    }
    await accepted(() => backend.completeJob(jobId, { attempt, result, ...spent() }));
    deps.logger.info({ jobId, type: payload.type }, 'generation job completed');
    return { completed: jobId };
  } catch (error) {
    if (job.signal.aborted) return { abandoned: jobId };
    // the persona step's own failure decides, not the wrapper that carries the memories done before it
    const retry =
      isTransient(error instanceof PersonaStepFailed ? error.cause : error) && job.retryCount < job.retryLimit;
    const partial = error instanceof PersonaStepFailed && !retry ? { result: error.partial } : {};
    deps.logger[retry ? 'warn' : 'error'](
      { jobId, type: payload.type, attempt, err: error },
      retry ? 'generation job failed; pg-boss will retry it' : 'generation job failed for good',
    );
    await accepted(() =>
      backend.failJob(jobId, { attempt, error: describeFailure(error), final: !retry, ...partial, ...spent() }),
    );
    if (retry) throw error;
    return { failed: jobId };
  }
}

/** Runs a report; its answer, or undefined when the Backend says the job is gone, settled or another attempt's. */
async function accepted<T>(report: () => Promise<T>): Promise<T | undefined> {
  try {
    return await report();
  } catch (error) {
    if (error instanceof BackendError && (error.status === 404 || error.status === 409)) return undefined;
    throw error;
  }
}
