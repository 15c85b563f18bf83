import { z } from 'zod';
import { FlowConfig } from './flow-config.ts';

/**
 * Shapes that cross the Backend/Brain seam. The Backend validates with them and generates OpenAPI
 * from them; the Brain parses the Backend's answers with the same schemas.
 */

/** An id in a JSON body: a JSON integer, never `true`, a string or a list (JSON types are strict). */
export const Id = z
  .number({ error: 'must be an integer id' })
  .int({ error: 'must be an integer id' })
  .positive({ error: 'must be a positive integer id' })
  .max(2_147_483_647, { error: 'is too large for an id' });

/** An id in a path or a query string, where everything arrives as text: the text becomes the integer. */
export const IdParam = z.coerce
  .number({ error: 'must be an integer id' })
  .int({ error: 'must be an integer id' })
  .positive({ error: 'must be a positive integer id' })
  .max(2_147_483_647, { error: 'is too large for an id' });

export const Timestamp = z.string().describe('ISO-8601 timestamp');

export const JsonObject = z.record(z.string(), z.unknown());

export const MemoryRecord = z
  .object({
    id: z.number().int(),
    conversation_id: z.number().int(),
    memory_data: JsonObject,
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({ id: 'MemoryRecord' });
export type MemoryRecord = z.infer<typeof MemoryRecord>;

export const PersonaRecord = z
  .object({
    id: z.number().int(),
    user_id: z.number().int(),
    persona_data: JsonObject,
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({ id: 'PersonaRecord' });
export type PersonaRecord = z.infer<typeof PersonaRecord>;

/**
 * What a coach message asked back, stored as columns of the message from the Brain's typed reply.
 * On the coach's messages only: a student's message asks nothing.
 */
export const MessageClarification = z.object({
  needs_clarification: z
    .boolean()
    .describe("The coach asked the student to clarify: the student's next message answers it (coach's messages only)"),
  follow_up_questions: z.array(z.string()).describe("The questions the coach asked back (coach's messages only)"),
  original_query: z
    .string()
    .nullable()
    .describe(
      "The student's question this reply answers; for a follow-up, the one first asked (coach's messages only)",
    ),
});
export type MessageClarification = z.infer<typeof MessageClarification>;

export const MessageRecord = z
  .object({
    id: z.number().int(),
    content: z.string(),
    is_user: z.boolean(),
    timestamp: Timestamp,
    ...MessageClarification.partial().shape,
  })
  .meta({ id: 'Message' });
export type MessageRecord = z.infer<typeof MessageRecord>;

/** A clarification a coach message left open: the student's next message answers it. */
export interface PendingClarification {
  originalQuery: string;
  followUpQuestions: string[];
}

/** The clarification a coach message asks for, if it asks for one (read from its typed fields). */
export function pendingClarification(
  message: Partial<MessageClarification> | undefined,
): PendingClarification | undefined {
  if (message?.needs_clarification !== true) return undefined;
  return { originalQuery: message.original_query ?? '', followUpQuestions: message.follow_up_questions ?? [] };
}

export const PromptVersionRecord = z
  .object({
    id: z.number().int(),
    prompt_id: z.number().int(),
    version_number: z.number().int(),
    prompt_text: z.string(),
    is_active: z.boolean(),
    is_production: z.boolean(),
    user_id: z.number().int().nullable(),
    created_at: Timestamp,
  })
  .meta({ id: 'PromptVersion' });
export type PromptVersionRecord = z.infer<typeof PromptVersionRecord>;

/**
 * Everything a chat turn reads, in one answer (GET /api/internal/conversations/{id}/turn_context): the
 * student's persona and the conversation's memory (null when there is none yet), the messages oldest
 * first, the FlowConfig, and every prompt's version for the purpose by prompt name.
 */
export const TurnContextRecord = z
  .object({
    user_id: z.number().int(),
    persona: PersonaRecord.nullable(),
    memory: MemoryRecord.nullable(),
    messages: z.array(MessageRecord),
    flow_config: FlowConfig,
    prompt_versions: z.record(z.string(), PromptVersionRecord),
  })
  .meta({ id: 'TurnContext' });
export type TurnContextRecord = z.infer<typeof TurnContextRecord>;

/** How a chat-turn job is addressed; the Backend enqueues it, the Brain consumes it. */
export const ChatTurnJob = z.object({
  user_id: z.number().int(),
  conversation_id: z.number().int(),
  message_id: z.number().int(),
  purpose: z.enum(['chat', 'test-prompt']),
  message_content: z.string(),
  timestamp: Timestamp,
  /** Set when the coach's previous reply asked for clarification: this message answers it. */
  is_follow_up_response: z.boolean().optional(),
  original_query: z.string().optional(),
  follow_up_questions: z.array(z.string()).optional(),
});
export type ChatTurnJob = z.infer<typeof ChatTurnJob>;

export const QUEUE_NAMES = {
  chatTurn: 'chat-turn',
  /** Where a chat turn lands when its last attempt ended without a reply or a failure report. */
  chatTurnDeadLetter: 'chat-turn-dead-letter',
  /** Memory batches (generation jobs of type memory-batch). */
  memoryGeneration: 'memory-generation',
  /** Personas, with or without a memory refresh first; one active job per student (pg-boss singleton key). */
  personaGeneration: 'persona-generation',
  /** Where a generation job lands when its retries are exhausted without an answer (a crashed worker). */
  generationDeadLetter: 'generation-dead-letter',
  /** Ticks of the periodic generation schedule. */
  generationSchedule: 'generation-schedule',
  /** A new safety alert to deliver to SAFETY_WEBHOOK_URL (payload: its id only, never the child's words). */
  safetyAlertWebhook: 'safety-alert-webhook',
} as const;

/** What the Brain posts to `POST /api/internal/brain_response` when a turn is done. */
export const BrainResponseBody = z
  .object({
    user_id: Id,
    conversation_id: Id,
    original_message_id: Id,
    llm_response: z.string().min(1, { error: 'must not be empty' }).max(100_000),
    // required (docs/api/internal.md): a reply without its pipeline data could not show its steps
    pipeline_data: JsonObject,
    needs_clarification: z.boolean().optional(),
    follow_up_questions: z.array(z.string()).optional(),
    original_query: z.string().optional(),
    prompt_version_id: Id.nullable().optional(),
  })
  .meta({ id: 'BrainResponse' });
export type BrainResponseBody = z.infer<typeof BrainResponseBody>;

/** What the Brain posts to `POST /api/internal/brain_failure` when a turn failed for good. */
export const BrainFailureBody = z
  .object({
    original_message_id: Id,
    detail: z.string().min(1).max(2_000),
  })
  .meta({ id: 'BrainFailure' });
export type BrainFailureBody = z.infer<typeof BrainFailureBody>;
