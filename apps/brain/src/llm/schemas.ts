import { ConversationMemoryData, GeneratedPersona } from '@coach/core';
import { z } from 'zod';

/** Every kind of LLM call the Brain makes; each has its own line in the LLM config file. */
export const CALL_TYPES = [
  'simplified_conversation',
  'intent_gathering',
  'knowledge_retrieval',
  'response_generation',
  'learning_enhancement',
  'follow_up_response',
  'memory_generation',
  'user_persona_generation',
] as const;
export type CallType = (typeof CALL_TYPES)[number];

/** The coach's reply in the simplified flow and to a follow-up (docs/api/brain.md, POST /query). */
export const CoachReply = z.object({
  needs_clarification: z.boolean(),
  follow_up_questions: z.array(z.string()),
  response: z.string().min(1),
  ended_with_question: z.boolean(),
  educational_concepts: z.array(z.string()),
});
export type CoachReply = z.infer<typeof CoachReply>;

/** What the full pipeline's first step understood of the student's message. */
export const IntentGathering = z.object({
  needs_clarification: z.boolean(),
  follow_up_questions: z.array(z.string()),
  partial_understanding: z.string().describe('What the coach understood so far, in one sentence.'),
  intent_category: z.enum(['educational', 'personal', 'conversational']),
  key_concepts: z.array(z.string()),
});
export type IntentGathering = z.infer<typeof IntentGathering>;

export const KnowledgeRetrieval = z.object({
  facts: z.array(z.string()).describe('Short, age-appropriate facts the reply can draw on.'),
  sources_hint: z.string().describe('Where a student could look these facts up.'),
});
export type KnowledgeRetrieval = z.infer<typeof KnowledgeRetrieval>;

export const ResponseGeneration = z.object({
  response: z.string().min(1),
});
export type ResponseGeneration = z.infer<typeof ResponseGeneration>;

export const LearningEnhancement = z.object({
  response: z.string().min(1),
  ended_with_question: z.boolean(),
  educational_concepts: z.array(z.string()),
});
export type LearningEnhancement = z.infer<typeof LearningEnhancement>;

/** The shape each call type's output must have; the offline model produces exactly these. */
export const OUTPUT_SCHEMAS = {
  simplified_conversation: CoachReply,
  intent_gathering: IntentGathering,
  knowledge_retrieval: KnowledgeRetrieval,
  response_generation: ResponseGeneration,
  learning_enhancement: LearningEnhancement,
  follow_up_response: CoachReply,
  memory_generation: ConversationMemoryData,
  user_persona_generation: GeneratedPersona,
} as const satisfies Record<CallType, z.ZodType>;

export type OutputOf<C extends CallType> = z.infer<(typeof OUTPUT_SCHEMAS)[C]>;

const FENCED = /^\s*```[a-zA-Z0-9_-]*[ \t]*\r?\n?([\s\S]*?)\r?\n?```\s*$/;

/** Removes one surrounding Markdown code fence (```json … ```), which models like to add around JSON. */
export function stripCodeFences(text: string): string {
  const match = FENCED.exec(text);
  return (match ? match[1]! : text).trim();
}

/**
 * Reads a model's JSON answer: code fences stripped, the whole text or else its `{…}` span parsed, then
 * validated. Returns `fallback()` when the text holds no JSON that fits the schema.
 */
export function parseStructured<T>(text: string, schema: z.ZodType<T>, fallback: () => T): T {
  const parsed = schema.safeParse(parseJsonObject(stripCodeFences(text)));
  return parsed.success ? parsed.data : fallback();
}

// Models often leave out fields they consider obvious; a reply is usable as long as it has its text.
const LenientCoachReply = z.object({
  response: z.string().trim().min(1),
  needs_clarification: z.boolean().default(false),
  follow_up_questions: z.array(z.string()).default([]),
  ended_with_question: z.boolean().optional(),
  educational_concepts: z.array(z.string()).default([]),
});

/**
 * Reads a chat reply (simplified_conversation, follow_up_response). The prompt asks for JSON; missing
 * fields get defaults, and text that is not such JSON is the reply itself (docs/api/brain.md, POST /query).
 */
export function parseCoachReply(text: string): CoachReply {
  const body = stripCodeFences(text);
  const reply = parseStructured<z.infer<typeof LenientCoachReply> | undefined>(
    text,
    LenientCoachReply,
    () => undefined,
  );
  const response = reply?.response ?? body;
  return {
    response,
    needs_clarification: reply?.needs_clarification ?? false,
    follow_up_questions: reply?.follow_up_questions ?? [],
    ended_with_question: reply?.ended_with_question ?? response.trim().endsWith('?'),
    educational_concepts: reply?.educational_concepts ?? [],
  };
}

function parseJsonObject(text: string): unknown {
  const whole = tryParseJson(text);
  if (whole !== undefined) return whole;
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  return start >= 0 && end > start ? tryParseJson(text.slice(start, end + 1)) : undefined;
}

function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
