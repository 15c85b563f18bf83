import { type MemoryRecord, redactContactDetails, redactContactDetailsInJson } from '@coach/core';
import { type BackendClient, BackendError } from '../backend-client.ts';

/** Conversations (those of the latest memories) whose student messages are shown beside their memory. */
export const EXCERPT_CONVERSATIONS = 10;
/** The student's first messages of a conversation: they usually say what the student came to find out. */
export const EXCERPT_MESSAGES = 4;
/** Characters of a message shown; cut without a mark, so words copied from it are exactly the student's. */
export const EXCERPT_CHARS = 200;

/**
 * One memory as the persona generator sees it: its ids to cite, what it says, the student's own words;
 * contact details redacted from both (docs/SAFETY.md).
 */
export interface ListedMemory {
  memory_id: number;
  conversation_id: number;
  memory: MemoryRecord['memory_data'];
  student_said: string[];
}

/**
 * The memories a persona is written from, each with a few of the student's own messages from its
 * conversation (at most EXCERPT_CONVERSATIONS conversations read, in parallel), so that evidence can quote
 * the student rather than the memory generator's summary.
 */
export async function listedMemoriesOf(memories: MemoryRecord[], backend: BackendClient): Promise<ListedMemory[]> {
  const latest = [...memories]
    .sort((a, b) => Date.parse(b.updated_at) - Date.parse(a.updated_at))
    .slice(0, EXCERPT_CONVERSATIONS);
  const excerpts = new Map<number, string[]>(
    await Promise.all(
      latest.map(
        async (memory) => [memory.conversation_id, await studentExcerpts(memory.conversation_id, backend)] as const,
      ),
    ),
  );
  return memories.map((memory) => ({
    memory_id: memory.id,
    conversation_id: memory.conversation_id,
    memory: redactContactDetailsInJson(memory.memory_data).value,
    student_said: excerpts.get(memory.conversation_id) ?? [],
  }));
}

/** `{{CONVERSATION_MEMORIES}}`: one JSON object a line, ids first. */
export function formatListedMemories(listed: ListedMemory[]): string {
  return listed.map((entry) => JSON.stringify(entry)).join('\n');
}

async function studentExcerpts(conversationId: number, backend: BackendClient): Promise<string[]> {
  try {
    const messages = await backend.getMessages(conversationId);
    return (
      messages
        .filter((message) => message.is_user && message.content.trim() !== '')
        .slice(0, EXCERPT_MESSAGES)
        // redacted before it is cut: half a phone number is no longer found
        .map((message) => excerpt(redactContactDetails(message.content).text))
    );
  } catch (error) {
    // the conversation went away since its memory was listed: the memory still speaks for it
    if (error instanceof BackendError && error.status === 404) return [];
    throw error;
  }
}

/** The start of a message, cut at a word boundary and never inside a character. */
export function excerpt(text: string, maxChars = EXCERPT_CHARS): string {
  const characters = [...text.trim()];
  if (characters.length <= maxChars) return characters.join('');
  const cut = characters.slice(0, maxChars).join('');
  const space = cut.search(/\s\S*$/u);
  return (space > maxChars / 2 ? cut.slice(0, space) : cut).trimEnd();
}

/** Messages with the contact details in their text replaced by a note of what was there. */
export function withoutContactDetails<T extends { content: string }>(messages: readonly T[]): T[] {
  return messages.map((message) => ({ ...message, content: redactContactDetails(message.content).text }));
}
