import type { CoachApi } from '../api.ts';
import { CliError } from '../errors.ts';
import { followJobs } from '../progress.ts';
import { describeJob } from '../render.ts';

/** `coach jobs watch ID`: follows one job to its end; exit 0 when it completed, 1 when it failed. */
export async function watchJob(api: CoachApi, jobId: string): Promise<number> {
  // asked first, so an unknown id is one line ("Job 9 not found.") before any bar is drawn
  const job = await api.job(jobId);
  const [settled] = await followJobs(api, [job.id], { label: `job ${job.id} (${job.type})` });
  console.log(describeJob(settled!).join('\n'));
  if (settled!.state === 'failed') throw new CliError(`job ${job.id} failed: ${settled!.error ?? 'no reason given'}`);
  return 0;
}
