import type { ConversationRow, ConversationsRepository, MemoriesRepository } from '@coach/data';
import { describe, expect, it } from 'vitest';
import type { UsersRepository } from '../users/repository.ts';
import { createMemoriesService } from './service.ts';

// the few reads these decisions make, over fixed rows; nothing else is reached
function givenConversations(existing: number[]) {
  return createMemoriesService({
    memories: { findByConversation: async () => undefined } as unknown as MemoriesRepository,
    conversations: {
      findById: async (id: number) => (existing.includes(id) ? ({ id } as ConversationRow) : undefined),
    } as unknown as ConversationsRepository,
    users: { findById: async () => undefined } as unknown as UsersRepository,
  });
}

describe('the memories service', () => {
  it('tells a conversation without a memory yet from one that does not exist', async () => {
    const memories = givenConversations([7]);

    await expect(memories.forConversation(7)).rejects.toMatchObject({
      statusCode: 404,
      message: 'Conversation 7 has no memory yet.',
    });
    await expect(memories.forConversation(8)).rejects.toMatchObject({
      statusCode: 404,
      message: 'Conversation 8 not found.',
    });
  });

  it('refuses the memories of a student who does not exist with 404, not an empty list', async () => {
    await expect(givenConversations([]).listForUser(3)).rejects.toMatchObject({
      statusCode: 404,
      message: 'User 3 not found.',
    });
  });
});
