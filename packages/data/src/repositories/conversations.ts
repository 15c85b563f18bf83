import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { conversations } from '../schema.ts';

export type ConversationRow = typeof conversations.$inferSelect;

export function createConversationsRepository(db: Db) {
  return {
    async listForUser(userId: number, limit: number, offset: number) {
      return db
        .select({ id: conversations.id, title: conversations.title, updatedAt: conversations.updatedAt })
        .from(conversations)
        .where(eq(conversations.userId, userId))
        .orderBy(desc(conversations.updatedAt), desc(conversations.id))
        .limit(limit)
        .offset(offset);
    },
    async findById(id: number): Promise<ConversationRow | undefined> {
      const [row] = await db.select().from(conversations).where(eq(conversations.id, id));
      return row;
    },
    async findOwned(id: number, userId: number): Promise<ConversationRow | undefined> {
      const [row] = await db
        .select()
        .from(conversations)
        .where(and(eq(conversations.id, id), eq(conversations.userId, userId)));
      return row;
    },
    async create(userId: number, title: string): Promise<ConversationRow> {
      const [row] = await db.insert(conversations).values({ userId, title }).returning();
      return row!;
    },
    async rename(id: number, title: string): Promise<ConversationRow | undefined> {
      // a rename is not activity: updated_at tracks messages (the "needs memory" rule reads it)
      const [row] = await db.update(conversations).set({ title }).where(eq(conversations.id, id)).returning();
      return row;
    },
    async remove(id: number): Promise<void> {
      await db.delete(conversations).where(eq(conversations.id, id));
    },
    /**
     * Moves a conversation's `updated_at` forward to a new message's time (never backwards); it has
     * messages now. `also`: more columns to set in the same statement.
     */
    async touch(id: number, at: Date, also: Partial<typeof conversations.$inferInsert> = {}): Promise<void> {
      await db
        .update(conversations)
        .set({
          ...also,
          updatedAt: sql`greatest(${conversations.updatedAt}, ${at.toISOString()}::timestamptz)`,
          hasMessages: true,
        })
        .where(eq(conversations.id, id));
    },
  };
}
export type ConversationsRepository = ReturnType<typeof createConversationsRepository>;
