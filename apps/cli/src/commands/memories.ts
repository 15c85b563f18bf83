import type { MemoryTaskResponse } from '@coach/backend';
import type { CoachApi, MemorySelection } from '../api.ts';
import { CliError } from '../errors.ts';
import { followJobs } from '../progress.ts';
import { memoryCountsText, unwrittenMemoryLines } from '../render.ts';

/** `coach memories generate --user ID`: that student's conversations (by default only those needing one). */
export async function generateMemoriesForUser(api: CoachApi, userId: string, selection: MemorySelection) {
  return followMemoryTask(api, await api.generateMemoriesForUser(userId, selection), `memories of user ${userId}`);
}

/** `coach memories generate --all`: every conversation idle past the threshold that needs a memory. */
export async function generateAllMemories(api: CoachApi, options: { clamp?: string | undefined }) {
  return followMemoryTask(api, await api.triggerMemoryGeneration(options.clamp), 'memories');
}

/** The API's message as it is ("Nothing to generate…" included), then the job to its end. */
async function followMemoryTask(api: CoachApi, queued: MemoryTaskResponse, label: string): Promise<number> {
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
  return counts.failed > 0 ? 1 : 0;
}

const jobNote = (jobId: number, joined: boolean | undefined) =>
  joined ? `Joined job ${jobId}, already under way.` : `(job ${jobId})`;
