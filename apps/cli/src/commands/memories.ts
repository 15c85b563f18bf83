import type { MemoryTaskResponse } from '@coach/backend';
import { type CoachApi, type GenerationControls, isDryRun, type MemorySelection, type OrDryRun } from '../api.ts';
import { CliError } from '../errors.ts';
import { followJobs } from '../progress.ts';
import { dryRunText, memoryCountsText, stoppedJobLines, unwrittenMemoryLines } from '../render.ts';

/** The exit code of a job that stopped at its budget: not a failure, and not done either. */
export const EXIT_STOPPED = 3;

/** `coach memories generate --user ID`: that student's conversations (by default only those needing one). */
export async function generateMemoriesForUser(
  api: CoachApi,
  userId: string,
  selection: MemorySelection,
  controls: GenerationControls = {},
) {
  const queued = await api.generateMemoriesForUser(userId, selection, controls);
  return followMemoryTask(api, queued, `memories of user ${userId}`);
}

/** `coach memories generate --all`: every conversation idle past the threshold that needs a memory. */
export async function generateAllMemories(
  api: CoachApi,
  options: { clamp?: string | undefined },
  controls: GenerationControls = {},
) {
  return followMemoryTask(api, await api.triggerMemoryGeneration(options.clamp, controls), 'memories');
}

/** The API's message as it is ("Nothing to generate…" included), then the job to its end. */
async function followMemoryTask(api: CoachApi, answer: OrDryRun<MemoryTaskResponse>, label: string): Promise<number> {
  if (isDryRun(answer)) {
    console.log(dryRunText(answer));
    return 0;
  }
  const queued = answer;
  const jobId = queued.job_id;
  console.log(jobId === undefined ? queued.message : `${queued.message} ${jobNote(jobId, queued.joined)}`);
  if (jobId === undefined) return 0;

  const [job] = await followJobs(api, [jobId], { label });
  if (job!.state === 'failed') throw new CliError(`memory generation failed: ${job!.error} (job ${jobId}).`);
  const result = job!.result;
  if (result?.type !== 'memory-batch') throw new CliError(`job ${jobId} completed without a memory result.`);
  const { counts, items } = result.memories;
  console.log(`Memories: ${memoryCountsText(counts)}.`);
  for (const line of unwrittenMemoryLines(items)) console.error(line);
  for (const line of stoppedJobLines(job!)) console.log(line);
  if (job!.state === 'stopped') return EXIT_STOPPED;
  return counts.failed > 0 ? 1 : 0;
}

const jobNote = (jobId: number, joined: boolean | undefined) =>
  joined ? `Joined job ${jobId}, already under way.` : `(job ${jobId})`;
