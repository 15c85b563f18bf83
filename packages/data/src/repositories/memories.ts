import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { conversationMemories, conversations } from '../schema.ts';

export type MemoryRow = typeof conversationMemories.$inferSelect;

export function createMemoriesRepository(db: Db) {
  return {
    async findByConversation(conversationId: number): Promise<MemoryRow | undefined> {
      const [row] = await db
        .select()
        .from(conversationMemories)
        .where(eq(conversationMemories.conversationId, conversationId));
      return row;
    },

    async listForUser(userId: number): Promise<MemoryRow[]> {
      return db
        .select({
          id: conversationMemories.id,
          conversationId: conversationMemories.conversationId,
          memoryData: conversationMemories.memoryData,
          createdAt: conversationMemories.createdAt,
          updatedAt: conversationMemories.updatedAt,
        })
        .from(conversationMemories)
        .innerJoin(conversations, eq(conversations.id, conversationMemories.conversationId))
        .where(eq(conversations.userId, userId))
        .orderBy(asc(conversationMemories.conversationId));
    },

    /** Insert or replace a conversation's memory; the row keeps its id and created_at. */
    async upsert(conversationId: number, memoryData: Record<string, unknown>): Promise<MemoryRow> {
      const [row] = await db
        .insert(conversationMemories)
        .values({ conversationId, memoryData })
        .onConflictDoUpdate({
          target: conversationMemories.conversationId,
          set: { memoryData, updatedAt: sql`now()` },
        })
        .returning();
      return row!;
    },
  };
}
export type MemoriesRepository = ReturnType<typeof createMemoriesRepository>;
