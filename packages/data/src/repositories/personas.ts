import { eq, sql } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { userPersonas } from '../schema.ts';

export type PersonaRow = typeof userPersonas.$inferSelect;

export function createPersonasRepository(db: Db) {
  return {
    async findByUser(userId: number): Promise<PersonaRow | undefined> {
      const [row] = await db.select().from(userPersonas).where(eq(userPersonas.userId, userId));
      return row;
    },

    /**
     * Makes an approved revision the student's current persona (insert or replace; the row keeps its id
     * and created_at). Called only by the revision service, in the transaction that approves it.
     */
    async setCurrent(userId: number, personaData: Record<string, unknown>, revisionId: number): Promise<PersonaRow> {
      const [row] = await db
        .insert(userPersonas)
        .values({ userId, personaData, revisionId })
        .onConflictDoUpdate({
          target: userPersonas.userId,
          set: { personaData, revisionId, updatedAt: sql`now()` },
        })
        .returning();
      return row!;
    },
  };
}
export type PersonasRepository = ReturnType<typeof createPersonasRepository>;
