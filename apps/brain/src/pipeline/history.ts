import type { MessageRecord } from '@coach/core';

/** How many earlier messages a prompt sees; older ones are summarised by the conversation memory. */
export const HISTORY_WINDOW = 20;

/** The transcript as prompts read it: one "Student:" / "Coach:" line per message, oldest first. */
export function formatHistory(messages: readonly MessageRecord[], window = HISTORY_WINDOW): string {
  if (messages.length === 0) return 'This is the start of the conversation.';
  return messages
    .slice(-window)
    .map((message) => `${message.is_user ? 'Student' : 'Coach'}: ${message.content}`)
    .join('\n');
}
