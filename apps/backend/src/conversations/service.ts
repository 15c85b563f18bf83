import type { ConversationRow, ConversationsRepository, MemoriesRepository } from '@coach/data';
import { NotFound } from '@coach/runtime';

/** The caller's conversation, or 404 — another student's conversation does not exist for them. */
export async function ownedConversation(
  conversations: ConversationsRepository,
  id: number,
  userId: number,
): Promise<ConversationRow> {
  const conversation = await conversations.findOwned(id, userId);
  if (!conversation) throw new NotFound(`Conversation ${id} not found.`);
  return conversation;
}

/** A student's own conversations: list, start, rename, delete, and read the memory of one. */
export function createConversationsService(deps: {
  conversations: ConversationsRepository;
  memories: MemoriesRepository;
}) {
  const owned = (id: number, userId: number) => ownedConversation(deps.conversations, id, userId);

  return {
    owned,

    async list(userId: number, page: { limit: number; offset: number }) {
      return deps.conversations.listForUser(userId, page.limit, page.offset);
    },

    async start(userId: number, title: string | null | undefined): Promise<ConversationRow> {
      return deps.conversations.create(userId, title || 'New Chat');
    },

    async rename(id: number, userId: number, title: string): Promise<ConversationRow> {
      const conversation = await owned(id, userId);
      const renamed = await deps.conversations.rename(conversation.id, title);
      if (!renamed) throw new NotFound(`Conversation ${conversation.id} not found.`);
      return renamed;
    },

    async remove(id: number, userId: number): Promise<void> {
      const conversation = await owned(id, userId);
      await deps.conversations.remove(conversation.id);
    },

    async memoryOf(id: number, userId: number): Promise<Record<string, unknown>> {
      const conversation = await owned(id, userId);
      const memory = await deps.memories.findByConversation(conversation.id);
      if (!memory) throw new NotFound(`Conversation ${conversation.id} has no memory yet.`);
      return memory.memoryData;
    },
  };
}
export type ConversationsService = ReturnType<typeof createConversationsService>;
