import { type Db, settings } from '@coach/data';
import { sql } from 'drizzle-orm';

export type SettingsRow = typeof settings.$inferSelect;
export type SettingsValues = Pick<SettingsRow, 'personaReview'>;

/** The one settings row. */
export function createSettingsRepository(db: Db) {
  return {
    async read(): Promise<SettingsRow | undefined> {
      const [row] = await db.select().from(settings);
      return row;
    },

    /** Writes the first values, unless some process wrote them before (first start only). */
    async insertFirst(values: SettingsValues): Promise<void> {
      await db.insert(settings).values(values).onConflictDoNothing();
    },

    async update(values: Partial<SettingsValues>): Promise<SettingsRow> {
      const [row] = await db
        .update(settings)
        .set({ ...values, updatedAt: sql`now()` })
        .returning();
      return row!;
    },
  };
}
export type SettingsRepository = ReturnType<typeof createSettingsRepository>;
