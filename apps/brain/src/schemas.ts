import { FlowConfig, Id } from '@coach/core';
import { z } from 'zod';

/** `POST /query`: ids as strings or integers (the original Backend sent strings). */
export const QueryBody = z.object({
  user_id: Id,
  message_id: Id,
  conversation_id: Id,
  purpose: z.enum(['chat', 'test-prompt'], { error: 'must be chat or test-prompt' }).default('chat'),
  message_content: z.string().min(1, { error: 'must not be empty' }).max(100_000),
  timestamp: z.string().optional(),
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
