import { type ApiClient, errorMessage, type Schemas, unwrap } from '../../api/client.ts';

type JobStatus = Schemas['GenerationJob'];

/** The options of `generate-persona-for-user` (docs/api/tasks-and-jobs.md), as the operator sets them. */
export interface RegenerateOptions {
  refreshMemories: boolean;
  onlyNeeding: boolean;
  includeEmpty: boolean;
  /** At most this many conversations get a fresh memory first; -1 = no limit. */
  clamp: number;
}

export const DEFAULT_REGENERATE_OPTIONS: RegenerateOptions = {
  refreshMemories: true,
  onlyNeeding: true,
  includeEmpty: false,
  clamp: -1,
};

export type RegenerationState =
  | { phase: 'starting' }
  | { phase: 'queued' | 'running'; message: string; done: number; total: number }
  | { phase: 'completed'; message: string }
  | { phase: 'failed'; message: string };

export interface RegenerationPorts {
  start(userId: number, options: RegenerateOptions): Promise<{ message: string; jobId: number | null }>;
  fetchJob(jobId: number): Promise<JobStatus>;
  sleep(ms: number): Promise<void>;
}

/** Starts the persona job and follows its status until it completes or fails. */
export async function regeneratePersona(
  userId: number,
  options: RegenerateOptions,
  ports: RegenerationPorts,
  onChange: (state: RegenerationState) => void,
  timing: { intervalMs: number; networkRetries: number } = { intervalMs: 500, networkRetries: 5 },
): Promise<RegenerationState> {
  const report = (state: RegenerationState) => {
    onChange(state);
    return state;
  };
  report({ phase: 'starting' });
  let started: { message: string; jobId: number | null };
  try {
    started = await ports.start(userId, options);
  } catch (error) {
    return report({ phase: 'failed', message: errorMessage(error) });
  }
  // no job to follow: the Backend finished (or had nothing to do) and said so
  if (started.jobId === null) return report({ phase: 'completed', message: started.message });

  let unreachable = 0;
  for (;;) {
    let job: JobStatus;
    try {
      job = await ports.fetchJob(started.jobId);
      unreachable = 0;
    } catch (error) {
      unreachable += 1;
      if (unreachable > timing.networkRetries) return report({ phase: 'failed', message: errorMessage(error) });
      await ports.sleep(timing.intervalMs);
      continue;
    }
    if (job.state === 'completed') return report(finished(job));
    if (job.state === 'failed') return report({ phase: 'failed', message: describeError(job.error) });
    // the console gives no budget, but a job can stop at one set elsewhere (a resume with max_llm_calls)
    if (job.state === 'stopped') {
      return report({
        phase: 'failed',
        message: `The job stopped at its budget before it was done; resume it with coach jobs resume ${job.id}.`,
      });
    }
    report({ phase: job.state, message: started.message, done: job.progress.done, total: job.progress.total });
    await ports.sleep(timing.intervalMs);
  }
}

/** A completed job's result in words; a job can complete while its persona step failed. */
function finished(job: JobStatus): RegenerationState {
  const result = job.result;
  if (!result || result.type === 'memory-batch') return { phase: 'completed', message: 'The job completed.' };
  const memories =
    result.type === 'persona-for-user'
      ? ` ${result.memories.counts.saved} conversation memor${result.memories.counts.saved === 1 ? 'y' : 'ies'} refreshed first${result.memories.counts.failed > 0 ? `, ${result.memories.counts.failed} failed` : ''}.`
      : '';
  const persona = result.persona;
  if (persona.status === 'failed') return { phase: 'failed', message: `${persona.error}${memories}` };
  if (persona.status === 'skipped')
    return { phase: 'completed', message: `No new persona: ${persona.reason}.${memories}` };
  if (persona.revision?.status === 'pending') {
    return {
      phase: 'completed',
      message: `Revision ${persona.revision.number} waits for review: the coach keeps the current persona until it is approved on the Review page.${memories}`,
    };
  }
  return { phase: 'completed', message: `New persona saved.${memories}` };
}

function describeError(error: string | undefined): string {
  return error || 'The persona job failed.';
}

/** The real ports: the Backend's task routes with the admin token. */
export function regenerationPorts(client: ApiClient): RegenerationPorts {
  return {
    async start(userId, options) {
      const flag = (on: boolean) => (on ? 'true' : 'false');
      const started = await unwrap(
        client.POST('/api/tasks/generate-persona-for-user/{user_id}', {
          params: {
            path: { user_id: userId },
            query: {
              generate_conversation_memories_if_not_found: flag(options.refreshMemories),
              only_needing: flag(options.onlyNeeding),
              include_empty: flag(options.includeEmpty),
              clamp: String(options.clamp),
              sync: 'false',
            },
          },
        }),
      );
      // no dry_run asked: the answer is the job's
      if ('dry_run' in started) return { jobId: null, message: 'Nothing was queued (a dry run).' };
      return { jobId: started.mode === 'async' ? started.job_id : null, message: started.message };
    },
    fetchJob: (jobId) => unwrap(client.GET('/api/tasks/jobs/{job_id}', { params: { path: { job_id: jobId } } })),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}
