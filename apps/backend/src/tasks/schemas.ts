import {
  Id,
  IdParam,
  JobRemaining,
  JobState,
  JobUsage,
  MemoryItemResult,
  MemoryRecord,
  PersonaOutcome,
  PersonaRecord,
  PersonaRevisionRef,
} from '@coach/core';
import { z } from 'zod';
import { QueryBool } from '../http/params.ts';
import { BudgetQuery } from '../jobs/schemas.ts';

/** `clamp`: -1 = no limit, otherwise a whole number ≥ 0 (docs/api/tasks-and-jobs.md); anything else is 422. */
export const Clamp = z
  .string()
  .regex(/^-?\d+$/, { error: 'must be -1 (no limit) or a whole number ≥ 0' })
  .transform(Number)
  .refine((n) => n >= -1 && Number.isSafeInteger(n), { error: 'must be -1 (no limit) or a whole number ≥ 0' });

const clampDefault = (n: number) => Clamp.default(n);
const flag = (fallback: boolean) => QueryBool.default(fallback);

/** `max_llm_calls`, `max_tokens` and `dry_run`: every generating route takes them. */
const Generating = BudgetQuery.extend({ dry_run: flag(false) });

export const TriggerMemoriesQuery = Generating.extend({ clamp: clampDefault(10) });
export const TriggerPersonasQuery = Generating.extend({ clamp: clampDefault(10) });
export const TriggerPersonasSyncQuery = Generating.extend({ clamp: clampDefault(2) });
export const TriggerPersonasBody = z
  .object({ user_id: Id.nullish() })
  .nullish()
  .transform((body) => body ?? {});
export const SyncQuery = Generating.extend({ sync: flag(false) });

export const UserMemoriesQuery = Generating.extend({
  only_needing: flag(true),
  include_empty: flag(false),
  clamp: clampDefault(-1),
  sync: flag(false),
});

export const PersonaForUserQuery = Generating.extend({
  generate_conversation_memories_if_not_found: flag(true),
  only_needing: flag(true),
  include_empty: flag(false),
  clamp: clampDefault(-1),
  sync: flag(false),
});

export const UserIdParams = z.object({ user_id: IdParam });
export const ConversationIdParams = z.object({ conversation_id: IdParam });

/** `dry_run=true` on a generating route: what it would select and use; nothing is queued or called. */
export const DryRunAnswer = z
  .object({
    dry_run: z.literal(true),
    selected: z.number().int(),
    estimated_calls: z.number().int(),
    estimated_input_tokens: z.number().int(),
    estimated_output_tokens: z.number().int(),
  })
  .meta({ id: 'DryRunAnswer' });
export type DryRunAnswer = z.infer<typeof DryRunAnswer>;

/** A sync answer's run: the job's state, what its calls used, and for a stopped job why and what is left. */
const RunFields = {
  state: JobState.optional(),
  usage: JobUsage.optional(),
  stop_reason: z.literal('budget').optional(),
  remaining: JobRemaining.optional(),
};

const MemoryCountsDto = z.object({
  selected: z.number().int(),
  saved: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
});

/** trigger-memory-generation(-sync), generate-memories-for-user. */
export const MemoryTaskResponse = z
  .object({
    message: z.string(),
    selected: z.number().int(),
    eligible: z.number().int(),
    user_id: z.number().int().optional(),
    job_id: z.number().int().optional(),
    joined: z.boolean().optional(),
    counts: MemoryCountsDto.optional(),
    results: z.array(MemoryItemResult).optional(),
    ...RunFields,
  })
  .meta({ id: 'MemoryTaskResponse' });
export type MemoryTaskResponse = z.infer<typeof MemoryTaskResponse>;

/** generate-memory-for-conversation. */
export const ConversationMemoryTaskResponse = z
  .object({
    message: z.string(),
    conversation_id: z.number().int(),
    job_id: z.number().int().optional(),
    joined: z.boolean().optional(),
    memory: MemoryRecord.optional(),
    ...RunFields,
  })
  .meta({ id: 'ConversationMemoryTaskResponse' });
export type ConversationMemoryTaskResponse = z.infer<typeof ConversationMemoryTaskResponse>;

const PersonaTaskItem = z.intersection(
  z.object({ user_id: z.number().int(), job_id: z.number().int() }),
  PersonaOutcome,
);

/** trigger-user-persona-generation(-sync). */
export const PersonaTaskResponse = z
  .object({
    message: z.string(),
    selected: z.number().int(),
    eligible: z.number().int(),
    user_id: z.number().int().nullable(),
    job_ids: z.array(z.number().int()),
    results: z.array(PersonaTaskItem).optional(),
    usage: JobUsage.optional(),
    stop_reason: z.literal('budget').optional(),
    /** The students whose jobs stopped at their budget (each resumable by its job id in results). */
    remaining: z.object({ user_ids: z.array(z.number().int()) }).optional(),
  })
  .meta({ id: 'PersonaTaskResponse' });
export type PersonaTaskResponse = z.infer<typeof PersonaTaskResponse>;

/** generate-persona-for-user (docs/api/tasks-and-jobs.md). */
export const PersonaForUserResponse = z
  .object({
    message: z.string(),
    user_id: z.number().int(),
    mode: z.enum(['sync', 'async']),
    job_id: z.number().int(),
    /** true when an earlier request for this student was still running and this one joined it. */
    joined: z.boolean(),
    state: z.string(),
    usage: JobUsage.optional(),
    stop_reason: z.literal('budget').optional(),
    remaining: JobRemaining.optional(),
    counts: z.object({
      /** Conversations chosen for a memory refresh (after `clamp`) and how many qualified. */
      selected: z.number().int(),
      eligible: z.number().int(),
      /** Known once the job has run (sync); null in async mode. */
      refreshed: z.number().int().nullable(),
      skipped: z.number().int().nullable(),
      failed: z.number().int().nullable(),
    }),
    failed_memories: z.array(z.object({ conversation_id: z.number().int(), error: z.string() })),
    /** The current (approved) persona after the run. */
    persona: PersonaRecord.nullable(),
    /** The revision the run wrote (sync), approved or waiting for review; null when none was written. */
    revision: PersonaRevisionRef.nullable(),
  })
  .meta({ id: 'PersonaForUserResponse' });

/** The answers of the routes that can also dry-run (200). */
export const MemoryTaskOrDryRun = z.union([MemoryTaskResponse, DryRunAnswer]);
export const ConversationMemoryTaskOrDryRun = z.union([ConversationMemoryTaskResponse, DryRunAnswer]);
export const PersonaTaskOrDryRun = z.union([PersonaTaskResponse, DryRunAnswer]);
export const PersonaForUserOrDryRun = z.union([PersonaForUserResponse, DryRunAnswer]);
export type PersonaForUserResponse = z.infer<typeof PersonaForUserResponse>;
