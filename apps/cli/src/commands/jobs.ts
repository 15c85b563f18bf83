import type { CoachApi, GenerationControls } from '../api.ts';
import { CliError } from '../errors.ts';
import { followJobs } from '../progress.ts';
import { describeJob } from '../render.ts';
import { EXIT_STOPPED } from './memories.ts';

/** `coach jobs watch ID`: follows one job to its end; exit 0 when it completed, 1 when it failed. */
export async function watchJob(api: CoachApi, jobId: string): Promise<number> {
  // asked first, so an unknown id is one line ("Job 9 not found.") before any bar is drawn
  const job = await api.job(jobId);
  const [settled] = await followJobs(api, [job.id], { label: `job ${job.id} (${job.type})` });
  console.log(describeJob(settled!).join('\n'));
  if (settled!.state === 'failed') throw new CliError(`job ${job.id} failed: ${settled!.error ?? 'no reason given'}`);
  return settled!.state === 'stopped' ? EXIT_STOPPED : 0;
}

/**
 * `coach jobs resume ID [--max-calls N] [--max-tokens N]`: a job stopped at its budget goes on with what
 * it has left (the same job), followed to its end like `watch`.
 */
export async function resumeJob(api: CoachApi, jobId: string, controls: GenerationControls): Promise<number> {
  const { job_id } = await api.resumeJob(jobId, controls);
  console.log(`Resumed job ${job_id}.`);
  return watchJob(api, String(job_id));
}
