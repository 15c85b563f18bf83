import type {
  GenerationJobPayload,
  GenerationJobResult,
  MemoryCounts,
  MemoryItemResult,
  PersonaOutcome,
} from '@coach/core';
import { describeFailure } from '../failures.ts';
import { withModelCallScope } from '../usage/scope.ts';
import type { GenerationDeps } from './deps.ts';
import { generateMemoryBatch } from './memory-batch.ts';
import { generatePersonaOutcome } from './persona.ts';

export interface JobRunOptions {
  signal: AbortSignal;
  /** Items done out of the job's total (memories, then the persona, whose end completing the job reports). */
  onProgress: (done: number, total: number) => Promise<void>;
}

/** The persona step failed; `partial` holds what was done before it (the refreshed memories). */
export class PersonaStepFailed extends Error {
  readonly partial: GenerationJobResult;
  constructor(cause: unknown, partial: GenerationJobResult) {
    super(describeFailure(cause), { cause });
    this.partial = partial;
  }
}

/** Does what a generation job asks for and returns its result for the Backend. */
export function runGenerationJob(
  payload: GenerationJobPayload,
  deps: GenerationDeps & { concurrency: number },
  options: JobRunOptions,
): Promise<GenerationJobResult> {
  // every model call of the job is on its ledger under its id (GET /api/tasks/jobs/{id} sums them)
  const scope = { jobId: payload.job_id, userId: payload.type === 'memory-batch' ? null : payload.user_id };
  return withModelCallScope(scope, () => runJob(payload, deps, options));
}

async function runJob(
  payload: GenerationJobPayload,
  deps: GenerationDeps & { concurrency: number },
  options: JobRunOptions,
): Promise<GenerationJobResult> {
  const { signal, onProgress } = options;
  if (payload.type === 'memory-batch') {
    const total = payload.conversation_ids.length;
    const memories = await generateMemoryBatch(payload.conversation_ids, deps, {
      signal,
      onItemDone: (done) => onProgress(done, total),
    });
    return { type: 'memory-batch', memories };
  }
  const conversationIds = payload.type === 'persona-for-user' ? payload.conversation_ids : [];
  const total = conversationIds.length + 1;
  // memories first, all of them finished or failed: the persona reads them
  const memories = await generateMemoryBatch(conversationIds, deps, {
    signal,
    onItemDone: (done) => onProgress(done, total),
  });
  let persona: PersonaOutcome;
  try {
    persona = await generatePersonaOutcome(payload.user_id, deps, { signal, jobId: payload.job_id });
  } catch (error) {
    throw new PersonaStepFailed(
      error,
      resultOf(payload, memories, { status: 'failed', error: describeFailure(error) }),
    );
  }
  // no report of the last step: completing the job reports it done (a round trip and a write less a job)
  return resultOf(payload, memories, persona);
}

function resultOf(
  payload: GenerationJobPayload & { type: 'user-persona' | 'persona-for-user' },
  memories: { counts: MemoryCounts; items: MemoryItemResult[] },
  persona: PersonaOutcome,
): GenerationJobResult {
  return payload.type === 'persona-for-user'
    ? { type: 'persona-for-user', user_id: payload.user_id, memories, persona }
    : { type: 'user-persona', user_id: payload.user_id, persona };
}
