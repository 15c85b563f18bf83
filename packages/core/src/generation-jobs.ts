import { z } from 'zod';
import { PersonaRevisionRef } from './persona-revisions.ts';
import { Id, JsonObject, Timestamp } from './records.ts';

/**
 * Durable memory and persona generation (docs/GENERATION.md). The Backend keeps a `generation_jobs`
 * row per job and enqueues a payload naming it; the Brain does the work and reports
 * start, progress and the outcome through the Backend's internal job routes.
 */

const GENERATION_JOB_TYPES = ['memory-batch', 'user-persona', 'persona-for-user'] as const;
export const GenerationJobType = z.enum(GENERATION_JOB_TYPES);
export type GenerationJobType = z.infer<typeof GenerationJobType>;

// stopped: a budget ran out; what it finished is kept and a resume goes on with the rest
const JOB_STATES = ['queued', 'running', 'completed', 'failed', 'stopped'] as const;
export const JobState = z.enum(JOB_STATES);
export type JobState = z.infer<typeof JobState>;

/** Why a job stopped: its budget (max_llm_calls, max_tokens, or the day's GENERATION_DAILY_TOKEN_BUDGET) ran out. */
export const StopReason = z.enum(['budget']);
export type StopReason = z.infer<typeof StopReason>;

/**
 * Attempts a job had before this run (a resumed job goes on counting), so the Brain's attempt numbers
 * keep rising across runs. Absent: 0.
 */
const AttemptsBefore = z.number().int().min(0).optional();

/** What a generation job on the queue carries: the id of its job row and what to generate. */
export const GenerationJobPayload = z.discriminatedUnion('type', [
  z.object({
    job_id: Id,
    type: z.literal('memory-batch'),
    conversation_ids: z.array(Id),
    attempts_before: AttemptsBefore,
  }),
  z.object({ job_id: Id, type: z.literal('user-persona'), user_id: Id, attempts_before: AttemptsBefore }),
  // generate-persona-for-user: these conversations' memories first, then the persona
  z.object({
    job_id: Id,
    type: z.literal('persona-for-user'),
    user_id: Id,
    conversation_ids: z.array(Id),
    attempts_before: AttemptsBefore,
  }),
]);
export type GenerationJobPayload = z.infer<typeof GenerationJobPayload>;

/** One conversation's memory in a job's result. */
export const MemoryItemResult = z
  .discriminatedUnion('status', [
    z.object({ conversation_id: z.number().int(), status: z.literal('saved'), updated_at: Timestamp }),
    z.object({ conversation_id: z.number().int(), status: z.literal('skipped'), reason: z.string() }),
    z.object({ conversation_id: z.number().int(), status: z.literal('failed'), error: z.string() }),
  ])
  .meta({ id: 'MemoryItemResult' });
export type MemoryItemResult = z.infer<typeof MemoryItemResult>;

/** A student's persona in a job's result. */
export const PersonaOutcome = z
  .discriminatedUnion('status', [
    z.object({
      status: z.literal('saved'),
      updated_at: Timestamp,
      revision: PersonaRevisionRef.optional().describe(
        'The revision written (absent on jobs finished before revisions existed)',
      ),
    }),
    z.object({ status: z.literal('skipped'), reason: z.string() }),
    z.object({ status: z.literal('failed'), error: z.string() }),
  ])
  .meta({ id: 'PersonaOutcome' });
export type PersonaOutcome = z.infer<typeof PersonaOutcome>;

export const MemoryCounts = z.object({
  selected: z.number().int(),
  saved: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
});
export type MemoryCounts = z.infer<typeof MemoryCounts>;

const MemoryBatchOutcome = z.object({ counts: MemoryCounts, items: z.array(MemoryItemResult) });

/**
 * What a stopped job has left, which a resume does: the conversations without a memory from it (the
 * budget kept them from starting, or their calls failed) and whether the persona step is still to come.
 */
export const JobRemaining = z
  .object({ conversation_ids: z.array(z.number().int()), persona: z.boolean() })
  .meta({ id: 'JobRemaining' });
export type JobRemaining = z.infer<typeof JobRemaining>;

export const GenerationJobResult = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('memory-batch'), memories: MemoryBatchOutcome, remaining: JobRemaining.optional() }),
    z.object({
      type: z.literal('user-persona'),
      user_id: z.number().int(),
      persona: PersonaOutcome,
      remaining: JobRemaining.optional(),
    }),
    z.object({
      type: z.literal('persona-for-user'),
      user_id: z.number().int(),
      memories: MemoryBatchOutcome,
      persona: PersonaOutcome,
      remaining: JobRemaining.optional(),
    }),
  ])
  .meta({ id: 'GenerationJobResult' });
export type GenerationJobResult = z.infer<typeof GenerationJobResult>;

/** `GET /api/tasks/jobs/{job_id}` (docs/api/tasks-and-jobs.md). */
export const GenerationJobRecord = z
  .object({
    id: z.number().int(),
    type: GenerationJobType,
    state: JobState,
    user_id: z.number().int().nullable(),
    progress: z.object({ done: z.number().int(), total: z.number().int() }),
    /** Attempts started so far (pg-boss retries a job whose attempt failed or whose worker died). */
    attempts: z.number().int(),
    params: JsonObject,
    result: GenerationJobResult.optional(),
    error: z.string().optional(),
    /** Set when state is `stopped`. */
    stop_reason: StopReason.optional(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({ id: 'GenerationJob' });
export type GenerationJobRecord = z.infer<typeof GenerationJobRecord>;

/** Which attempt of a job a report is about: pg-boss's retry count + 1. A stale attempt is refused. */
const Attempt = z.number().int().min(1);

export const JobStartBody = z.object({ attempt: Attempt });

/** What an attempt's model calls used, counted by the Brain as they end (the ledger trails by a second). */
export const AttemptSpend = z.object({
  calls: z.number().int().min(0),
  input_tokens: z.number().int().min(0),
  output_tokens: z.number().int().min(0),
});
export type AttemptSpend = z.infer<typeof AttemptSpend>;

/** How much an attempt may still spend (null: no limit); the Brain starts no model call beyond it. */
export const AttemptLimits = z.object({ calls: z.number().int().nullable(), tokens: z.number().int().nullable() });
export type AttemptLimits = z.infer<typeof AttemptLimits>;

/** The start route's answer: the job, and what this attempt may spend. */
export const JobStarted = GenerationJobRecord.extend({ limits: AttemptLimits });
export const JobProgressBody = z.object({
  attempt: Attempt,
  done: z.number().int().min(0),
  total: z.number().int().min(0),
});
export const JobCompleteBody = z.object({
  attempt: Attempt,
  result: GenerationJobResult,
  spent: AttemptSpend.optional(),
});
export type JobCompleteBody = z.infer<typeof JobCompleteBody>;
/** The attempt reached its budget: it keeps what it finished and names what remains (`result.remaining`). */
export const JobStopBody = z.object({
  attempt: Attempt,
  reason: StopReason,
  result: GenerationJobResult,
  spent: AttemptSpend.optional(),
});
export type JobStopBody = z.infer<typeof JobStopBody>;
export const JobFailBody = z.object({
  /** Absent when the dead letter reports it: no attempt is running any more. */
  attempt: Attempt.optional(),
  error: z.string().min(1).max(4_000),
  /** false: this attempt failed and pg-boss will retry it; true: the job has failed for good. */
  final: z.boolean(),
  /** What was done before the failure (e.g. the memories refreshed before the persona failed). */
  result: GenerationJobResult.optional(),
  spent: AttemptSpend.optional(),
});
export type JobFailBody = z.infer<typeof JobFailBody>;

/** `POST /api/internal/jobs`: the Brain's `POST /tasks` (without `wait`) puts its work on the queue. */
export const EnqueueGenerationBody = z.discriminatedUnion(
  'task_type',
  [
    z.object({ task_type: z.literal('GENERATE_MEMORY_BATCH'), conversation_ids: z.array(Id).max(10_000) }),
    z.object({ task_type: z.literal('USER_PERSONA_GENERATION'), user_id: Id }),
  ],
  {
    error: 'task_type must be GENERATE_MEMORY_BATCH (with conversation_ids) or USER_PERSONA_GENERATION (with user_id)',
  },
);
export type EnqueueGenerationBody = z.infer<typeof EnqueueGenerationBody>;

export const EnqueuedJob = z.object({ job_id: z.number().int(), joined: z.boolean() });
