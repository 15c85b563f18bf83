import {
  type AuditActor,
  conversationMemories,
  conversations,
  type Db,
  messages,
  personaRevisions,
  users,
} from '@coach/data';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';

export type RevisionRow = typeof personaRevisions.$inferSelect;
export type NewRevision = Omit<typeof personaRevisions.$inferInsert, 'id' | 'number' | 'createdAt' | 'decidedAt'>;

/** The named SQL of persona revisions. Writes expect the caller to hold the student's lock (`lockStudent`). */
export function createPersonaRevisionsRepository(db: Db) {
  return {
    /**
     * Serializes every revision write and decision of one student until the transaction ends: a row
     * lock on the student (not a key lock, so their messages and memories are still written meanwhile).
     * False when there is no such student.
     */
    async lockStudent(userId: number): Promise<boolean> {
      const rows = await db.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('no key update');
      return rows.length > 0;
    },

    /** A new revision numbered after the student's last one; an approved one is decided as it is made. */
    async insert(values: NewRevision): Promise<RevisionRow> {
      const [row] = await db
        .insert(personaRevisions)
        .values({
          ...values,
          decidedAt: values.status === 'approved' ? sql`now()` : null,
          number: sql`(select coalesce(max(${personaRevisions.number}), 0) + 1 from ${personaRevisions} where ${personaRevisions.userId} = ${values.userId})`,
        })
        .returning();
      return row!;
    },

    /** Marks the student's pending generator revisions superseded (a newer one replaces them). */
    async supersedePending(userId: number): Promise<void> {
      await db
        .update(personaRevisions)
        .set({ status: 'superseded', decidedAt: sql`now()` })
        .where(
          and(
            eq(personaRevisions.userId, userId),
            eq(personaRevisions.status, 'pending'),
            eq(personaRevisions.source, 'generator'),
          ),
        );
    },

    /** Decides a pending revision; undefined when it is not (or no longer) pending. */
    async decide(
      id: number,
      decision: { status: 'approved' | 'rejected'; reason?: string | null; decidedBy: AuditActor },
    ): Promise<RevisionRow | undefined> {
      const [row] = await db
        .update(personaRevisions)
        .set({
          status: decision.status,
          reason: decision.reason ?? null,
          decidedAt: sql`now()`,
          decidedBy: decision.decidedBy,
        })
        .where(and(eq(personaRevisions.id, id), eq(personaRevisions.status, 'pending')))
        .returning();
      return row;
    },

    async findById(id: number): Promise<RevisionRow | undefined> {
      const [row] = await db.select().from(personaRevisions).where(eq(personaRevisions.id, id));
      return row;
    },

    /** A student's revisions, newest first. */
    async listForUser(userId: number): Promise<RevisionRow[]> {
      return db
        .select()
        .from(personaRevisions)
        .where(eq(personaRevisions.userId, userId))
        .orderBy(desc(personaRevisions.number));
    },

    /** The review queue across students, oldest first (index persona_revisions_status_created_idx). */
    async listByStatus(status: RevisionRow['status'], limit: number, offset: number) {
      return db
        .select({ revision: personaRevisions, name: users.name })
        .from(personaRevisions)
        .innerJoin(users, eq(users.id, personaRevisions.userId))
        .where(eq(personaRevisions.status, status))
        .orderBy(asc(personaRevisions.createdAt), asc(personaRevisions.id))
        .limit(limit)
        .offset(offset);
    },

    /** Which of `memoryIds` are memories of the student's conversations, with their words. */
    async listStudentMemories(userId: number, memoryIds: number[]) {
      if (memoryIds.length === 0) return [];
      return db
        .select({
          id: conversationMemories.id,
          conversationId: conversationMemories.conversationId,
          memoryData: conversationMemories.memoryData,
        })
        .from(conversationMemories)
        .innerJoin(conversations, eq(conversations.id, conversationMemories.conversationId))
        .where(and(eq(conversations.userId, userId), inArray(conversationMemories.id, memoryIds)));
    },

    /** What the student wrote in these conversations (their own messages only, not the coach's). */
    async listStudentMessages(conversationIds: number[]) {
      if (conversationIds.length === 0) return [];
      return db
        .select({ conversationId: messages.conversationId, content: messages.content })
        .from(messages)
        .where(and(inArray(messages.conversationId, conversationIds), eq(messages.isUser, true)));
    },
  };
}
export type PersonaRevisionsRepository = ReturnType<typeof createPersonaRevisionsRepository>;
