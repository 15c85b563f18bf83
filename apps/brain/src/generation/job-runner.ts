import type {
  AttemptLimits,
  GenerationJobPayload,
  GenerationJobResult,
  JobRemaining,
  PersonaOutcome,
} from '@coach/core';
import { describeFailure } from '../failures.ts';
import { BudgetReached, type CallBudget, createCallBudget } from '../usage/budget.ts';
import { withModelCallScope } from '../usage/scope.ts';
import type { GenerationDeps } from './deps.ts';
import { generateMemoryBatch, type MemoryBatchOutcome } from './memory-batch.ts';
import { generatePersonaOutcome } from './persona.ts';

export interface JobRunOptions {
  signal: AbortSignal;
  /** Items done out of the job's total (memories, then the persona, whose end completing the job reports). */
  onProgress: (done: number, total: number) => Promise<void>;
  /** What this attempt may spend (the Backend says so when it starts); no limit when absent. */
  limits?: AttemptLimits | undefined;
  /** Gets the attempt's counter, to report what it spent however the attempt ends. */
  onBudget?: (budget: CallBudget) => void;
}

/** How a job's attempt ended: done, or stopped at its budget with `result.remaining` left. */
export interface JobRunOutcome {
  result: GenerationJobResult;
  stopped: boolean;
}

/** The persona step failed; `partial` holds what was done before it (the refreshed memories). */
export class PersonaStepFailed extends Error {
  readonly partial: GenerationJobResult;
  constructor(cause: unknown, partial: GenerationJobResult) {
    super(describeFailure(cause), { cause });
    this.partial = partial;
  }
}

const BUDGET_BEFORE_PERSONA = 'the budget ran out before the persona step';

/** Does what a generation job asks for and returns its result for the Backend. */
export function runGenerationJob(
  payload: GenerationJobPayload,
  deps: GenerationDeps & { concurrency: number },
  options: JobRunOptions,
): Promise<JobRunOutcome> {
  const budget = createCallBudget(options.limits ?? { calls: null, tokens: null });
  options.onBudget?.(budget);
  // every model call of the job is on its ledger under its id (GET /api/tasks/jobs/{id} sums them), and
  // counted against its budget
  const scope = { jobId: payload.job_id, userId: payload.type === 'memory-batch' ? null : payload.user_id, budget };
  return withModelCallScope(scope, () => runJob(payload, deps, budget, options));
}

async function runJob(
  payload: GenerationJobPayload,
  deps: GenerationDeps & { concurrency: number },
  budget: CallBudget,
  options: JobRunOptions,
): Promise<JobRunOutcome> {
  const { signal, onProgress } = options;
  if (payload.type === 'memory-batch') {
    const total = payload.conversation_ids.length;
    const memories = await generateMemoryBatch(payload.conversation_ids, deps, {
      signal,
      onItemDone: (done) => onProgress(done, total),
    });
    const stopped = memories.notStarted.length > 0;
    const result: GenerationJobResult = { type: 'memory-batch', memories: batchOf(memories) };
    return stopped ? { result: { ...result, remaining: remainingOf(memories, false) }, stopped } : { result, stopped };
  }
  const conversationIds = payload.type === 'persona-for-user' ? payload.conversation_ids : [];
  const total = conversationIds.length + 1;
  // memories first, all of them finished or failed: the persona reads them
  const memories = await generateMemoryBatch(conversationIds, deps, {
    signal,
    onItemDone: (done) => onProgress(done, total),
  });
  // never a persona from a refresh the budget cut short: the job stops, and a resume finishes both
  if (memories.notStarted.length > 0 || budget.reached) return stoppedBeforePersona(payload, memories);
  let persona: PersonaOutcome;
  try {
    persona = await generatePersonaOutcome(payload.user_id, deps, { signal, jobId: payload.job_id });
  } catch (error) {
    if (error instanceof BudgetReached) return stoppedBeforePersona(payload, memories);
    throw new PersonaStepFailed(
      error,
      resultOf(payload, memories, { status: 'failed', error: describeFailure(error) }),
    );
  }
  // no report of the last step: completing the job reports it done (a round trip and a write less a job)
  return { result: resultOf(payload, memories, persona), stopped: false };
}

function stoppedBeforePersona(
  payload: GenerationJobPayload & { type: 'user-persona' | 'persona-for-user' },
  memories: MemoryBatchOutcome,
): JobRunOutcome {
  const result = resultOf(payload, memories, { status: 'skipped', reason: BUDGET_BEFORE_PERSONA });
  return { result: { ...result, remaining: remainingOf(memories, true) }, stopped: true };
}

/**
 * What a stopped job leaves for its resume: the conversations the budget kept from starting and those
 * whose memory failed (a resume tries them again: nothing of theirs was saved), then the persona.
 */
function remainingOf(memories: MemoryBatchOutcome, persona: boolean): JobRemaining {
  const failed = memories.items.flatMap((item) => (item.status === 'failed' ? [item.conversation_id] : []));
  return { conversation_ids: [...failed, ...memories.notStarted], persona };
}

const batchOf = ({ counts, items }: MemoryBatchOutcome) => ({ counts, items });

function resultOf(
  payload: GenerationJobPayload & { type: 'user-persona' | 'persona-for-user' },
  memories: MemoryBatchOutcome,
  persona: PersonaOutcome,
): GenerationJobResult {
  return payload.type === 'persona-for-user'
    ? { type: 'persona-for-user', user_id: payload.user_id, memories: batchOf(memories), persona }
    : { type: 'user-persona', user_id: payload.user_id, persona };
}
