import {
  Id,
  IdParam,
  MemoryItemResult,
  MemoryRecord,
  PersonaOutcome,
  PersonaRecord,
  PersonaRevisionRef,
} from '@coach/core';
import { z } from 'zod';
import { QueryBool } from '../http/params.ts';

/** `clamp`: -1 = no limit, otherwise a whole number ≥ 0 (docs/api/tasks-and-jobs.md); anything else is 422. */
export const Clamp = z
  .string()
  .regex(/^-?\d+$/, { error: 'must be -1 (no limit) or a whole number ≥ 0' })
  .transform(Number)
  .refine((n) => n >= -1 && Number.isSafeInteger(n), { error: 'must be -1 (no limit) or a whole number ≥ 0' });

const clampDefault = (n: number) => Clamp.default(n);
const flag = (fallback: boolean) => QueryBool.default(fallback);

export const TriggerMemoriesQuery = z.object({ clamp: clampDefault(10) });
export const TriggerPersonasQuery = z.object({ clamp: clampDefault(10) });
export const TriggerPersonasSyncQuery = z.object({ clamp: clampDefault(2) });
export const TriggerPersonasBody = z
  .object({ user_id: Id.nullish() })
  .nullish()
  .transform((body) => body ?? {});
export const SyncQuery = z.object({ sync: flag(false) });

export const UserMemoriesQuery = z.object({
  only_needing: flag(true),
  include_empty: flag(false),
  clamp: clampDefault(-1),
  sync: flag(false),
});

export const PersonaForUserQuery = z.object({
  generate_conversation_memories_if_not_found: flag(true),
  only_needing: flag(true),
  include_empty: flag(false),
  clamp: clampDefault(-1),
  sync: flag(false),
});

export const UserIdParams = z.object({ user_id: IdParam });
export const ConversationIdParams = z.object({ conversation_id: IdParam });

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
export type PersonaForUserResponse = z.infer<typeof PersonaForUserResponse>;
