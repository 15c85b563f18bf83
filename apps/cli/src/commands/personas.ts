import type { GenerationJobRecord, PersonaOutcome } from '@coach/core';
import { type CoachApi, type GenerationControls, isDryRun } from '../api.ts';
import { CliError } from '../errors.ts';
import { followJobs } from '../progress.ts';
import {
  dryRunText,
  memoryCountsText,
  personaOutcomeText,
  plural,
  renderPersona,
  renderRevisionForReview,
  revisionHistoryLines,
  stoppedJobLines,
  unwrittenMemoryLines,
} from '../render.ts';
import { EXIT_STOPPED } from './memories.ts';

export interface PersonaForUserOptions {
  /** false with `--no-refresh`: the persona is written from the memories as they are. */
  refreshMemories: boolean;
  clamp?: string | undefined;
  json: boolean;
}

/**
 * `coach personas generate --user ID`: `generate-persona-for-user` (docs/api/tasks-and-jobs.md) in async
 * mode, followed to the end, then the persona itself. Memories that could not be refreshed are reported;
 * they do not fail the run.
 */
export async function generatePersonaForUser(
  api: CoachApi,
  userId: string,
  options: PersonaForUserOptions,
  controls: GenerationControls = {},
): Promise<number> {
  // with --json, stdout holds the persona record and nothing else
  const say = options.json ? console.error : console.log;
  const answer = await api.generatePersonaForUser(
    userId,
    { refreshMemories: options.refreshMemories, clamp: options.clamp },
    controls,
  );
  if (isDryRun(answer)) {
    console.log(options.json ? JSON.stringify(answer, null, 2) : dryRunText(answer));
    return 0;
  }
  const queued = answer;
  say(
    `${queued.message} ${queued.joined ? `Joined job ${queued.job_id}, already under way.` : `(job ${queued.job_id})`}`,
  );

  const [job] = await followJobs(api, [queued.job_id], { label: `persona of user ${queued.user_id}` });
  const outcome = personaOutcomeOf(job!);
  const result = job!.result;
  if (result?.type === 'persona-for-user') {
    if (!options.refreshMemories) say('Memories: not refreshed (--no-refresh).');
    else if (result.memories.counts.selected === 0) say('Memories: none needed refreshing.');
    else say(`Memories: ${memoryCountsText(result.memories.counts)}.`);
    for (const line of unwrittenMemoryLines(result.memories.items)) console.error(line);
  }
  if (job!.state === 'stopped') {
    for (const line of stoppedJobLines(job!)) say(line);
    return EXIT_STOPPED;
  }
  if (outcome.status === 'failed') {
    throw new CliError(`persona generation for user ${queued.user_id} failed: ${outcome.error} (job ${job!.id}).`);
  }
  if (outcome.status === 'skipped') {
    throw new CliError(`no persona for user ${queued.user_id}: ${outcome.reason} (job ${job!.id}).`);
  }

  if (outcome.revision?.status === 'pending') {
    // the current persona did not change: what waits is the revision
    const revision = await api.revision(outcome.revision.id);
    say(`Revision ${revision.number} waits for review (coach personas review --approve ${revision.id}):`);
    console.log(options.json ? JSON.stringify(revision, null, 2) : `\n${renderRevisionForReview(revision).join('\n')}`);
    return 0;
  }
  const persona = await api.persona(queued.user_id);
  console.log(options.json ? JSON.stringify(persona, null, 2) : `\n${renderPersona(persona)}`);
  return 0;
}

/**
 * `coach personas generate --all`: one job per student who needs a persona (a memory newer than it),
 * followed together; a summary line, and each failure on a line of its own.
 */
export async function generateAllPersonas(
  api: CoachApi,
  options: { clamp?: string | undefined },
  controls: GenerationControls = {},
): Promise<number> {
  const answer = await api.triggerPersonaGeneration(options.clamp, controls);
  if (isDryRun(answer)) {
    console.log(dryRunText(answer));
    return 0;
  }
  const queued = answer;
  console.log(queued.message);
  if (queued.job_ids.length === 0) return 0;

  const jobs = await followJobs(api, queued.job_ids, { label: plural(queued.job_ids.length, 'persona') });
  const outcomes = jobs.map((job) => ({ job, outcome: personaOutcomeOf(job) }));
  const count = (status: PersonaOutcome['status']) => outcomes.filter((o) => o.outcome.status === status).length;
  const skipped = count('skipped');
  const waiting = outcomes.filter((o) => o.outcome.status === 'saved' && o.outcome.revision?.status === 'pending');
  const review = waiting.length > 0 ? ` (${waiting.length} waiting for review: coach personas review)` : '';
  console.log(
    `${count('saved')} generated${review}, ${count('failed')} failed${skipped > 0 ? `, ${skipped} skipped` : ''}.`,
  );
  for (const { job, outcome } of outcomes) {
    if (outcome.status !== 'saved')
      console.error(`  user ${job.user_id}: ${personaOutcomeText(outcome)} (job ${job.id})`);
  }
  const stopped = jobs.filter((job) => job.state === 'stopped');
  if (stopped.length > 0) {
    console.log(
      `${plural(stopped.length, 'job')} stopped at the budget: coach jobs resume ${stopped.map((job) => job.id).join(', ')}`,
    );
  }
  if (count('failed') > 0) return 1;
  return stopped.length > 0 ? EXIT_STOPPED : 0;
}

/** `coach personas show --user ID`: the stored persona, as `generate` prints it. */
export async function showPersona(api: CoachApi, userId: string, options: { json: boolean }): Promise<number> {
  const persona = await api.persona(userId);
  console.log(options.json ? JSON.stringify(persona, null, 2) : renderPersona(persona));
  return 0;
}

/** `coach personas history --user ID`: every revision of the student's persona, newest first. */
export async function showPersonaHistory(api: CoachApi, userId: string, options: { json: boolean }): Promise<number> {
  const revisions = await api.personaRevisions(userId);
  if (options.json) console.log(JSON.stringify(revisions, null, 2));
  else if (revisions.length === 0) console.log(`No persona revisions for user ${userId.trim()} yet.`);
  else
    console.log(
      [`Persona revisions of user ${userId.trim()}, newest first:`, ...revisionHistoryLines(revisions)].join('\n'),
    );
  return 0;
}

/** Revisions asked for per request while reading the whole review queue. */
const QUEUE_PAGE = 100;

/** `coach personas review`: the revisions waiting for review, oldest first, each with its diff and evidence. */
export async function showReviewQueue(api: CoachApi, options: { json: boolean }): Promise<number> {
  const queue = [];
  for (let offset = 0; ; offset += QUEUE_PAGE) {
    const page = await api.pendingRevisions({ limit: QUEUE_PAGE, offset });
    queue.push(...page);
    if (page.length < QUEUE_PAGE) break;
  }
  if (options.json) {
    console.log(JSON.stringify(queue, null, 2));
    return 0;
  }
  if (queue.length === 0) {
    console.log('No persona revisions wait for review.');
    return 0;
  }
  console.log(`${plural(queue.length, 'persona revision')} waiting for review, oldest first:`);
  for (const revision of queue) console.log(`\n${renderRevisionForReview(revision).join('\n')}`);
  console.log(
    '\nApprove: coach personas review --approve <id>   Reject: coach personas review --reject <id> --reason "…"',
  );
  return 0;
}

/** `--approve ID`: the revision becomes the current persona (409 when it no longer waits). */
export async function approveRevision(api: CoachApi, revisionId: string): Promise<number> {
  const { revision } = await api.approveRevision(revisionId);
  console.log(
    `Approved revision ${revision.number} of user ${revision.user_id} (id ${revision.id}): it is the current persona now.`,
  );
  return 0;
}

/** `--reject ID --reason …`: the revision never reaches a prompt (409 when it no longer waits). */
export async function rejectRevision(api: CoachApi, revisionId: string, reason: string | undefined): Promise<number> {
  const revision = await api.rejectRevision(revisionId, reason);
  const why = revision.reason ? `: ${revision.reason}` : '';
  console.log(`Rejected revision ${revision.number} of user ${revision.user_id} (id ${revision.id})${why}.`);
  return 0;
}

/** A failed job counts as a failed persona, with the job's error. */
export function personaOutcomeOf(job: GenerationJobRecord): PersonaOutcome {
  if (job.state === 'failed') return { status: 'failed', error: job.error ?? 'the job failed without a reason' };
  const result = job.result;
  if (result && 'persona' in result) return result.persona;
  return { status: 'failed', error: `job ${job.id} completed without a persona outcome` };
}
