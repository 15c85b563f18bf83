import type { FlowConfig, MemoryRecord, MessageRecord, PersonaRecord } from '@coach/core';
import type { PromptName } from '../prompts/builtin.ts';

/** One student message to answer: what the chat-turn job (or `POST /query`) carries. */
export interface TurnRequest {
  userId: number;
  conversationId: number;
  messageId: number;
  timestamp: string;
  purpose: 'chat' | 'test-prompt';
  content: string;
  isFollowUp: boolean;
  /** What a follow-up answers; when the turn leaves it out, the coach's last message says it (follow-up.ts). */
  originalQuery?: string | undefined;
  followUpQuestions?: string[] | undefined;
}

/** The prompt text a step renders, and which stored version it came from (null: built-in text). */
export interface PromptChoice {
  text: string;
  versionId: number | null;
  versionNumber: number | null;
}

/**
 * What the Brain knows for one turn, read in one request (docs/ARCHITECTURE.md, a turn's path) and
 * parsed with the core schemas of the turn context (`TurnContextRecord`).
 */
export interface TurnContext {
  persona: PersonaRecord['persona_data'] | null;
  memory: MemoryRecord['memory_data'] | null;
  /** Earlier messages of the conversation, oldest first, without the one being answered; coach messages carry their clarification. */
  history: MessageRecord[];
  flow: FlowConfig;
  prompts: Record<PromptName, PromptChoice>;
}

/** What each step records in the pipeline data: exactly what it sent and what came back. */
export interface StepRecord {
  [field: string]: unknown;
  name: string;
  enabled: boolean;
  prompt: string | null;
  result: unknown;
  prompt_name?: string;
  prompt_version_id?: number | null;
  use_conversation_history?: boolean;
  /** `provider:model` that answered, and how many requests it took. */
  model?: string;
  attempts?: number;
  duration_ms?: number;
}

/** The pipeline result of `POST /query` (docs/api/brain.md) plus what the callback needs. */
export interface TurnResult {
  query: string;
  config_used: FlowConfig & { mode: 'simplified' | 'full' | 'follow_up' };
  steps: StepRecord[];
  final_response: string;
  follow_up_questions: string[];
  needs_clarification: boolean;
  partial_understanding: string;
  original_query: string;
  prompt_version_id: number | null;
}
