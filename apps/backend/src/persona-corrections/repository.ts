import { type AuditActor, type Db, personaCorrections, users } from '@coach/data';
import { and, asc, eq, sql } from 'drizzle-orm';

export type CorrectionRow = typeof personaCorrections.$inferSelect;
export type CorrectionStatus = CorrectionRow['status'];

export function createPersonaCorrectionsRepository(db: Db) {
  return {
    async insert(values: { userId: number; key: string | null; text: string }): Promise<CorrectionRow> {
      const [row] = await db.insert(personaCorrections).values(values).returning();
      return row!;
    },

    async findById(id: number): Promise<CorrectionRow | undefined> {
      const [row] = await db.select().from(personaCorrections).where(eq(personaCorrections.id, id));
      return row;
    },

    /** Resolves an open request; undefined when it is not (or no longer) open. */
    async resolve(id: number, note: string | null, resolvedBy: AuditActor): Promise<CorrectionRow | undefined> {
      const [row] = await db
        .update(personaCorrections)
        .set({ status: 'resolved', note, resolvedAt: sql`now()`, resolvedBy })
        .where(and(eq(personaCorrections.id, id), eq(personaCorrections.status, 'open')))
        .returning();
      return row;
    },

    /** Requests across students by status, oldest first (index persona_corrections_status_created_idx). */
    async listByStatus(status: CorrectionStatus, limit: number, offset: number) {
      return db
        .select({ correction: personaCorrections, name: users.name })
        .from(personaCorrections)
        .innerJoin(users, eq(users.id, personaCorrections.userId))
        .where(eq(personaCorrections.status, status))
        .orderBy(asc(personaCorrections.createdAt), asc(personaCorrections.id))
        .limit(limit)
        .offset(offset);
    },

    /** A student's requests, oldest first (their export). */
    async listForUser(userId: number): Promise<CorrectionRow[]> {
      return db
        .select()
        .from(personaCorrections)
        .where(eq(personaCorrections.userId, userId))
        .orderBy(asc(personaCorrections.createdAt), asc(personaCorrections.id));
    },
  };
}
export type PersonaCorrectionsRepository = ReturnType<typeof createPersonaCorrectionsRepository>;
