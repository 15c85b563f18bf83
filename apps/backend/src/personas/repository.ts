import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { userPersonas } from '../db/schema.ts';

export type PersonaRow = typeof userPersonas.$inferSelect;

export function createPersonasRepository(db: Db) {
  return {
    async findByUser(userId: number): Promise<PersonaRow | undefined> {
      const [row] = await db.select().from(userPersonas).where(eq(userPersonas.userId, userId));
      return row;
    },

    /** Insert or replace a student's persona; the row keeps its id and created_at. */
    async upsert(userId: number, personaData: Record<string, unknown>): Promise<PersonaRow> {
      const [row] = await db
        .insert(userPersonas)
        .values({ userId, personaData })
        .onConflictDoUpdate({ target: userPersonas.userId, set: { personaData, updatedAt: sql`now()` } })
        .returning();
      return row!;
    },
  };
}
export type PersonasRepository = ReturnType<typeof createPersonasRepository>;
