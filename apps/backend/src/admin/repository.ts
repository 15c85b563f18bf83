import {
  conversationMemories,
  conversations,
  type Db,
  messagePipelineData,
  messages,
  userPersonas,
  users,
} from '@coach/data';
import { asc, count, desc, eq, ilike, or, sql } from 'drizzle-orm';

/** `text` as an ILIKE pattern that finds it anywhere; its own `%`, `_` and `\` match literally. */
export function containingPattern(text: string): string {
  // backslash is LIKE's default escape character
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function createAdminRepository(db: Db) {
  return {
    /**
     * One page of students, newest first, each with their number of conversations and whether they
     * have a persona. The page is chosen first, so the counting (a lateral subquery served by the
     * index on conversations.user_id) runs only for the students on it.
     */
    async listStudents(search: string | undefined, limit: number, offset: number) {
      const pattern = search ? containingPattern(search) : undefined;
      const page = db
        .select()
        .from(users)
        .where(pattern ? or(ilike(users.name, pattern), ilike(users.phoneNumber, pattern)) : undefined)
        .orderBy(desc(users.createdAt), desc(users.id))
        .limit(limit)
        .offset(offset)
        .as('page');
      const conversationCount = db
        .select({ value: count().as('value') })
        .from(conversations)
        .where(eq(conversations.userId, page.id))
        .as('conversation_count');
      return db
        .select({
          user: { id: page.id, phoneNumber: page.phoneNumber, name: page.name, createdAt: page.createdAt },
          conversationCount: conversationCount.value,
          hasPersona: sql<boolean>`${userPersonas.id} is not null`,
        })
        .from(page)
        .innerJoinLateral(conversationCount, sql`true`)
        .leftJoin(userPersonas, eq(userPersonas.userId, page.id))
        .orderBy(desc(page.createdAt), desc(page.id));
    },

    /** A student's conversations, newest first (as in their sidebar), with whether each has a memory. */
    async listConversationsWithMemoryFlag(userId: number) {
      return db
        .select({
          id: conversations.id,
          title: conversations.title,
          updatedAt: conversations.updatedAt,
          hasMemory: sql<boolean>`${conversationMemories.id} is not null`,
        })
        .from(conversations)
        .leftJoin(conversationMemories, eq(conversationMemories.conversationId, conversations.id))
        .where(eq(conversations.userId, userId))
        .orderBy(desc(conversations.updatedAt), desc(conversations.id));
    },

    /** Every conversation of a student, oldest first. */
    async listConversations(userId: number) {
      return db
        .select()
        .from(conversations)
        .where(eq(conversations.userId, userId))
        .orderBy(asc(conversations.createdAt), asc(conversations.id));
    },

    /** Every message of a student, oldest first, each with its pipeline data (coach replies have some). */
    async listMessagesWithPipelineData(userId: number) {
      return db
        .select({ message: messages, pipelineData: messagePipelineData.pipelineData })
        .from(messages)
        .innerJoin(conversations, eq(conversations.id, messages.conversationId))
        .leftJoin(messagePipelineData, eq(messagePipelineData.messageId, messages.id))
        .where(eq(conversations.userId, userId))
        .orderBy(asc(messages.timestamp), asc(messages.id));
    },

    /**
     * Deletes a student; foreign keys cascade to everything stored about them, and prompt versions
     * they wrote lose their author. False when there was no such student.
     */
    async deleteStudent(userId: number): Promise<boolean> {
      const deleted = await db.delete(users).where(eq(users.id, userId)).returning({ id: users.id });
      return deleted.length > 0;
    },
  };
}
export type AdminRepository = ReturnType<typeof createAdminRepository>;
