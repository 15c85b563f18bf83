import { type MessageRecord, WITHHELD_MESSAGE_TEXT } from '@coach/core';
import type { MemoryRow } from './repositories/memories.ts';
import type { MessageRow } from './repositories/messages.ts';
import type { PersonaRow } from './repositories/personas.ts';
import type { PromptVersionRow } from './repositories/prompts.ts';

/** Rows as the API and the Brain see them (the core records): snake_case, timestamps as ISO strings. */
export const iso = (date: Date) => date.toISOString();

/** A message as the API answers it; a coach message carries its clarification columns too. */
export function toMessageDto(row: MessageRow): MessageRecord {
  const message = { id: row.id, content: row.content, is_user: row.isUser, timestamp: iso(row.timestamp) };
  if (row.isUser) return message;
  return {
    ...message,
    needs_clarification: row.needsClarification,
    follow_up_questions: row.followUpQuestions,
    original_query: row.originalQuery,
  };
}

/**
 * A message as a model may read it (a turn's history, memory and persona generation): a student message
 * the safety screen blocked holds a marker instead of the child's words (docs/SAFETY.md).
 */
export function toMessageForModels(row: MessageRow): MessageRecord {
  const message = toMessageDto(row);
  return row.withheldFromModels ? { ...message, content: WITHHELD_MESSAGE_TEXT } : message;
}

export function toMemoryDto(row: MemoryRow) {
  return {
    id: row.id,
    conversation_id: row.conversationId,
    memory_data: row.memoryData,
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
  };
}

export function toPersonaDto(row: PersonaRow) {
  return {
    id: row.id,
    user_id: row.userId,
    persona_data: row.personaData,
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
  };
}

export function toPromptVersionDto(row: PromptVersionRow) {
  return {
    id: row.id,
    prompt_id: row.promptId,
    version_number: row.versionNumber,
    prompt_text: row.promptText,
    is_active: row.isActive,
    is_production: row.isProduction,
    user_id: row.userId,
    created_at: iso(row.createdAt),
  };
}

/** Prompt versions keyed by their prompt's name: what a chat turn reads. */
export function toPromptVersionsByName(rows: Array<{ name: string; version: PromptVersionRow }>) {
  return Object.fromEntries(rows.map((row) => [row.name, toPromptVersionDto(row.version)]));
}
