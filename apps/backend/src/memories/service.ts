import { contactDetailRefusal } from '@coach/core';
import type { ConversationsRepository, MemoriesRepository, MemoryRow } from '@coach/data';
import { Invalid, NotFound } from '@coach/runtime';
import type { UsersRepository } from '../users/repository.ts';

/** Conversation memories as the Brain writes and reads them. */
export function createMemoriesService(deps: {
  memories: MemoriesRepository;
  conversations: ConversationsRepository;
  users: UsersRepository;
}) {
  return {
    /**
     * A conversation that does not exist is the foreign key's 404 (the shared error handler). A memory
     * holding a contact detail is refused (docs/SAFETY.md): the generator redacts what it reads.
     */
    async save(conversationId: number, memoryData: Record<string, unknown>): Promise<MemoryRow> {
      const refusal = contactDetailRefusal(memoryData, 'body.memory_data');
      if (refusal) throw new Invalid(refusal);
      return deps.memories.upsert(conversationId, memoryData);
    },

    async listForUser(userId: number): Promise<MemoryRow[]> {
      const user = await deps.users.findById(userId);
      if (!user) throw new NotFound(`User ${userId} not found.`);
      return deps.memories.listForUser(user.id);
    },

    async forConversation(conversationId: number): Promise<MemoryRow> {
      const memory = await deps.memories.findByConversation(conversationId);
      if (memory) return memory;
      // only a missing memory looks further: is the conversation missing too?
      const exists = await deps.conversations.findById(conversationId);
      throw new NotFound(
        exists ? `Conversation ${conversationId} has no memory yet.` : `Conversation ${conversationId} not found.`,
      );
    },
  };
}
export type MemoriesService = ReturnType<typeof createMemoriesService>;
