import { and, asc, count, desc, eq, exists, gt, isNull, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { conversationMemories, conversations, messages, userPersonas, users } from '../db/schema.ts';

/** What a selection found: the ids to work on (at most the limit) and how many qualified in all. */
export interface Selection {
  ids: number[];
  eligible: number;
}

/**
 * The selections of SYSTEM.md, "Memory and persona generation". Each names the indexes that serve
 * it; none scans a table beyond the rows it is about.
 */
export function createSelectionsRepository(db: Db) {
  // at least one message: a probe of messages_conversation_idx (conversation_id, timestamp, id)
  const hasMessages = exists(
    db.select({ one: sql`1` }).from(messages).where(eq(messages.conversationId, conversations.id)),
  );

  // no memory, or one older than the conversation's last activity: a probe of
  // conversation_memories_conversation_updated_idx (conversation_id, updated_at), index-only
  const memoryIsStale = or(
    isNull(conversationMemories.id),
    lt(conversationMemories.updatedAt, conversations.updatedAt),
  );

  /** Conversations (ids, and the total count) matching `where`, in `order`, at most `limit` of them. */
  async function selectConversations(where: SQL | undefined, order: SQL[], limit: number | null): Promise<Selection> {
    const [total] = await db
      .select({ n: count() })
      .from(conversations)
      .leftJoin(conversationMemories, eq(conversationMemories.conversationId, conversations.id))
      .where(where);
    if (limit === 0) return { ids: [], eligible: total?.n ?? 0 };
    const page = db
      .select({ id: conversations.id })
      .from(conversations)
      .leftJoin(conversationMemories, eq(conversationMemories.conversationId, conversations.id))
      .where(where)
      .orderBy(...order);
    const rows = limit === null ? await page : await page.limit(limit);
    return { ids: rows.map((r) => r.id), eligible: total?.n ?? 0 };
  }

  return {
    /**
     * The global trigger: conversations idle since `idleBefore` that need a memory, the longest idle
     * first. A range scan of conversations_updated_idx (updated_at, id), then the two probes above.
     */
    conversationsNeedingMemory(idleBefore: Date, limit: number | null): Promise<Selection> {
      return selectConversations(
        and(lte(conversations.updatedAt, idleBefore), hasMessages, memoryIsStale),
        [asc(conversations.updatedAt), asc(conversations.id)],
        limit,
      );
    },

    /**
     * One student's conversations for a memory refresh, the latest first (no idle threshold: an operator
     * acting on one student sees their latest conversations). `onlyNeeding`: only those without an
     * up-to-date memory; `includeEmpty`: conversations without messages too. Served by
     * conversations_user_updated_idx (user_id, updated_at desc, id desc), then the probes above.
     */
    userConversationsForMemory(
      userId: number,
      options: { onlyNeeding: boolean; includeEmpty: boolean },
      limit: number | null,
    ): Promise<Selection> {
      return selectConversations(
        and(
          eq(conversations.userId, userId),
          options.includeEmpty ? undefined : hasMessages,
          options.onlyNeeding ? memoryIsStale : undefined,
        ),
        [desc(conversations.updatedAt), desc(conversations.id)],
        limit,
      );
    },

    /**
     * Students needing a persona: at least one memory, and no persona or a memory updated after it
     * (`updated_at`: a refreshed memory counts, not only a new one). Per student one probe of
     * user_personas_user_id_unique and an EXISTS over conversations_user_updated_idx joined to
     * conversation_memories_conversation_updated_idx that stops at the first newer memory.
     */
    async usersNeedingPersona(onlyUserId: number | undefined, limit: number | null): Promise<Selection> {
      const newerMemory = exists(
        db
          .select({ one: sql`1` })
          .from(conversations)
          .innerJoin(conversationMemories, eq(conversationMemories.conversationId, conversations.id))
          .where(
            and(
              eq(conversations.userId, users.id),
              or(isNull(userPersonas.updatedAt), gt(conversationMemories.updatedAt, userPersonas.updatedAt)),
            ),
          ),
      );
      const where = and(onlyUserId === undefined ? undefined : eq(users.id, onlyUserId), newerMemory);
      const [total] = await db
        .select({ n: count() })
        .from(users)
        .leftJoin(userPersonas, eq(userPersonas.userId, users.id))
        .where(where);
      if (limit === 0) return { ids: [], eligible: total?.n ?? 0 };
      const page = db
        .select({ id: users.id })
        .from(users)
        .leftJoin(userPersonas, eq(userPersonas.userId, users.id))
        .where(where)
        .orderBy(asc(users.id));
      const rows = limit === null ? await page : await page.limit(limit);
      return { ids: rows.map((r) => r.id), eligible: total?.n ?? 0 };
    },

    /** A conversation, its student, and whether it has any message (messages_conversation_idx). */
    async conversationForMemory(id: number) {
      const [row] = await db
        .select({ id: conversations.id, userId: conversations.userId, hasMessages: sql<boolean>`${hasMessages}` })
        .from(conversations)
        .where(eq(conversations.id, id));
      return row;
    },
  };
}
export type SelectionsRepository = ReturnType<typeof createSelectionsRepository>;
