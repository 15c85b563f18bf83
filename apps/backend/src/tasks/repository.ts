import { conversationMemories, conversations, type Db, memoryIsStale, messages, users } from '@coach/data';
import { and, asc, count, desc, eq, inArray, lte, type SQL, sql } from 'drizzle-orm';

/** A conversation's transcript as a memory prompt holds it: its messages, and their characters. */
export interface TranscriptSize {
  conversationId: number;
  messages: number;
  studentMessages: number;
  characters: number;
}

/** A student's conversation as their persona prompt lists it: its memory's size and the student's excerpts. */
export interface PersonaMaterialSize {
  conversationId: number;
  /** Characters of the stored memory's JSON; null without a memory. */
  memoryCharacters: number | null;
  memoryUpdatedAt: Date | null;
  /** Characters of the student's first `excerptMessages` messages, each cut at `excerptChars`. */
  excerptCharacters: number;
}

/** What a selection found: the ids to work on (at most the limit) and how many qualified in all. */
export interface Selection {
  ids: number[];
  eligible: number;
}

/**
 * The selections of docs/GENERATION.md. They read columns of the rows they are
 * about — `has_messages`, and the mirrors of memory and persona times the database keeps (migration
 * 0001) — so each is served by one index and none scans a table beyond the rows it selects or counts.
 */
export function createSelectionsRepository(db: Db) {
  /** Conversations (ids, and the total count) matching `where`, in `order`, at most `limit` of them. */
  async function selectConversations(where: SQL | undefined, order: SQL[], limit: number | null): Promise<Selection> {
    const [total] = await db.select({ n: count() }).from(conversations).where(where);
    if (limit === 0) return { ids: [], eligible: total?.n ?? 0 };
    const page = db
      .select({ id: conversations.id })
      .from(conversations)
      .where(where)
      .orderBy(...order);
    const rows = limit === null ? await page : await page.limit(limit);
    return { ids: rows.map((r) => r.id), eligible: total?.n ?? 0 };
  }

  return {
    /**
     * The global trigger: conversations idle since `idleBefore` that need a memory, the longest idle
     * first. A range of the partial index conversations_needing_memory_idx (updated_at, id), which
     * holds only the conversations needing one: the count reads those and nothing else.
     */
    conversationsNeedingMemory(idleBefore: Date, limit: number | null): Promise<Selection> {
      return selectConversations(
        and(sql`${conversations.needsMemory}`, lte(conversations.updatedAt, idleBefore)),
        [asc(conversations.updatedAt), asc(conversations.id)],
        limit,
      );
    },

    /**
     * One student's conversations for a memory refresh, the latest first (no idle threshold: an operator
     * acting on one student sees their latest conversations). `onlyNeeding`: only those without an
     * up-to-date memory; `includeEmpty`: conversations without messages too. Served by
     * conversations_user_updated_idx (user_id, updated_at desc, id desc).
     */
    userConversationsForMemory(
      userId: number,
      options: { onlyNeeding: boolean; includeEmpty: boolean },
      limit: number | null,
    ): Promise<Selection> {
      return selectConversations(
        and(
          eq(conversations.userId, userId),
          options.includeEmpty ? undefined : conversations.hasMessages,
          options.onlyNeeding ? memoryIsStale(conversations) : undefined,
        ),
        [desc(conversations.updatedAt), desc(conversations.id)],
        limit,
      );
    },

    /**
     * Students needing a persona: at least one memory, and no persona or a memory updated after it
     * (`updated_at`: a refreshed memory counts, not only a new one). The partial index
     * users_needing_persona_idx holds exactly those students, by id.
     */
    async usersNeedingPersona(limit: number | null): Promise<Selection> {
      const where = sql`${users.needsPersona}`;
      const [total] = await db.select({ n: count() }).from(users).where(where);
      if (limit === 0) return { ids: [], eligible: total?.n ?? 0 };
      const page = db.select({ id: users.id }).from(users).where(where).orderBy(asc(users.id));
      const rows = limit === null ? await page : await page.limit(limit);
      return { ids: rows.map((r) => r.id), eligible: total?.n ?? 0 };
    },

    /** The transcripts' sizes of these conversations (dry runs): one grouped pass over their messages. */
    async transcriptSizes(conversationIds: number[]): Promise<TranscriptSize[]> {
      if (conversationIds.length === 0) return [];
      const rows = await db
        .select({
          conversationId: messages.conversationId,
          messages: count(),
          studentMessages: sql<number>`count(*) filter (where ${messages.isUser})::int`,
          characters: sql<number>`coalesce(sum(length(${messages.content})), 0)::int`,
        })
        .from(messages)
        .where(inArray(messages.conversationId, conversationIds))
        .groupBy(messages.conversationId);
      return rows;
    },

    /** A student's conversations with their memory's size and their first words (dry runs of a persona). */
    async personaMaterialSizes(
      userId: number,
      excerpt: { messages: number; characters: number },
    ): Promise<PersonaMaterialSize[]> {
      return db
        .select({
          conversationId: conversations.id,
          memoryCharacters: sql<number | null>`length(${conversationMemories.memoryData}::text)`,
          memoryUpdatedAt: conversationMemories.updatedAt,
          excerptCharacters: sql<number>`(
            select coalesce(sum(least(length(first.content), ${excerpt.characters}) + 3), 0)::int
              from (select ${messages.content} as content from ${messages}
                     where ${messages.conversationId} = ${conversations.id} and ${messages.isUser}
                     order by ${messages.id} limit ${excerpt.messages}) as first)`,
        })
        .from(conversations)
        .leftJoin(conversationMemories, eq(conversationMemories.conversationId, conversations.id))
        .where(eq(conversations.userId, userId));
    },

    /** A conversation, its student, and whether it has any message. */
    async conversationForMemory(id: number) {
      const [row] = await db
        .select({ id: conversations.id, userId: conversations.userId, hasMessages: conversations.hasMessages })
        .from(conversations)
        .where(eq(conversations.id, id));
      return row;
    },
  };
}
export type SelectionsRepository = ReturnType<typeof createSelectionsRepository>;
