import { type Db, userFeedback } from '@coach/data';
import { asc, eq } from 'drizzle-orm';

export type FeedbackRow = typeof userFeedback.$inferSelect;

export function createFeedbackRepository(db: Db) {
  return {
    async add(userId: number, feedbackData: Record<string, unknown>): Promise<FeedbackRow> {
      const [row] = await db.insert(userFeedback).values({ userId, feedbackData }).returning();
      return row!;
    },
    async listForUser(userId: number): Promise<FeedbackRow[]> {
      return db
        .select()
        .from(userFeedback)
        .where(eq(userFeedback.userId, userId))
        .orderBy(asc(userFeedback.createdAt), asc(userFeedback.id));
    },
  };
}
export type FeedbackRepository = ReturnType<typeof createFeedbackRepository>;
