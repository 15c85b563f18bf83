import type { MessageRecord } from '../records.ts';
import type { TemplateVariables } from './template.ts';

/** How many earlier messages a prompt sees; older ones are summarised by the conversation memory. */
export const HISTORY_WINDOW = 20;

/** The transcript as prompts read it: one "Student:" / "Coach:" line per message, oldest first. */
export function formatHistory(
  messages: readonly Pick<MessageRecord, 'is_user' | 'content'>[],
  window = HISTORY_WINDOW,
): string {
  if (messages.length === 0) return 'This is the start of the conversation.';
  return messages
    .slice(-window)
    .map((message) => `${message.is_user ? 'Student' : 'Coach'}: ${message.content}`)
    .join('\n');
}

/**
 * What a chat step's prompt is filled with, from the turn: the Brain's steps render with these, and an
 * operator's preview of the same prompt will too, so the two cannot differ.
 */
export function turnTemplateVariables(turn: {
  query: string;
  history: readonly Pick<MessageRecord, 'is_user' | 'content'>[];
  useConversationHistory: boolean;
  persona: Record<string, unknown> | null;
  memory: Record<string, unknown> | null;
  extra?: Readonly<Record<string, string>> | undefined;
}): TemplateVariables {
  return {
    query: turn.query,
    conversationHistory: turn.useConversationHistory ? formatHistory(turn.history) : '',
    persona: turn.persona,
    memory: turn.memory,
    extra: turn.extra ?? {},
  };
}
