import { FlowConfig, Id } from '@coach/core';
import { z } from 'zod';

/**
 * An id of `POST /query`: an integer or a string of its digits, as the original Backend sent them.
 * The one body where text counts as an id; a boolean never does.
 */
const QueryId = z
  .union(
    [
      Id,
      z
        .string()
        .regex(/^\d{1,10}$/)
        .transform(Number)
        .pipe(Id),
    ],
    { error: 'must be an integer id, or a string of its digits' },
  )
  .describe('An integer id, or a string of its digits (the original Backend sent strings).');

// the largest time an ISO string can hold: 9999-12-31T23:59:59Z
const LATEST_EPOCH_SECONDS = 253_402_300_799;
const NOT_A_TIMESTAMP = 'must be epoch seconds (a number) or an ISO-8601 date and time';

/**
 * When the student sent the message: epoch seconds (a fraction allowed, as Python's `time.time()` gives
 * them, which is what the original's callers send) or an ISO-8601 string. Read as an ISO string.
 */
const QueryTimestamp = z
  .union(
    [
      z
        .number()
        .min(0)
        .max(LATEST_EPOCH_SECONDS)
        .transform((seconds) => new Date(seconds * 1000).toISOString()),
      z.iso.datetime({ offset: true, local: true, error: NOT_A_TIMESTAMP }),
    ],
    { error: NOT_A_TIMESTAMP },
  )
  .describe(
    'When the message was sent: epoch seconds as a number, a fraction allowed (e.g. 1718000000.25, ' +
      "as Python's time.time() gives it), or an ISO-8601 string (e.g. 2024-06-10T06:13:20.250Z).",
  );

/** `POST /query`: ids as strings or integers and the timestamp as a number or a string (the original's callers). */
export const QueryBody = z.object({
  user_id: QueryId,
  message_id: QueryId,
  conversation_id: QueryId,
  purpose: z.enum(['chat', 'test-prompt'], { error: 'must be chat or test-prompt' }).default('chat'),
  message_content: z.string().min(1, { error: 'must not be empty' }).max(100_000),
  timestamp: QueryTimestamp.optional(),
  is_follow_up_response: z.boolean().optional(),
  original_query: z.string().optional(),
  follow_up_questions: z.array(z.string()).optional(),
});

export const PipelineResult = z
  .object({
    query: z.string(),
    config_used: z.record(z.string(), z.unknown()),
    steps: z.array(z.record(z.string(), z.unknown())),
    final_response: z.string(),
    follow_up_questions: z.array(z.string()),
    needs_clarification: z.boolean(),
    partial_understanding: z.string(),
  })
  .meta({ id: 'PipelineResult' });

export const TaskBody = z.discriminatedUnion(
  'task_type',
  [
    z.object({ task_type: z.literal('GENERATE_MEMORY_BATCH'), conversation_ids: z.array(Id).max(10_000) }),
    z.object({ task_type: z.literal('USER_PERSONA_GENERATION'), user_id: Id }),
  ],
  {
    error: 'task_type must be GENERATE_MEMORY_BATCH (with conversation_ids) or USER_PERSONA_GENERATION (with user_id)',
  },
);

export const TaskQuery = z.object({
  wait: z
    .enum(['true', 'false', '1', '0'], { error: 'must be true or false (or 1/0)' })
    .transform((v) => v === 'true' || v === '1')
    .default(false),
});

export const ConfigView = z.object({ schema: z.record(z.string(), z.unknown()), current_values: FlowConfig });
