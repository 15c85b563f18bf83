import { z } from 'zod';
import { GenerationJobRecord } from './generation-jobs.ts';
import { Id } from './records.ts';

/**
 * The model usage ledger (docs/api/usage.md): one entry per model call attempt the Brain made, what it
 * cost and whom it served. Never the prompt, the reply or the student's words.
 */
export const MODEL_CALL_OUTCOMES = ['ok', 'failed'] as const;
export const ModelCallOutcome = z.enum(MODEL_CALL_OUTCOMES);
export type ModelCallOutcome = z.infer<typeof ModelCallOutcome>;

/** One attempt of one model call, as the Brain reports it. */
export const ModelCallEntry = z.object({
  /** When the attempt started: the report's time axis. */
  started_at: z.iso.datetime({ offset: true }),
  call_type: z.string().min(1).max(64),
  provider: z.string().min(1).max(64),
  model: z.string().min(1).max(200),
  /** The provider's figures; for the offline model the documented estimate (characters / 4, rounded up). */
  input_tokens: z.int().min(0).max(100_000_000),
  output_tokens: z.int().min(0).max(100_000_000),
  latency_ms: z.int().min(0).max(86_400_000),
  outcome: ModelCallOutcome,
  /** Why a failed attempt failed, as a kind (`timeout`, `rate_limited`, …); null when ok. */
  failure_kind: z
    .string()
    .regex(/^[a-z_]{1,32}$/)
    .nullable(),
  /** At the prices configured when the call was made; null when the model has none. */
  cost_usd: z.number().min(0).nullable(),
  user_id: Id.nullable(),
  conversation_id: Id.nullable(),
  message_id: Id.nullable(),
  job_id: Id.nullable(),
});
export type ModelCallEntry = z.infer<typeof ModelCallEntry>;

/** `POST /api/internal/model-calls`: a batch of the Brain's buffered entries. */
export const ModelCallsBody = z.object({ calls: z.array(ModelCallEntry).min(1).max(1_000) });
export type ModelCallsBody = z.infer<typeof ModelCallsBody>;

export const UsageGroupBy = z.enum(['day', 'call_type', 'user', 'model'], {
  error: 'group_by must be one of day, call_type, user, model',
});
export type UsageGroupBy = z.infer<typeof UsageGroupBy>;

const UsageFigures = z.object({
  calls: z.int(),
  failed_calls: z.int(),
  input_tokens: z.int(),
  output_tokens: z.int(),
  /** Null when any call counted here has no price: a partial sum would pass for the total. */
  cost_usd: z.number().nullable(),
});
export type UsageFigures = z.infer<typeof UsageFigures>;

/** `GET /api/admin/usage`. */
export const UsageReport = z
  .object({
    from: z.string(),
    to: z.string(),
    group_by: UsageGroupBy,
    totals: UsageFigures,
    groups: z.array(
      UsageFigures.extend({
        /** The day (YYYY-MM-DD, UTC), the call type, the student's id (null: no student) or the model. */
        key: z.union([z.string(), z.int()]).nullable(),
      }),
    ),
  })
  .meta({ id: 'UsageReport' });
export type UsageReport = z.infer<typeof UsageReport>;

/** What a generation job's model calls used, every attempt of every call counted. */
export const JobUsage = z.object({ calls: z.int(), input_tokens: z.int(), output_tokens: z.int() });
export type JobUsage = z.infer<typeof JobUsage>;

/** `GET /api/tasks/jobs/{job_id}`: the job and what its model calls used so far. */
export const GenerationJobStatus = GenerationJobRecord.extend({ usage: JobUsage }).meta({ id: 'GenerationJobStatus' });
export type GenerationJobStatus = z.infer<typeof GenerationJobStatus>;
